// Credential checks that do not leak, through their running time, how much
// of a secret a guess got right.
//
// Pure functions, safe from any thread.
#ifndef TELLAL_WEB_API_API_AUTH_H_
#define TELLAL_WEB_API_API_AUTH_H_

#include <map>
#include <string>
#include <string_view>

namespace tellal::web {

// True when `given` equals `secret`. The time taken depends only on the
// length of `given`, which the caller already knows, never on the contents
// of `secret` or on where the first difference is.
bool ConstantTimeEquals(std::string_view given, std::string_view secret);

enum class BearerCheck {
  kAccepted,
  kMissing,  // no Authorization header, or not the Bearer scheme
  kWrong,    // a Bearer token that is not the configured one
};

// Checks "Authorization: Bearer <token>" (RFC 6750 §2.1; the scheme name is
// case-insensitive) against `token`. `headers` has lower-case names.
// Precondition: `token` is not empty (an empty token means no auth, which
// the caller decides).
BearerCheck CheckBearer(const std::map<std::string, std::string>& headers, std::string_view token);

}  // namespace tellal::web

#endif  // TELLAL_WEB_API_API_AUTH_H_
