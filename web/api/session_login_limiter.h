// LoginLimiter: slows down password guessing per client address.
//
// The first kFreeFailures wrong passwords from an address cost nothing;
// each one after that locks the address out for a delay that doubles
// (kFirstDelay, 2x, 4x, ... capped at kMaxDelay). A right password clears
// the address's record; so does a quiet kForgetAfter since its last
// failure. Argon2id's cost bounds how fast guesses are checked at all; this
// bounds how many a client gets.
//
// Addresses are the peer's IP without the port ("192.0.2.7:51234" and
// "192.0.2.7:51235" are one client). At most kMaxTracked addresses are
// remembered; beyond that the one whose lock ends soonest is forgotten, so
// a spray from many addresses cannot grow memory without bound.
//
// Thread safety: every method may be called from many threads at once.
#ifndef TELLAL_WEB_API_SESSION_LOGIN_LIMITER_H_
#define TELLAL_WEB_API_SESSION_LOGIN_LIMITER_H_

#include <cstddef>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

#include "daemon/store/records.h"

namespace tellal::web {

class LoginLimiter {
 public:
  using Clock = std::function<store::Millis()>;
  static constexpr int kFreeFailures = 5;
  static constexpr store::Millis kFirstDelay = 2000;
  static constexpr store::Millis kMaxDelay = 15 * 60 * 1000;
  static constexpr store::Millis kForgetAfter = 60 * 60 * 1000;
  static constexpr std::size_t kMaxTracked = 4096;

  explicit LoginLimiter(Clock clock) : clock_(std::move(clock)) {}

  // Milliseconds `remote` must still wait before its next attempt is
  // checked; 0 when it may try now.
  store::Millis WaitFor(std::string_view remote);
  void RecordFailure(std::string_view remote);
  void RecordSuccess(std::string_view remote);

 private:
  struct Record {
    int failures = 0;
    store::Millis last_failure = 0;
    store::Millis locked_until = 0;
  };

  Clock clock_;
  std::mutex mutex_;
  std::map<std::string, Record, std::less<>> records_;  // guarded by mutex_
};

// "192.0.2.7" for "192.0.2.7:51234", "::1" for "[::1]:51234"; anything
// else as given.
std::string ClientAddress(std::string_view remote);

}  // namespace tellal::web

#endif  // TELLAL_WEB_API_SESSION_LOGIN_LIMITER_H_
