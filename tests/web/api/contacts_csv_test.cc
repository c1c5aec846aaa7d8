#include "web/api/contacts_csv.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

namespace tellal::web {
namespace {

CsvTable Parse(const std::string& text) {
  std::string why;
  auto table = ParseCsv(text, &why);
  INFO(why);
  REQUIRE(table.has_value());
  return std::move(*table);
}

using Fields = std::vector<std::string>;

TEST_CASE("ACommaSeparatedFileWithABomReadsIntoHeaderAndRows", "[contacts_csv]") {
  const CsvTable t = Parse("\xEF\xBB\xBFnumber,name,city\r\n+905321234567,Ayşe Yılmaz,İstanbul\r\n");
  CHECK(t.separator == ',');
  CHECK(t.header.fields == Fields{"number", "name", "city"});
  REQUIRE(t.rows.size() == 1);
  CHECK(t.rows[0].row == 2);
  CHECK(t.rows[0].fields == Fields{"+905321234567", "Ayşe Yılmaz", "İstanbul"});
  CHECK_FALSE(t.rows[0].error);
}

TEST_CASE("ASemicolonHeaderMakesTheSemicolonTheSeparator", "[contacts_csv]") {
  // What a Turkish-locale spreadsheet writes: `;` between fields, `,` in
  // decimals.
  const CsvTable t = Parse("telefon;ad;bakiye\n05321234567;Çağrı Öztürk;12,50\n");
  CHECK(t.separator == ';');
  REQUIRE(t.rows.size() == 1);
  CHECK(t.rows[0].fields == Fields{"05321234567", "Çağrı Öztürk", "12,50"});
}

TEST_CASE("QuotedFieldsHoldSeparatorsQuotesAndLineBreaks", "[contacts_csv]") {
  const CsvTable t = Parse(
      "number,name,note\n"
      "\"+905320000001\",\"Yılmaz, Ayşe\",\"she said \"\"dur\"\"\"\n"
      "+905320000002,Şule,\"two\nlines\"\n"
      "+905320000003,\"\",\n");
  REQUIRE(t.rows.size() == 3);
  CHECK(t.rows[0].fields == Fields{"+905320000001", "Yılmaz, Ayşe", "she said \"dur\""});
  CHECK(t.rows[1].fields == Fields{"+905320000002", "Şule", "two\nlines"});
  CHECK(t.rows[2].fields == Fields{"+905320000003", "", ""});
  CHECK(t.rows[2].row == 4);  // a record per row, however many lines it spans
}

TEST_CASE("SeparatorsInsideQuotedHeaderNamesDoNotDecideTheSeparator", "[contacts_csv]") {
  const CsvTable t = Parse("\"a;b;c\",number\n1,2\n");
  CHECK(t.separator == ',');
  CHECK(t.header.fields == Fields{"a;b;c", "number"});
}

TEST_CASE("MalformedRecordsCarryTheirErrorAndTheRestReadOn", "[contacts_csv]") {
  auto [text, error] = GENERATE(table<std::string, std::string>({
      {"number\n\"+90532 x\"y\n+905320000002\n", "text after a closing quote"},
      {"number\n\xFF\xFE\n+905320000002\n", "not UTF-8 text"},
  }));
  const CsvTable t = Parse(text);
  REQUIRE(t.rows.size() == 2);
  CHECK(t.rows[0].error == error);
  CHECK(t.rows[0].row == 2);
  CHECK_FALSE(t.rows[1].error);
  CHECK(t.rows[1].fields == Fields{"+905320000002"});
}

TEST_CASE("AQuoteNeverClosedIsAnErrorOfItsRecord", "[contacts_csv]") {
  const CsvTable t = Parse("number,name\n+905320000001,\"Ali\n");
  REQUIRE(t.rows.size() == 1);
  CHECK(t.rows[0].error == "a quoted field is not closed");
}

TEST_CASE("BlankLinesAreSkippedButCounted", "[contacts_csv]") {
  const CsvTable t = Parse("\nnumber\n\n+905320000001\n\r\n+905320000002");
  CHECK(t.header.row == 2);
  REQUIRE(t.rows.size() == 2);
  CHECK(t.rows[0].row == 4);
  CHECK(t.rows[1].row == 6);
  CHECK(t.rows[1].fields == Fields{"+905320000002"});  // no line break at the end
}

TEST_CASE("AnEmptyFileHasNoHeader", "[contacts_csv]") {
  std::string why;
  CHECK_FALSE(ParseCsv("", &why).has_value());
  CHECK_FALSE(ParseCsv("\xEF\xBB\xBF\r\n\n", &why).has_value());
  CHECK_THAT(why, Catch::Contains("header"));
}

}  // namespace
}  // namespace tellal::web
