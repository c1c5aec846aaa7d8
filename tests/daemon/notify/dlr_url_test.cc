#include "daemon/notify/dlr_url.h"

#include <catch2/catch.hpp>
#include <string>

namespace tellal::notify {
namespace {

DlrReport SampleReport() {
  DlrReport r;
  r.type = kDlrDeliveredToPhone;
  r.destination = "+905321234567";
  r.sender = "gsm0";
  r.answer = "Delivered to phone";
  r.unix_time = 1700000000;  // 2023-11-14 22:13:20 UTC
  r.message_id = 42;
  r.smsc_id = "gsm-0";
  r.foreign_id = "17";
  r.service = "app user";
  return r;
}

TEST_CASE("Each escape code expands to its value, URL-encoded as Kannel does", "[dlr_url]") {
  auto [pattern, expanded] = GENERATE(table<std::string, std::string>({
      {"%d", "1"},
      {"%p", "%2B905321234567"},
      {"%P", "gsm0"},
      {"%q", "%2B905321234567"},
      {"%Q", "gsm0"},
      {"%A", "Delivered+to+phone"},
      {"%b", "Delivered+to+phone"},
      {"%t", "2023-11-14+22:13:20"},
      {"%T", "1700000000"},
      {"%I", "42"},
      {"%i", "gsm-0"},
      {"%F", "17"},
      {"%n", "app+user"},
      {"%a", "Delivered+to+phone"},
      {"%k", "Delivered"},
      {"%s", "to"},
      {"%s/%s/%s", "to/phone/"},
      {"%r", "to+phone"},
      {"%s|%r", "to|phone"},
      {"%S", "to"},
      {"%%", "%"},
      {"100%%d", "100%d"},
  }));
  INFO(pattern);
  CHECK(ExpandDlrUrl(pattern, SampleReport()) == expanded);
}

TEST_CASE("A full Kannel dlr-url expands in one pass", "[dlr_url]") {
  const std::string pattern = "http://app.example:8080/dlr?id=%I&status=%d&to=%p&from=%P&smsc=%i&answer=%A&at=%t&ts=%T";
  CHECK(ExpandDlrUrl(pattern, SampleReport()) ==
        "http://app.example:8080/dlr?id=42&status=1&to=%2B905321234567&from=gsm0&smsc=gsm-0"
        "&answer=Delivered+to+phone&at=2023-11-14+22:13:20&ts=1700000000");
}

TEST_CASE("Values are encoded: spaces, reserved characters and UTF-8 bytes", "[dlr_url]") {
  auto [answer, encoded] = GENERATE(table<std::string, std::string>({
      {"a b", "a+b"},
      {"a&b=c", "a%26b%3Dc"},
      {"x?y#z/w", "x%3Fy%23z%2Fw"},
      {"1+1", "1%2B1"},
      {"50%", "50%25"},
      {"-_.!~*'()", "-_.!~*'()"},
      {"AZaz09", "AZaz09"},
      {"şğ İ", "%C5%9F%C4%9F+%C4%B0"},
      {"\"<>\\", "%22%3C%3E%5C"},
      {"tab\there", "tab%09here"},
      {"line\nbreak", "line%0Abreak"},
      {"", ""},
  }));
  DlrReport r = SampleReport();
  r.answer = answer;
  INFO(answer);
  CHECK(ExpandDlrUrl("%A", r) == encoded);
  CHECK(KannelUrlEncode(answer) == encoded);
}

TEST_CASE("A value holding an escape code is not expanded again", "[dlr_url]") {
  DlrReport r = SampleReport();
  r.answer = "%d %p";
  CHECK(ExpandDlrUrl("x=%A", r) == "x=%25d+%25p");
}

TEST_CASE("Unknown escapes stay as written, known codes without a value vanish", "[dlr_url]") {
  auto [pattern, expanded] = GENERATE(table<std::string, std::string>({
      {"%Z", "%Z"},
      {"a=%Zd", "a=%Zd"},
      {"%3D", "%3D"},
      {"%20x", "%20x"},
      {"end%", "end%"},
      {"%", "%"},
      {"%B%c%C%D%f%m%M%o%O%R%u%v%V", ""},
      {"m=%#smpp#my_param#&x", "m=&x"},
      {"m=%#broken", "m=%#broken"},
      {"m=%#group#only", "m=%#group#only"},
  }));
  INFO(pattern);
  CHECK(ExpandDlrUrl(pattern, SampleReport()) == expanded);
}

TEST_CASE("%q and %Q show a leading 00 as an encoded plus", "[dlr_url]") {
  DlrReport r = SampleReport();
  r.destination = "00905321234567";
  r.sender = "00441234";
  CHECK(ExpandDlrUrl("%q %Q", r) == "%2B905321234567 %2B441234");
  CHECK(ExpandDlrUrl("%p", r) == "00905321234567");
  r.destination = "05321234567";
  CHECK(ExpandDlrUrl("%q", r) == "05321234567");
}

TEST_CASE("%S turns '*' into '~' and leaves the word unencoded", "[dlr_url]") {
  DlrReport r = SampleReport();
  r.answer = "go http://x/a*b&c";
  CHECK(ExpandDlrUrl("%S", r) == "http://x/a~b&c");
}

TEST_CASE("%t is UTC, zero-padded, across epoch and leap day", "[dlr_url]") {
  auto [unix_time, text] = GENERATE(table<std::int64_t, std::string>({
      {0, "1970-01-01+00:00:00"},
      {951782400, "2000-02-29+00:00:00"},
      {1709251199, "2024-02-29+23:59:59"},
      {1700000000, "2023-11-14+22:13:20"},
  }));
  DlrReport r = SampleReport();
  r.unix_time = unix_time;
  CHECK(ExpandDlrUrl("%t", r) == text);
  CHECK(ExpandDlrUrl("%T", r) == std::to_string(unix_time));
}

TEST_CASE("Each DLR type prints as its Kannel number", "[dlr_url]") {
  auto [type, text] = GENERATE(table<int, std::string>({
      {kDlrDeliveredToPhone, "1"},
      {kDlrNotDeliveredToPhone, "2"},
      {kDlrQueuedOnSmsc, "4"},
      {kDlrDeliveredToSmsc, "8"},
      {kDlrNotDeliveredToSmsc, "16"},
  }));
  DlrReport r = SampleReport();
  r.type = type;
  CHECK(ExpandDlrUrl("type=%d", r) == "type=" + text);
}

TEST_CASE("ShouldNotify tests the type's bit in the dlr-mask", "[dlr_url]") {
  auto [mask, type, expected] = GENERATE(table<int, int, bool>({
      {0, kDlrDeliveredToPhone, false},
      {31, kDlrDeliveredToPhone, true},
      {31, kDlrNotDeliveredToSmsc, true},
      {3, kDlrDeliveredToPhone, true},
      {3, kDlrNotDeliveredToPhone, true},
      {3, kDlrQueuedOnSmsc, false},
      {3, kDlrDeliveredToSmsc, false},
      {24, kDlrDeliveredToSmsc, true},
      {24, kDlrNotDeliveredToSmsc, true},
      {24, kDlrDeliveredToPhone, false},
      {1, 0, false},
  }));
  INFO("mask " << mask << " type " << type);
  CHECK(ShouldNotify(mask, type) == expected);
}

}  // namespace
}  // namespace tellal::notify
