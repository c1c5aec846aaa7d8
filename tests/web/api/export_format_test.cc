#include "web/api/export_format.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "web/api/api_json.h"

using nlohmann::json;
using namespace tellal;
using namespace tellal::web;

namespace {

// The members of an API object, a nested object's as parent_child.
std::set<std::string> FlatKeys(const json& object) {
  std::set<std::string> keys;
  for (const auto& [key, value] : object.items()) {
    if (key == "error") {
      keys.insert({"error_code", "error_text"});
    } else {
      keys.insert(key);
    }
  }
  return keys;
}

std::set<std::string> Columns(ExportKind kind) {
  return std::set<std::string>(ExportColumns(kind).begin(), ExportColumns(kind).end());
}

}  // namespace

TEST_CASE("CsvFieldsAreQuotedOnlyWhenRfc4180NeedsIt", "[export]") {
  auto [value, field] = GENERATE(table<std::string, std::string>({
      {"plain", "plain"},
      {"", ""},
      {"a,b", "\"a,b\""},
      {"say \"hi\"", "\"say \"\"hi\"\"\""},
      {"two\nlines", "\"two\nlines\""},
      {"cr\rhere", "\"cr\rhere\""},
      {"Ayşe; İstanbul", "Ayşe; İstanbul"},
  }));
  CHECK(CsvField(value) == field);
}

// A member added to the API's objects must get a CSV column too.
TEST_CASE("CsvColumnsAreExactlyTheApiMembers", "[export]") {
  store::Message m;
  m.error_code = "CMS 500";
  CHECK(Columns(ExportKind::kMessages) == FlatKeys(MessageJson(m)));
  CHECK(Columns(ExportKind::kInbox) == FlatKeys(InboxMessageJson(store::InboxMessage{})));
}

TEST_CASE("AMessageExportsAsOneJsonLineOrOneCsvLine", "[export]") {
  store::Message m;
  m.id = 7;
  m.to = "+905321234567";
  m.text = "Merhaba, \"Ayşe\"\nyarın";
  m.encoding = "gsm7";
  m.state = store::MessageState::kFailed;
  m.error_code = "CMS 500";
  m.error_text = "unknown error";
  m.created_at = 1'780'000'000'000;
  const std::string jsonl = ExportLine(m, ExportFormat::kJsonLines);
  REQUIRE(jsonl.back() == '\n');
  CHECK(jsonl.find('\n') == jsonl.size() - 1);
  CHECK(json::parse(jsonl) == MessageJson(m));

  const std::string csv = ExportLine(m, ExportFormat::kCsv);
  CHECK_THAT(csv, Catch::StartsWith("7,,+905321234567,\"Merhaba, \"\"Ayşe\"\"\nyarın\",gsm7,"));
  CHECK_THAT(csv, Catch::Contains(",failed,"));
  CHECK_THAT(csv, Catch::Contains(",CMS 500,unknown error,false,false,"));
  CHECK_THAT(csv, Catch::EndsWith("\r\n"));
  CHECK(ExportHeader(ExportKind::kMessages, ExportFormat::kJsonLines).empty());
  CHECK_THAT(ExportHeader(ExportKind::kMessages, ExportFormat::kCsv), Catch::StartsWith("id,client_ref,to,text,"));
}

TEST_CASE("ExportNamesParse", "[export]") {
  CHECK(ParseExportFormat("jsonl") == ExportFormat::kJsonLines);
  CHECK(ParseExportFormat("csv") == ExportFormat::kCsv);
  CHECK_FALSE(ParseExportFormat("JSON").has_value());
  CHECK(ParseExportKind("messages") == ExportKind::kMessages);
  CHECK(ParseExportKind("inbox") == ExportKind::kInbox);
  CHECK_FALSE(ParseExportKind("outbox").has_value());
}
