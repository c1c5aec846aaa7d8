#include "modem/text/control_escape.h"

#include <catch2/catch.hpp>
#include <string>

namespace tellal::text {
namespace {

TEST_CASE("EscapeControls leaves nothing that can break or colour a log line", "[text]") {
  auto [input, expected] = GENERATE(table<std::string, std::string>({
      {"+CMTI: \"SM\",3", "+CMTI: \"SM\",3"},
      {"line\r\nwarn: forged", "line\\r\\nwarn: forged"},
      {"tab\there", "tab\\there"},
      {"\x1b[31mred", "\\x1b[31mred"},
      {std::string("nul\0byte", 8), "nul\\x00byte"},
      {"del\x7f", "del\\x7f"},
      {"next line \xc2\x85 here", "next line \\u0085 here"},
      {"csi \xc2\x9b", "csi \\u009b"},
      {"ls \xe2\x80\xa8 ps \xe2\x80\xa9", "ls \\u2028 ps \\u2029"},
      {"Şeker çay 😀 ı", "Şeker çay 😀 ı"},          // UTF-8 kept
      {"\xc2\xa0nbsp", "\xc2\xa0nbsp"},            // U+00A0 is not a control
      {"\xe2\x80\x94 dash", "\xe2\x80\x94 dash"},  // U+2014 neither
      {"back\\nslash", "back\\nslash"},            // already harmless
      {"cut \xc2", "cut \xc2"},                    // truncated sequence kept as is
      {"", ""},
  }));
  INFO(input);
  const std::string escaped = EscapeControls(input);
  CHECK(escaped == expected);
  for (char c : escaped) CHECK(static_cast<unsigned char>(c) >= 0x20);
}

}  // namespace
}  // namespace tellal::text
