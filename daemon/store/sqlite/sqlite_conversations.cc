#include "daemon/store/sqlite/sqlite_conversations.h"

#include <algorithm>
#include <limits>
#include <utility>
#include <vector>

#include "daemon/store/conversation_cursor.h"
#include "daemon/store/page_cursor.h"
#include "daemon/store/sqlite/bind_and_run.h"
#include "daemon/store/sqlite/conversations_sql.h"
#include "daemon/text/turkish_fold.h"

namespace tellal::store {
namespace {

// The first page's position: after every real one.
constexpr Millis kEndOfTime = std::numeric_limits<Millis>::max();

// `text` escaped for LIKE ... ESCAPE '\', so a '%' or '_' a person typed
// matches itself.
std::string EscapeLike(const std::string& text) {
  std::string escaped;
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') escaped += '\\';
    escaped += c;
  }
  return escaped;
}

std::optional<MessageState> OptionalState(const Statement& q, int column) {
  auto name = q.OptionalText(column);
  if (!name) return std::nullopt;
  return ParseMessageState(*name);
}

// A row of sql::kSelectSummary. The newest entry is the later of the two;
// at the same millisecond the outbound one, as the thread orders them.
ConversationSummary ReadSummaryRow(const Statement& q) {
  ConversationSummary s;
  s.number = q.ColumnText(0);
  s.contact_name = q.OptionalText(1);
  s.unread = static_cast<int>(q.ColumnInt64(2));
  s.last_inbound_modem = q.OptionalText(3);
  const auto inbox_id = q.OptionalInt64(5);
  const auto message_id = q.OptionalInt64(11);
  const bool inbound_last = inbox_id && (!message_id || q.ColumnInt64(7) > q.ColumnInt64(13));
  ConversationEntry& e = s.last;
  if (inbound_last) {
    e.direction = Direction::kInbound;
    e.id = *inbox_id;
    e.text = q.ColumnText(6);
    e.at = q.ColumnInt64(7);
    e.modem = q.OptionalText(8);
    e.undecodable = q.ColumnInt64(9) != 0;
    e.read = q.ColumnInt64(10) != 0;
  } else if (message_id) {
    e.direction = Direction::kOutbound;
    e.id = *message_id;
    e.text = q.ColumnText(12);
    e.at = q.ColumnInt64(13);
    e.modem = q.OptionalText(14);
    e.state = OptionalState(q, 15);
    e.error_code = q.OptionalText(16);
  }
  return s;
}

// A row of sql::kListThread.
ConversationEntry ReadThreadRow(const Statement& q) {
  ConversationEntry e;
  e.direction = q.ColumnInt64(0) == 0 ? Direction::kInbound : Direction::kOutbound;
  e.id = q.ColumnInt64(1);
  e.text = q.ColumnText(2);
  e.at = q.ColumnInt64(3);
  e.modem = q.OptionalText(4);
  e.state = OptionalState(q, 5);
  e.error_code = q.OptionalText(6);
  e.read = q.ColumnInt64(7) != 0;
  e.undecodable = q.ColumnInt64(8) != 0;
  return e;
}

}  // namespace

Result<Page<ConversationSummary>> SqliteConversations::ListConversations(const ConversationFilter& filter, int limit,
                                                                         const std::string& cursor) {
  Status valid = ValidateLimit(limit);
  if (!valid) return Wrap("ListConversations", valid.error());
  auto after = ParseActivityCursor(cursor);
  if (!after) return Wrap("ListConversations", after.error());
  const ActivityPosition from = after->value_or(ActivityPosition{kEndOfTime, ""});

  std::string text(sql::kListConversations);
  std::optional<std::string> prefix;
  std::optional<std::string> name;
  if (filter.query) {
    prefix = EscapeLike(*filter.query) + "%";
    name = "%" + EscapeLike(text::Fold(*filter.query)) + "%";
    text += sql::kListConversationsMatching;
  }
  text += sql::kListConversationsEnd;
  auto q = Prepare(db_, text, from.last_at, from.number, prefix, name, limit + 1);
  if (!q) return Wrap("ListConversations", q.error());
  std::vector<ConversationSummary> rows;
  // The cursor is the summary's own last_at (column 4), which may be newer
  // than the entry shown if a clock step moved time back since.
  Millis last_at_of_last = 0;
  for (;;) {
    auto row = q->Step();
    if (!row) return Wrap("ListConversations", row.error());
    if (!*row) break;
    if (rows.size() < static_cast<size_t>(limit)) last_at_of_last = q->ColumnInt64(4);
    rows.push_back(ReadSummaryRow(*q));
  }
  Page<ConversationSummary> page;
  if (rows.size() > static_cast<size_t>(limit)) {
    rows.resize(static_cast<size_t>(limit));
    page.next_cursor = MakeActivityCursor(ActivityPosition{last_at_of_last, rows.back().number});
  }
  page.items = std::move(rows);
  return page;
}

Result<std::optional<ConversationSummary>> SqliteConversations::GetConversation(const std::string& number) {
  auto found = MapOne(db_, sql::kGetConversation, ReadSummaryRow, number);
  if (!found) return Wrap("GetConversation(" + number + ")", found.error());
  if (*found) return found;
  auto outbound = MapOne(db_, sql::kGetOutboundOnlyConversation, ReadSummaryRow, number);
  if (!outbound) return Wrap("GetConversation(" + number + ")", outbound.error());
  return outbound;
}

Result<Page<ConversationEntry>> SqliteConversations::ListThread(const std::string& number, int limit,
                                                                const std::string& cursor) {
  const std::string op = "ListThread(" + number + ")";
  Status valid = ValidateLimit(limit);
  if (!valid) return Wrap(op, valid.error());
  auto before = ParseThreadCursor(cursor);
  if (!before) return Wrap(op, before.error());
  const ThreadPosition from = before->value_or(ThreadPosition{kEndOfTime, Direction::kInbound, 0});
  const int direction = from.direction == Direction::kInbound ? 0 : 1;
  auto rows = MapAll(db_, sql::kListThread, ReadThreadRow, number, from.at, direction, from.id, limit + 1);
  if (!rows) return Wrap(op, rows.error());
  Page<ConversationEntry> page;
  if (rows->size() > static_cast<size_t>(limit)) {
    rows->resize(static_cast<size_t>(limit));
    const ConversationEntry& oldest = rows->back();
    page.next_cursor = MakeThreadCursor(ThreadPosition{oldest.at, oldest.direction, oldest.id});
  }
  std::reverse(rows->begin(), rows->end());  // oldest first within the page
  page.items = std::move(*rows);
  return page;
}

Result<std::optional<int>> SqliteConversations::MarkRead(const std::string& number, Millis now) {
  return InTransaction(db_, "MarkRead(" + number + ")", [&]() -> Result<std::optional<int>> {
    auto exists = QueryOne<int64_t>(db_, sql::kConversationExists, number);
    if (!exists) return exists.error();
    if (!*exists) return std::optional<int>();
    Status s = Run(db_, sql::kMarkRead, number, now);
    if (!s) return s.error();
    return std::optional<int>(db_.Changes());
  });
}

}  // namespace tellal::store
