#include "daemon/cli/recipients_csv.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

using tellal::cli::CsvRecord;
using tellal::cli::ExpandRecipients;
using tellal::text::MessageTemplate;
using tellal::cli::ParseCsv;
using tellal::cli::ParseRecipients;
using Rows = std::vector<std::vector<std::string>>;
using Lines = std::vector<size_t>;

namespace {

Rows FieldsOf(const std::vector<CsvRecord>& records) {
  Rows out;
  for (const CsvRecord& r : records) out.push_back(r.fields);
  return out;
}

Lines LinesOf(const std::vector<CsvRecord>& records) {
  Lines out;
  for (const CsvRecord& r : records) out.push_back(r.line);
  return out;
}

MessageTemplate Template(const std::string& text) {
  auto t = MessageTemplate::Parse(text);
  REQUIRE(t.ok());
  return *t;
}

}  // namespace

TEST_CASE("ParseCsv reads RFC 4180 records", "[csv]") {
  auto [name, text, rows, lines] = GENERATE(table<std::string, std::string, Rows, Lines>({
      {"LF", "to,name\n+905321234567,Ali\n", {{"to", "name"}, {"+905321234567", "Ali"}}, {1, 2}},
      {"CRLF", "to,name\r\n+1,A\r\n", {{"to", "name"}, {"+1", "A"}}, {1, 2}},
      {"BOM", "\xEF\xBB\xBFto\n1\n", {{"to"}, {"1"}}, {1, 2}},
      {"quoted comma, doubled quote, line break",
       "to,text\n1,\"a, \"\"b\"\"\nc\"\n2,d\n",
       {{"to", "text"}, {"1", "a, \"b\"\nc"}, {"2", "d"}},
       {1, 2, 4}},
      {"quoted CRLF kept inside", "a\r\n\"x\r\ny\"\r\n", {{"a"}, {"x\r\ny"}}, {1, 2}},
      {"no final line break", "to\n1", {{"to"}, {"1"}}, {1, 2}},
      {"blank lines skipped", "to\n\n1\n\r\n2\n", {{"to"}, {"1"}, {"2"}}, {1, 3, 5}},
      {"empty fields", "a,b,c\n,,\n", {{"a", "b", "c"}, {"", "", ""}}, {1, 2}},
      {"trailing comma at end of file", "a,b\n1,", {{"a", "b"}, {"1", ""}}, {1, 2}},
      {"spaces around a quoted field", "a,b\n \"x\" ,y\n", {{"a", "b"}, {"x", "y"}}, {1, 2}},
      {"spaces in an unquoted field kept", "a,b\n x ,y\n", {{"a", "b"}, {" x ", "y"}}, {1, 2}},
      {"a quoted empty field is a record", "a\n\"\"\n", {{"a"}, {""}}, {1, 2}},
      {"UTF-8", "to,ad\n1,Ayşe Çığ 😀\n", {{"to", "ad"}, {"1", "Ayşe Çığ 😀"}}, {1, 2}},
      {"empty input", "", {}, {}},
  }));
  CAPTURE(name);
  auto parsed = ParseCsv(text);
  REQUIRE(parsed.ok());
  CHECK(FieldsOf(*parsed) == rows);
  CHECK(LinesOf(*parsed) == lines);
}

TEST_CASE("ParseCsv errors name the line and field", "[csv]") {
  auto [text, message] = GENERATE(table<std::string, std::string>({
      {"a\n\"open\n", "line 2, field 1: the quote opened here is never closed"},
      {"a,b\n1,x\"y\n",
       "line 2, field 2: a quote inside an unquoted field; put the whole field in quotes and double the quote "
       "(\"say \"\"hi\"\"\")"},
      {"a\n\"x\"y\n", "line 2, field 1: text after the closing quote (a quote inside a quoted field is written \"\")"},
      {"a,b\n\"x\ny\",\"z\"q\n",
       "line 3, field 2: text after the closing quote (a quote inside a quoted field is written \"\")"},
      {"a\r1\n", "line 1: a carriage return not followed by a line feed; use CRLF or LF line ends"},
      {"a\nAy\xfe"
       "e\n",
       "line 2: byte 3 is not UTF-8; save the file as UTF-8 (in Excel: \"CSV UTF-8\"), not in a legacy code page"},
  }));
  CAPTURE(text);
  auto parsed = ParseCsv(text);
  REQUIRE_FALSE(parsed.ok());
  CHECK(parsed.error().message == message);
}

