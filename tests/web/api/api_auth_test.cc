#include "web/api/api_auth.h"

#include <catch2/catch.hpp>

using tellal::web::BearerCheck;
using tellal::web::CheckBearer;
using tellal::web::ConstantTimeEquals;

TEST_CASE("ConstantTimeEqualsIsPlainEquality") {
  auto [given, secret, equal] = GENERATE(table<const char*, const char*, bool>({
      {"token", "token", true},
      {"", "", true},
      {"token", "tokem", false},
      {"Token", "token", false},
      {"tok", "token", false},
      {"tokentoken", "token", false},  // the secret repeated is not the secret
      {"token ", "token", false},
      {"", "token", false},
      {"token", "", false},
  }));
  CAPTURE(given, secret);
  CHECK(ConstantTimeEquals(given, secret) == equal);
}

TEST_CASE("CheckBearerReadsTheAuthorizationHeader") {
  auto [header, expected] = GENERATE(table<const char*, BearerCheck>({
      {"Bearer s3cret", BearerCheck::kAccepted},
      {"bearer s3cret", BearerCheck::kAccepted},
      {"BEARER   s3cret  ", BearerCheck::kAccepted},
      {"Bearer s3cre", BearerCheck::kWrong},
      {"Bearer S3CRET", BearerCheck::kWrong},
      {"Bearer ", BearerCheck::kMissing},
      {"Bearer", BearerCheck::kMissing},
      {"Bearers3cret", BearerCheck::kMissing},
      {"Basic czNjcmV0", BearerCheck::kMissing},
      {"s3cret", BearerCheck::kMissing},
  }));
  CAPTURE(header);
  std::map<std::string, std::string> headers{{"authorization", header}};
  CHECK(CheckBearer(headers, "s3cret") == expected);
}

TEST_CASE("CheckBearerWithoutHeaderIsMissing") {
  CHECK(CheckBearer({}, "s3cret") == BearerCheck::kMissing);
  CHECK(CheckBearer({{"x-authorization", "Bearer s3cret"}}, "s3cret") == BearerCheck::kMissing);
}
