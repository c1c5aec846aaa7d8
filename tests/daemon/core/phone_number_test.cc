// NormalizeNumber / NormalizeReceived: the canonical form of destinations
// and senders (E.164 with '+', short codes and alphanumeric ids as given).
#include <catch2/catch.hpp>
#include <string>

#include "daemon/core/phone_number.h"

namespace tellal::core {
namespace {

TEST_CASE("WrittenFormsOfOneNumberNormaliseToE164", "[phone_number]") {
  auto [input, country, expected] = GENERATE(table<std::string, std::string, std::string>({
      // The forms the header names, all the same Turkish mobile number.
      {"+90 532 123 45 67", "90", "+905321234567"},
      {"0090 532-123-4567", "90", "+905321234567"},
      {"(0532) 123 45 67", "90", "+905321234567"},
      {"5321234567", "90", "+905321234567"},
      {"0532.123.45.67", "90", "+905321234567"},
      {"0532\t1234567", "90", "+905321234567"},
      {"+905321234567", "90", "+905321234567"},
      // International forms need no default country.
      {"+905321234567", "", "+905321234567"},
      {"00905321234567", "", "+905321234567"},
      {"+49 30 1234567", "90", "+49301234567"},
      // Spreadsheets drop the '+': 11+ digits beginning with the default
      // country are already international.
      {"905321234567", "90", "+905321234567"},
      {"90 532 123 45 67", "90", "+905321234567"},
      {"12125551234", "1", "+12125551234"},
      {"2125551234", "1", "+12125551234"},
      {"79161234567", "7", "+79161234567"},
      // ... but only for the default country: these digits are national
      // to a German gateway.
      {"905321234567", "49", "+49905321234567"},
      // 10 digits that begin with "90" are a Turkish national number (the
      // 0900 premium range), not +90 followed by 8 digits.
      {"9001234567", "90", "+909001234567"},
      {"09001234567", "90", "+909001234567"},
      // Not a short code (8 digits), so national.
      {"12345678", "90", "+9012345678"},
      // E.164 bounds: 8 and 15 digits after '+'.
      {"+12345678", "", "+12345678"},
      {"+123456789012345", "", "+123456789012345"},
  }));
  CAPTURE(input, country);
  Result<std::string> r = NormalizeNumber(input, country);
  REQUIRE(r.ok());
  CHECK(*r == expected);
}

TEST_CASE("ShortCodesAreKeptAsGiven", "[phone_number]") {
  auto [input, country, expected] = GENERATE(table<std::string, std::string, std::string>({
      {"4545", "90", "4545"},
      {"4545", "", "4545"},
      {"112", "90", "112"},
      {"1234567", "90", "1234567"},
      {"45 45", "90", "4545"},
  }));
  CAPTURE(input, country);
  Result<std::string> r = NormalizeNumber(input, country);
  REQUIRE(r.ok());
  CHECK(*r == expected);
}

TEST_CASE("NormalisingTwiceChangesNothing", "[phone_number]") {
  const std::string input = GENERATE(as<std::string>{}, "+90 532 123 45 67", "0090 532-123-4567", "(0532) 123 45 67",
                                     "5321234567", "905321234567", "9001234567", "4545", "+49301234567");
  CAPTURE(input);
  Result<std::string> once = NormalizeNumber(input, "90");
  REQUIRE(once.ok());
  Result<std::string> twice = NormalizeNumber(*once, "90");
  REQUIRE(twice.ok());
  CHECK(*twice == *once);
}

TEST_CASE("InvalidNumbersFailWithTheReason", "[phone_number]") {
  auto [input, country, reason] = GENERATE(table<std::string, std::string, std::string>({
      {"", "90", "empty number"},
      {"  - ()", "90", "empty number"},
      {"0", "90", "empty number"},
      {"0532 123 45 6x", "90", "unexpected character 'x' at offset 13"},
      {"+90 532 123 45 67 ext", "90", "unexpected character 'e' at offset 18"},
      {"05321234567#", "90", "unexpected character '#' at offset 11"},
      {"90+5321234567", "90", "'+' is only allowed at the start"},
      {"++905321234567", "90", "'+' is only allowed at the start"},
      {"+90 532", "90", "too short for an international number (5 digits)"},
      {"+4545", "90", "too short for an international number (4 digits)"},
      {"00", "90", "too short for an international number (0 digits)"},
      {"53", "90", "too short for an international number (4 digits)"},
      {"+1234567890123456", "90", "too long: E.164 numbers have at most 15 digits (got 16)"},
      {"0090 5321 2345 6789 01", "90", "too long: E.164 numbers have at most 15 digits (got 16)"},
      {"053212345678901", "90", "too long: E.164 numbers have at most 15 digits (got 16)"},
      {"+0532 123 45 67", "90", "a country code cannot start with 0"},
      {"000905321234567", "90", "a country code cannot start with 0"},
      {"05321234567", "", "no [daemon] default_country is configured"},
      {"5321234567", "", "national number without a country code"},
      {"0", "", "national number without a country code"},
  }));
  CAPTURE(input, country);
  Result<std::string> r = NormalizeNumber(input, country);
  REQUIRE_FALSE(r.ok());
  CHECK_THAT(r.error().message, Catch::Contains(reason));
}

TEST_CASE("ReceivedAddressesAreNormalisedOrKept", "[phone_number]") {
  auto [address, country, expected] = GENERATE(table<std::string, std::string, std::string>({
      // TP-OA / TP-RA as SMSCs write them: international, national (type
      // unknown, with or without the trunk prefix), country code without '+'.
      {"+905321234567", "90", "+905321234567"},
      {"05321234567", "90", "+905321234567"},
      {"5321234567", "90", "+905321234567"},
      {"905321234567", "90", "+905321234567"},
      {"+905321234567", "", "+905321234567"},
      // Short codes and alphanumeric senders have no country.
      {"4545", "90", "4545"},
      {"Turkcell", "90", "Turkcell"},
      {"Design@Home", "90", "Design@Home"},
      {"BANKA 24", "90", "BANKA 24"},
      // Never fails: what cannot be normalised is returned unchanged, so a
      // report still matches what the SMSC wrote.
      {"5321234567", "", "5321234567"},
      {"", "90", ""},
      {"+1234567890123456", "90", "+1234567890123456"},
  }));
  CAPTURE(address, country);
  CHECK(NormalizeReceived(address, country) == expected);
}

TEST_CASE("ReceivedAndTypedFormsOfOneNumberAgree", "[phone_number]") {
  // Status-report matching relies on the recipient the SMSC reports having
  // the destination's canonical form.
  const std::string typed = GENERATE(as<std::string>{}, "0532 123 45 67", "+90 532 123 45 67", "905321234567");
  const std::string received = GENERATE(as<std::string>{}, "+905321234567", "05321234567", "905321234567");
  CAPTURE(typed, received);
  Result<std::string> destination = NormalizeNumber(typed, "90");
  REQUIRE(destination.ok());
  CHECK(NormalizeReceived(received, "90") == *destination);
}

}  // namespace
}  // namespace tellal::core
