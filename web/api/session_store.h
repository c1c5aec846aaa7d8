// SessionStore: the panel's logged-in browsers, in memory (a restart logs
// everyone out, which is acceptable for a box's admin page and keeps
// session secrets off the disk).
//
// A session is two random secrets: its id (the cookie) and its CSRF token
// (given to the page in the login answer, sent back in X-CSRF-Token). Ids
// are looked up by their BLAKE2b hash, so the lookup's timing says nothing
// about how much of a guessed id matches a real one, and a memory dump
// holds no usable cookie.
//
// Sessions end `lifetime` after login (not extended by use: a stolen cookie
// stays useful for a bounded time) or at Remove. At most `capacity` live at
// once; a login beyond that ends the session closest to expiring, so a
// flood of logins (each needs the password) cannot grow memory.
//
// Thread safety: every method may be called from many threads at once.
#ifndef TELLAL_WEB_API_SESSION_STORE_H_
#define TELLAL_WEB_API_SESSION_STORE_H_

#include <cstddef>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "daemon/store/records.h"
#include "modem/result.h"

namespace tellal::web {

struct Session {
  std::string id;          // 32 random bytes, base64url without padding (43 characters)
  std::string csrf_token;  // the same form, independent of the id
  store::Millis expires_at = 0;
};

class SessionStore {
 public:
  using Clock = std::function<store::Millis()>;
  static constexpr store::Millis kDefaultLifetime = 12LL * 3600 * 1000;
  static constexpr std::size_t kDefaultCapacity = 64;

  explicit SessionStore(Clock clock, store::Millis lifetime = kDefaultLifetime,
                        std::size_t capacity = kDefaultCapacity);

  // A new session, from libsodium's random generator (fails only when
  // libsodium cannot initialise).
  Result<Session> Create();
  // The live session with this id; nothing when unknown, ended or expired
  // (an expired one is forgotten on the way).
  std::optional<Session> Find(std::string_view id);
  // Ends the session with this id, if there is one.
  void Remove(std::string_view id);
  std::size_t size() const;

 private:
  void DropExpired(store::Millis now);  // with mutex_ held

  Clock clock_;
  store::Millis lifetime_;
  std::size_t capacity_;
  mutable std::mutex mutex_;
  std::map<std::string, Session> by_hash_;  // guarded by mutex_
};

// Whether `given` (the X-CSRF-Token header, or nullptr when absent) is the
// session's token, compared in constant time.
bool CsrfTokenMatches(const Session& session, const std::string* given);

// `bytes` random bytes as base64url without padding (RFC 4648 §5), from
// libsodium.
Result<std::string> RandomUrlToken(std::size_t bytes);

}  // namespace tellal::web

#endif  // TELLAL_WEB_API_SESSION_STORE_H_
