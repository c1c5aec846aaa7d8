#include "daemon/text/message_template.h"

#include <catch2/catch.hpp>
#include <map>
#include <string>
#include <vector>

using tellal::text::CheckFields;
using tellal::text::MessageTemplate;

namespace {

const std::map<std::string, std::string> kValues = {{"name", "Ayşe"}, {"code", "4821"}};

std::string ExpandWithValues(const MessageTemplate& t) {
  auto text = t.Expand([](const std::string& name) -> std::optional<std::string_view> {
    auto it = kValues.find(name);
    if (it == kValues.end()) return std::nullopt;
    return it->second;
  });
  REQUIRE(text.ok());
  return *text;
}

}  // namespace

TEST_CASE("Templates replace fields and unescape braces", "[template]") {
  auto [text, expanded, fields] = GENERATE(table<std::string, std::string, std::vector<std::string>>({
      {"Merhaba {name}, kodunuz {code}", "Merhaba Ayşe, kodunuz 4821", {"name", "code"}},
      {"{{literal}} {name}", "{literal} Ayşe", {"name"}},
      {"}}{{", "}{", {}},
      {"{{{name}}}", "{Ayşe}", {"name"}},
      {"{ name }!", "Ayşe!", {"name"}},
      {"{code}{name}{code}", "4821Ayşe4821", {"code", "name"}},
      {"no fields at all", "no fields at all", {}},
      {"", "", {}},
  }));
  CAPTURE(text);
  auto t = MessageTemplate::Parse(text);
  REQUIRE(t.ok());
  CHECK(t->fields() == fields);
  CHECK(ExpandWithValues(*t) == expanded);
}

TEST_CASE("Template errors give the character position and the escape", "[template]") {
  auto [text, message] = GENERATE(table<std::string, std::string>({
      {"Merhaba {name", "text: '{' at character 9 is never closed (write {{ for a literal brace)"},
      {"a } b", "text: '}' at character 3 closes no field (write }} for a literal brace)"},
      {"x {} y", "text: empty field name at character 3 (write {{}} for literal braces)"},
      {"x {  } y", "text: empty field name at character 3 (write {{}} for literal braces)"},
      // 'ğ' is two bytes and one character.
      {"ğ{a{b}", "text: '{' at character 4 inside the field opened at character 2 (write {{ for a literal brace)"},
      {"{name}}", "text: '}' at character 7 closes no field (write }} for a literal brace)"},
  }));
  CAPTURE(text);
  auto t = MessageTemplate::Parse(text);
  REQUIRE_FALSE(t.ok());
  CHECK(t.error().message == message);
}

TEST_CASE("CheckFields names an unknown field and lists the columns", "[template]") {
  const std::vector<std::string> columns = {"to", "name", "code"};
  auto [text, message] = GENERATE(table<std::string, std::string>({
      {"Merhaba {name}", ""},
      {"{to} {name} {code}", ""},
      {"Merhaba {nmae}", "text: the template uses {nmae}, but the file has no column 'nmae'; columns: to, name, code"},
      {"Merhaba {Name}", "text: the template uses {Name}, but the file has no column 'Name' (did you mean {name}?)"},
  }));
  CAPTURE(text);
  auto t = MessageTemplate::Parse(text);
  REQUIRE(t.ok());
  auto status = CheckFields(*t, columns);
  CHECK(status.message() == message);
  CHECK(status.ok() == message.empty());
}

TEST_CASE("A default stands in for a missing or empty value, without one the field is named", "[template]") {
  const std::map<std::string, std::string> values = {{"name", ""}, {"city", "Iğdır"}};
  const auto lookup = [&](const std::string& field) -> std::optional<std::string_view> {
    auto it = values.find(field);
    if (it == values.end()) return std::nullopt;
    return it->second;
  };
  auto [text, expanded] = GENERATE(table<std::string, std::string>({
      {"Merhaba {name|Değerli müşterimiz}", "Merhaba Değerli müşterimiz"},
      {"Merhaba { name | Değerli müşterimiz }!", "Merhaba Değerli müşterimiz!"},
      {"{city|İstanbul} şubemiz", "Iğdır şubemiz"},
      {"{segment|} indirim", " indirim"},
      {"{segment|a|b}", "a|b"},
      {"Merhaba {name}", "ERROR no value for {name}"},
      {"{city} {segment}", "ERROR no value for {segment}"},
  }));
  CAPTURE(text);
  auto t = MessageTemplate::Parse(text);
  REQUIRE(t.ok());
  auto out = t->Expand(lookup);
  CHECK((out.ok() ? *out : "ERROR " + out.error().message) == expanded);
}

TEST_CASE("Only fields without a default are required", "[template]") {
  auto t = MessageTemplate::Parse("{name|Müşterimiz} {code} {name} {city|}");
  REQUIRE(t.ok());
  CHECK(t->fields() == std::vector<std::string>{"name", "code", "city"});
  CHECK(t->required_fields() == std::vector<std::string>{"code", "name"});
  CHECK(CheckFields(*t, {"to", "code", "name"}).ok());
  CHECK_FALSE(CheckFields(*t, {"to", "code"}).ok());
  auto only_defaults = MessageTemplate::Parse("{name|Müşterimiz}");
  REQUIRE(only_defaults.ok());
  CHECK(CheckFields(*only_defaults, {"to"}).ok());
}