TEST_CASE("ParseRecipients finds the phone column under any of its names", "[csv]") {
  auto [text, column, columns] = GENERATE(table<std::string, size_t, std::vector<std::string>>({
      {"to,name\n1,a\n", 0, {"to", "name"}},
      {"name,Phone\na,1\n", 1, {"name", "Phone"}},
      {" name , NUMBER \na,1\n", 1, {"name", "NUMBER"}},
  }));
  auto list = ParseRecipients(text);
  REQUIRE(list.ok());
  CHECK(list->to_column == column);
  CHECK(list->columns == columns);
  CHECK(list->rows.size() == 1);
}

TEST_CASE("ParseRecipients refuses headers and rows it cannot use", "[csv]") {
  auto [text, message] = GENERATE(table<std::string, std::string>({
      {"", "the file is empty; expected a header row such as: to,name"},
      {"\n\n", "the file is empty; expected a header row such as: to,name"},
      {"name,code\nAli,1\n",
       "line 1: no phone number column; name one 'to', 'phone' or 'number' (columns: name, code)"},
      {"to,phone\n1,2\n", "line 1: columns 'to' and 'phone' both look like the phone number; keep one"},
      {"to,,x\n1,2,3\n", "line 1: column 2 of the header has no name"},
      {"to,a,a\n1,2,3\n", "line 1: column 'a' appears twice in the header"},
      {"to,a\n1,x\n2\n", "row 2 (line 3): 1 fields, but the header has 2 columns"},
      {"to,a\n1,\"x\ny\"\n2,b,c\n", "row 2 (line 4): 3 fields, but the header has 2 columns"},
      {"to\n", "the file has a header but no recipients"},
  }));
  CAPTURE(text);
  auto list = ParseRecipients(text);
  REQUIRE_FALSE(list.ok());
  CHECK(list.error().message == message);
}

TEST_CASE("ExpandRecipients fills the template from each row", "[csv]") {
  auto list = ParseRecipients(
      "name,to,code,unused\n"
      "Ayşe, +905321234567 ,4821,\n"
      "\"Can \"\"Jr\"\"\",+905329876543,0007,x\n");
  REQUIRE(list.ok());
  auto out = ExpandRecipients(*list, Template("Merhaba {name}, kodunuz {code}. {{STOP}}"));
  REQUIRE(out.ok());
  REQUIRE(out->size() == 2);
  CHECK((*out)[0].row == 1);
  CHECK((*out)[0].to == "+905321234567");
  CHECK((*out)[0].text == "Merhaba Ayşe, kodunuz 4821. {STOP}");
  CHECK((*out)[1].row == 2);
  CHECK((*out)[1].text == "Merhaba Can \"Jr\", kodunuz 0007. {STOP}");
}

TEST_CASE("ExpandRecipients names the row and field of a missing value", "[csv]") {
  auto [text, message] = GENERATE(table<std::string, std::string>({
      {"to,name\n1,Ali\n2,\n", "row 2 (line 3): no value for {name}"},
      {"to,name\n,Ali\n", "row 1 (line 2): no phone number in column 'to'"},
      {"to,name\n  ,Ali\n", "row 1 (line 2): no phone number in column 'to'"},
      {"to,name\n1,\n2,\n3,\n4,\n5,\n6,\n7,\n",
       "row 1 (line 2): no value for {name}\nrow 2 (line 3): no value for {name}\nrow 3 (line 4): no value for "
       "{name}\nrow 4 (line 5): no value for {name}\nrow 5 (line 6): no value for {name}\n... and 2 more rows like "
       "these"},
  }));
  CAPTURE(text);
  auto list = ParseRecipients(text);
  REQUIRE(list.ok());
  auto out = ExpandRecipients(*list, Template("Merhaba {name}"));
  REQUIRE_FALSE(out.ok());
  CHECK(out.error().message == message);
}

TEST_CASE("ExpandRecipients refuses a field that is not a column", "[csv]") {
  auto list = ParseRecipients("to,name\n1,Ali\n");
  REQUIRE(list.ok());
  auto out = ExpandRecipients(*list, Template("Merhaba {name}, kodunuz {code}"));
  REQUIRE_FALSE(out.ok());
  CHECK(out.error().message == "text: the template uses {code}, but the file has no column 'code'; columns: to, name");
}

TEST_CASE("Empty values in columns the template does not use are fine", "[csv]") {
  auto list = ParseRecipients("to,name,note\n1,Ali,\n");
  REQUIRE(list.ok());
  auto out = ExpandRecipients(*list, Template("{to}: {name}"));
  REQUIRE(out.ok());
  CHECK(out->at(0).text == "1: Ali");
}
