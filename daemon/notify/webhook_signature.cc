#include "daemon/notify/webhook_signature.h"

#include <sodium.h>

#include <array>

namespace tellal::notify {
namespace {

// sodium_init is idempotent and thread-safe; randombytes needs it.
void EnsureSodium() {
  static const bool ready = sodium_init() >= 0;
  (void)ready;
}

std::string Base64(const unsigned char* bytes, std::size_t size) {
  const std::size_t room = sodium_base64_ENCODED_LEN(size, sodium_base64_VARIANT_ORIGINAL);
  std::string text(room, '\0');
  sodium_bin2base64(text.data(), room, bytes, size, sodium_base64_VARIANT_ORIGINAL);
  text.resize(room - 1);  // the terminating NUL sodium writes
  return text;
}

}  // namespace

Result<std::vector<uint8_t>> DecodeWebhookSecret(std::string_view secret) {
  if (!secret.starts_with(kWebhookSecretPrefix)) {
    return Error::InvalidArgument("does not start with \"whsec_\"");
  }
  const std::string_view encoded = secret.substr(kWebhookSecretPrefix.size());
  // Not handed to sodium: an empty vector's data() is null, which
  // sodium_base642bin declares it never gets.
  if (encoded.empty()) return Error::InvalidArgument("the key is 0 bytes; it must be 24 to 64");
  std::vector<uint8_t> key(encoded.size());  // base64 never decodes to more bytes than characters
  std::size_t size = 0;
  const char* end = nullptr;
  if (sodium_base642bin(key.data(), key.size(), encoded.data(), encoded.size(), nullptr, &size, &end,
                        sodium_base64_VARIANT_ORIGINAL) != 0 ||
      end != encoded.data() + encoded.size()) {
    return Error::InvalidArgument("the text after \"whsec_\" is not base64 (RFC 4648, with padding)");
  }
  key.resize(size);
  if (size < kMinSecretBytes || size > kMaxSecretBytes) {
    return Error::InvalidArgument("the key is " + std::to_string(size) + " bytes; it must be 24 to 64");
  }
  return key;
}

std::string GenerateWebhookSecret() {
  EnsureSodium();
  std::array<unsigned char, kGeneratedSecretBytes> key{};
  randombytes_buf(key.data(), key.size());
  return std::string(kWebhookSecretPrefix) + Base64(key.data(), key.size());
}

std::string SignWebhook(const std::vector<uint8_t>& key, std::string_view id, int64_t timestamp,
                        std::string_view body) {
  const std::string stamp = std::to_string(timestamp);
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, key.data(), key.size());
  auto feed = [&state](std::string_view part) {
    crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(part.data()), part.size());
  };
  feed(id);
  feed(".");
  feed(stamp);
  feed(".");
  feed(body);
  std::array<unsigned char, crypto_auth_hmacsha256_BYTES> mac{};
  crypto_auth_hmacsha256_final(&state, mac.data());
  return "v1," + Base64(mac.data(), mac.size());
}

}  // namespace tellal::notify
