#include "web/api/session_store.h"

#include <sodium.h>

#include <vector>

#include "web/api/api_auth.h"

namespace tellal::web {
namespace {

constexpr std::size_t kSecretBytes = 32;

std::string HashOf(std::string_view id) {
  unsigned char digest[crypto_generichash_BYTES];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(id.data()), id.size(), nullptr, 0);
  return std::string(reinterpret_cast<const char*>(digest), sizeof digest);
}

}  // namespace

Result<std::string> RandomUrlToken(std::size_t bytes) {
  if (sodium_init() < 0) return Error::Internal("libsodium could not initialise");
  std::vector<unsigned char> raw(bytes);
  randombytes_buf(raw.data(), raw.size());
  std::string text(sodium_base64_ENCODED_LEN(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(text.data(), text.size(), raw.data(), raw.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  text.resize(text.find('\0'));
  sodium_memzero(raw.data(), raw.size());
  return text;
}

SessionStore::SessionStore(Clock clock, store::Millis lifetime, std::size_t capacity)
    : clock_(std::move(clock)), lifetime_(lifetime), capacity_(capacity == 0 ? 1 : capacity) {}

void SessionStore::DropExpired(store::Millis now) {
  for (auto it = by_hash_.begin(); it != by_hash_.end();) {
    it = it->second.expires_at <= now ? by_hash_.erase(it) : std::next(it);
  }
}

Result<Session> SessionStore::Create() {
  auto id = RandomUrlToken(kSecretBytes);
  if (!id) return id.error();
  auto csrf = RandomUrlToken(kSecretBytes);
  if (!csrf) return csrf.error();
  const store::Millis now = clock_();
  Session session{std::move(id).value(), std::move(csrf).value(), now + lifetime_};

  std::lock_guard lock(mutex_);
  DropExpired(now);
  while (by_hash_.size() >= capacity_) {
    auto oldest = by_hash_.begin();
    for (auto it = by_hash_.begin(); it != by_hash_.end(); ++it) {
      if (it->second.expires_at < oldest->second.expires_at) oldest = it;
    }
    by_hash_.erase(oldest);
  }
  by_hash_.emplace(HashOf(session.id), session);
  return session;
}

std::optional<Session> SessionStore::Find(std::string_view id) {
  if (id.empty()) return std::nullopt;
  const std::string key = HashOf(id);
  const store::Millis now = clock_();
  std::lock_guard lock(mutex_);
  auto it = by_hash_.find(key);
  if (it == by_hash_.end()) return std::nullopt;
  if (it->second.expires_at <= now) {
    by_hash_.erase(it);
    return std::nullopt;
  }
  return it->second;
}

void SessionStore::Remove(std::string_view id) {
  const std::string key = HashOf(id);
  std::lock_guard lock(mutex_);
  by_hash_.erase(key);
}

std::size_t SessionStore::size() const {
  std::lock_guard lock(mutex_);
  return by_hash_.size();
}

bool CsrfTokenMatches(const Session& session, const std::string* given) {
  if (given == nullptr || given->empty()) return false;
  return ConstantTimeEquals(*given, session.csrf_token);
}

}  // namespace tellal::web
