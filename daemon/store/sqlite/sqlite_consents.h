// SqliteConsents: the Consents in the consents (append-only, enforced by
// triggers), consent_status (kept by a trigger) and blocked tables (schema
// version 10).
//
// Thread affinity and lifetime: those of the SqliteStore that owns it; it
// uses the store's connection, which must outlive it.
#ifndef TELLAL_DAEMON_STORE_SQLITE_SQLITE_CONSENTS_H_
#define TELLAL_DAEMON_STORE_SQLITE_SQLITE_CONSENTS_H_

#include "daemon/store/consents.h"
#include "daemon/store/sqlite/sqlite_handle.h"

namespace tellal::store {

class SqliteConsents final : public Consents {
 public:
  explicit SqliteConsents(Database& db) : db_(db) {}

  Result<int64_t> RecordConsent(const NewConsent& consent, Millis now) override;
  Result<std::optional<ConsentRecord>> GetConsent(int64_t id) override;
  Result<Page<ConsentRecord>> ListConsents(std::optional<Millis> since, int limit, const std::string& cursor) override;
  Result<Page<ConsentRecord>> ListConsentsOf(const std::string& number, std::optional<Millis> since, int limit,
                                             const std::string& cursor) override;
  Result<std::optional<ConsentRecord>> CurrentConsent(const std::string& number) override;
  Result<Page<ConsentRecord>> ListOptOuts(int limit, const std::string& cursor) override;
  Result<bool> Block(const std::string& number, const std::string& reason, Millis now) override;
  Result<bool> Unblock(const std::string& number) override;
  Result<std::optional<BlockedNumber>> GetBlocked(const std::string& number) override;
  Result<Page<BlockedNumber>> ListBlocked(int limit, const std::string& cursor) override;
  Result<Suppression> Suppressed(const std::string& number) override;

 private:
  Database& db_;
};

}  // namespace tellal::store

#endif  // TELLAL_DAEMON_STORE_SQLITE_SQLITE_CONSENTS_H_
