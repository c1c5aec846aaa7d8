// Standard Webhooks signing (https://www.standardwebhooks.com, "Signature
// scheme"): a secret is "whsec_" followed by the base64 of its key bytes;
// a message is signed as
//   webhook-signature: v1,<base64 of HMAC-SHA256(key, "<id>.<timestamp>.<body>")>
// where <id> is the webhook-id header (the same on every retry of one
// event) and <timestamp> the webhook-timestamp header (Unix seconds of this
// attempt). Base64 is the standard alphabet with padding (RFC 4648 §4).
//
// Pure apart from GenerateWebhookSecret, which reads the OS's random
// source through libsodium. No I/O, no logging; safe from any thread.
#ifndef TELLAL_DAEMON_NOTIFY_WEBHOOK_SIGNATURE_H_
#define TELLAL_DAEMON_NOTIFY_WEBHOOK_SIGNATURE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "modem/result.h"

namespace tellal::notify {

inline constexpr std::string_view kWebhookSecretPrefix = "whsec_";
// Key bytes of a generated secret. The scheme allows 24 to 64.
inline constexpr std::size_t kGeneratedSecretBytes = 24;
inline constexpr std::size_t kMinSecretBytes = 24;
inline constexpr std::size_t kMaxSecretBytes = 64;

// The key bytes of "whsec_<base64>". kInvalidArgument says why not: no
// prefix, not base64, or a key shorter than 24 or longer than 64 bytes.
Result<std::vector<uint8_t>> DecodeWebhookSecret(std::string_view secret);

// "whsec_" + base64 of 24 random bytes.
std::string GenerateWebhookSecret();

// "v1,<base64 HMAC-SHA256>" of "<id>.<timestamp>.<body>" under `key`.
std::string SignWebhook(const std::vector<uint8_t>& key, std::string_view id, int64_t timestamp,
                        std::string_view body);

}  // namespace tellal::notify

#endif  // TELLAL_DAEMON_NOTIFY_WEBHOOK_SIGNATURE_H_
