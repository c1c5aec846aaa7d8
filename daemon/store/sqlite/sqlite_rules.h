// SqliteRules: the Rules in the rules and rule_hits tables (schema version
// 13). A rule's actions are one JSON column: they are read and written
// whole, never queried.
//
// Thread affinity and lifetime: those of the SqliteStore that owns it; it
// uses the store's connection, which must outlive it.
#ifndef TELLAL_DAEMON_STORE_SQLITE_SQLITE_RULES_H_
#define TELLAL_DAEMON_STORE_SQLITE_SQLITE_RULES_H_

#include "daemon/store/rules.h"
#include "daemon/store/sqlite/sqlite_handle.h"

namespace tellal::store {

class SqliteRules final : public Rules {
 public:
  explicit SqliteRules(Database& db) : db_(db) {}

  Result<int64_t> CreateRule(const RuleSpec& spec, Millis now) override;
  Result<bool> UpdateRule(int64_t id, const RuleSpec& spec, Millis now) override;
  Result<bool> DeleteRule(int64_t id) override;
  Result<std::optional<Rule>> GetRule(int64_t id) override;
  Result<std::vector<Rule>> ListRules() override;
  Status RecordHit(const RuleHit& hit) override;
  Result<std::optional<RuleHit>> GetHit(int64_t inbox_id) override;
  Result<int> CountAutoReplies(const std::string& number, Millis since) override;

 private:
  Database& db_;
};

}  // namespace tellal::store

#endif  // TELLAL_DAEMON_STORE_SQLITE_SQLITE_RULES_H_
