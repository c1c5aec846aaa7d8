// SqliteConversations: Conversations over the inbox and messages tables,
// listed from the `conversations` summary table that schema version 16's
// triggers keep: one row per number that has written at least once (an
// inbox entry with a sender) with its newest inbox entry and message, the
// modem it last wrote to and its unread count. A number only ever sent to
// (a campaign or OTP recipient who never answered) is not listed; its
// thread still reads (ListThread reads inbox and messages directly), but
// GetConversation answers none. When it writes, its row starts with the
// newest message already sent to it. The row goes when the number's last
// inbox entry does.
//
// Why a summary table: "newest activity per number" over 1,000,000
// messages and 100,000 inbox rows is a GROUP BY of both tables on every
// request; kept by triggers in the writing transaction it is a primary-key
// upsert per inbox entry and a primary-key UPDATE per message (a miss for
// numbers that never wrote, so bulk queueing pays no insert and no index
// move), and a page of the listing reads `limit` rows of
// conversations_by_activity plus three primary-key lookups each.
// Triggers rather than code in SqliteInbox/SqliteOutboundQueue, so every
// writer (campaigns, Kannel, retention, later ones) keeps it right and a
// rollback takes it back. conversations_sql_test.cc checks the plans.
//
// Thread affinity and lifetime: those of the SqliteStore that owns it; it
// uses the store's connection, which must outlive it.
#ifndef TELLAL_DAEMON_STORE_SQLITE_SQLITE_CONVERSATIONS_H_
#define TELLAL_DAEMON_STORE_SQLITE_SQLITE_CONVERSATIONS_H_

#include <optional>
#include <string>

#include "daemon/store/conversations.h"
#include "daemon/store/sqlite/sqlite_handle.h"

namespace tellal::store {

class SqliteConversations final : public Conversations {
 public:
  explicit SqliteConversations(Database& db) : db_(db) {}

  Result<Page<ConversationSummary>> ListConversations(const ConversationFilter& filter, int limit,
                                                      const std::string& cursor) override;
  Result<std::optional<ConversationSummary>> GetConversation(const std::string& number) override;
  Result<Page<ConversationEntry>> ListThread(const std::string& number, int limit,
                                             const std::string& cursor) override;
  Result<std::optional<int>> MarkRead(const std::string& number, Millis now) override;

 private:
  Database& db_;
};

}  // namespace tellal::store

#endif  // TELLAL_DAEMON_STORE_SQLITE_SQLITE_CONVERSATIONS_H_
