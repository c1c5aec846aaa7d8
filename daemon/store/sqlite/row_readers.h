// Row readers shared by the SQLite concerns that return the same records:
// a row of sql::kMessageColumns or sql::kInboxColumns, read in that order.
// Internal to daemon/store/sqlite.
#ifndef TELLAL_DAEMON_STORE_SQLITE_ROW_READERS_H_
#define TELLAL_DAEMON_STORE_SQLITE_ROW_READERS_H_

#include "daemon/store/records.h"
#include "daemon/store/sqlite/sqlite_handle.h"

namespace tellal::store {

Message ReadMessageRow(const Statement& q);
InboxMessage ReadInboxRow(const Statement& q);

}  // namespace tellal::store

#endif  // TELLAL_DAEMON_STORE_SQLITE_ROW_READERS_H_
