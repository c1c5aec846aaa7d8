#include "daemon/notify/webhook_signature.h"

#include <catch2/catch.hpp>
#include <string>
#include <tuple>

namespace tellal::notify {
namespace {

// Expected values computed outside tellal while writing this test, with
// Python's hmac/base64 modules, and the last also with
// `openssl dgst -sha256 -mac HMAC`; the first is the example the Standard
// Webhooks specification publishes.
TEST_CASE("SignWebhook matches independently computed signatures", "[webhook_signature]") {
  auto [secret, id, timestamp, body, expected] = GENERATE(table<std::string, std::string, int64_t, std::string,
                                                                 std::string>({
      {"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330,
       R"({"test": 2432232314})", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="},
      {"whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=", "msg_0011223344556677_42", 1700000000,
       R"({"type":"message.received","data":{"body":"Merhaba dünya"}})",
       "v1,rVkKID/tidJHAwVssH52A0/rvv5lmzItmQhbcThf9Rk="},
      {"whsec_////////////////////////////////", "msg_1", 0, "", "v1,wu01CqbjCUZ3USBn9AbCF9Brx9osT8HsNMhCGMLHYls="},
  }));
  auto key = DecodeWebhookSecret(secret);
  REQUIRE(key);
  CHECK(SignWebhook(*key, id, timestamp, body) == expected);
}

TEST_CASE("A signature changes with each signed part", "[webhook_signature]") {
  auto key = DecodeWebhookSecret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
  REQUIRE(key);
  const std::string base = SignWebhook(*key, "msg_1", 10, "{}");
  CHECK(SignWebhook(*key, "msg_2", 10, "{}") != base);
  CHECK(SignWebhook(*key, "msg_1", 11, "{}") != base);
  CHECK(SignWebhook(*key, "msg_1", 10, "{ }") != base);
  auto other = DecodeWebhookSecret("whsec_////////////////////////////////");
  REQUIRE(other);
  CHECK(SignWebhook(*other, "msg_1", 10, "{}") != base);
}

TEST_CASE("DecodeWebhookSecret refuses what is not a whsec_ key", "[webhook_signature]") {
  auto [secret, reason] = GENERATE(table<std::string, std::string>({
      {"MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "whsec_"},
      {"whsec_", "24 to 64"},
      {"whsec_not base64!", "not base64"},
      {"whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYX=", "not base64"},
      {"whsec_AAECAwQFBgcICQoLDA0ODxAREhMU", "24 to 64"},  // 21 bytes
      {"whsec_" + std::string(88, 'A'), "24 to 64"},       // 66 bytes
  }));
  auto key = DecodeWebhookSecret(secret);
  REQUIRE_FALSE(key);
  CHECK(key.error().code == ErrorCode::kInvalidArgument);
  CHECK_THAT(key.error().message, Catch::Contains(reason));
}

TEST_CASE("GenerateWebhookSecret gives distinct 24-byte keys", "[webhook_signature]") {
  const std::string a = GenerateWebhookSecret();
  const std::string b = GenerateWebhookSecret();
  CHECK(a != b);
  CHECK(a.size() == 6 + 32);
  auto key = DecodeWebhookSecret(a);
  REQUIRE(key);
  CHECK(key->size() == 24);
}

}  // namespace
}  // namespace tellal::notify
