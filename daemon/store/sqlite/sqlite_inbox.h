// SqliteInbox: the Inbox in the inbound_parts and inbox tables. Parts keep
// their payload as sent (UTF-16BE octets for UCS-2), so reassembly can join
// a surrogate pair split across parts; inbox_sql_test.cc checks the plans.
//
// Thread affinity and lifetime: those of the SqliteStore that owns it; it
// uses the store's connection, which must outlive it.
#ifndef TELLAL_DAEMON_STORE_SQLITE_SQLITE_INBOX_H_
#define TELLAL_DAEMON_STORE_SQLITE_SQLITE_INBOX_H_

#include <cstdint>
#include <optional>
#include <string>

#include "daemon/store/inbox.h"
#include "daemon/store/sqlite/sqlite_handle.h"

namespace tellal::store {

class SqliteInbox final : public Inbox {
 public:
  explicit SqliteInbox(Database& db) : db_(db) {}

  Result<InboundResult> StoreInboundPart(const InboundPart& part) override;
  Result<InboundResult> StoreUndecodable(const UndecodableInbound& pdu) override;
  Result<int> ExpirePartialInbound(Millis older_than) override;
  Result<std::optional<InboxMessage>> GetInbox(int64_t id) override;
  Result<Page<InboxMessage>> ListInbox(const InboxFilter& filter, int limit, const std::string& cursor) override;

 private:
  Database& db_;
};

}  // namespace tellal::store

#endif  // TELLAL_DAEMON_STORE_SQLITE_SQLITE_INBOX_H_
