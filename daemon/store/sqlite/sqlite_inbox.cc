#include "daemon/store/sqlite/sqlite_inbox.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "daemon/store/inbound_text.h"
#include "daemon/store/page_cursor.h"
#include "daemon/store/sqlite/bind_and_run.h"
#include "daemon/store/sqlite/inbox_sql.h"
#include "daemon/store/sqlite/row_readers.h"
#include "daemon/store/validation.h"

namespace tellal::store {
namespace {

// inbound_parts.kind
constexpr int kKindText = 0;
constexpr int kKindUcs2 = 1;

// A set of parts: (modem, sender, ref, total).
struct SetKey {
  std::string modem;
  std::string sender;
  int ref = 0;
  int total = 1;
};

SetKey ReadSetKey(const Statement& q) {
  return SetKey{q.ColumnText(0), q.ColumnText(1), static_cast<int>(q.ColumnInt64(2)),
                static_cast<int>(q.ColumnInt64(3))};
}

// Writes the waiting parts of `set` to the inbox and attaches them to the
// new row. Runs inside the caller's transaction.
Result<int64_t> AssembleSet(Database& db, const SetKey& set, bool partial) {
  InboundText body;
  std::string smsc_time;
  std::optional<std::string> sim;
  Millis received_at = 0;
  int parts = 0;
  {
    auto q = Prepare(db, sql::kWaitingParts, set.modem, set.sender, set.ref, set.total);
    if (!q) return q.error();
    for (;;) {
      auto row = q->Step();
      if (!row) return row.error();
      if (!*row) break;
      body.Add(static_cast<int>(q->ColumnInt64(0)), PartPayload{q->ColumnInt64(1) == kKindUcs2, q->ColumnBlob(2)});
      if (parts == 0) {
        smsc_time = q->ColumnText(3);
        sim = q->OptionalText(5);
      }
      received_at = std::max(received_at, q->ColumnInt64(4));
      ++parts;
    }
  }
  Status s = Run(db, sql::kInsertInbox, set.modem, sim, set.sender, body.Finish(), smsc_time, received_at, parts,
                 set.total, partial);
  if (!s) return s.error();
  const int64_t inbox_id = db.LastInsertRowId();
  s = Run(db, sql::kAttachParts, set.modem, set.sender, set.ref, set.total, inbox_id);
  if (!s) return s.error();
  return inbox_id;
}

}  // namespace

Result<InboundResult> SqliteInbox::StoreInboundPart(const InboundPart& part) {
  const std::string op = "StoreInboundPart(" + part.modem + ", " + part.sender + ")";
  Status valid = ValidateInboundPart(part);
  if (!valid) return Wrap(op, valid.error());
  const PartPayload payload = PayloadOf(part);
  const int kind = payload.ucs2 ? kKindUcs2 : kKindText;
  const SetKey set{part.modem, part.sender, part.ref, part.total};

  return InTransaction(db_, op, [&]() -> Result<InboundResult> {
    auto seen = QueryOne<std::optional<int64_t>>(db_, sql::kFindDuplicatePart, set.modem, set.sender, set.ref,
                                                 set.total, part.seq, part.smsc_time, kind, payload.octets);
    if (!seen) return seen.error();
    if (*seen) return InboundResult{InboundOutcome::kDuplicate, **seen};

    // A different part in an occupied slot: the sender's reference wrapped
    // while the old set waited. Close the old set so the two never mix.
    auto occupied = QueryOne<int64_t>(db_, sql::kSlotOccupied, set.modem, set.sender, set.ref, set.total, part.seq);
    if (!occupied) return occupied.error();
    if (*occupied) {
      auto flushed = AssembleSet(db_, set, /*partial=*/true);
      if (!flushed) return flushed.error();
    }

    Status s = Run(db_, sql::kInsertPart, part.modem, part.sim, part.sender, part.ref, part.total, part.seq, kind,
                   payload.octets, part.smsc_time, part.received_at);
    if (!s) return s.error();
    auto waiting = QueryOne<int64_t>(db_, sql::kCountWaitingParts, set.modem, set.sender, set.ref, set.total);
    if (!waiting) return waiting.error();
    if (waiting->value_or(0) != part.total) return InboundResult{InboundOutcome::kPartStored, std::nullopt};
    auto inbox_id = AssembleSet(db_, set, /*partial=*/false);
    if (!inbox_id) return inbox_id.error();
    return InboundResult{InboundOutcome::kCompleted, *inbox_id};
  });
}

Result<InboundResult> SqliteInbox::StoreUndecodable(const UndecodableInbound& pdu) {
  const std::string op = "StoreUndecodable(" + pdu.modem + ")";
  Status valid = ValidateUndecodable(pdu);
  if (!valid) return Wrap(op, valid.error());
  // One spelling, so the duplicate check does not depend on the modem's case.
  std::string raw = pdu.raw_pdu;
  std::transform(raw.begin(), raw.end(), raw.begin(), [](char c) { return c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c; });

  return InTransaction(db_, op, [&]() -> Result<InboundResult> {
    auto seen = QueryOne<int64_t>(db_, sql::kFindDuplicateUndecodable, pdu.modem, raw);
    if (!seen) return seen.error();
    if (*seen) return InboundResult{InboundOutcome::kDuplicate, **seen};
    Status s = Run(db_, sql::kInsertUndecodable, pdu.modem, pdu.sim, pdu.sender, pdu.smsc_time, pdu.received_at, raw,
                   pdu.reason);
    if (!s) return s.error();
    return InboundResult{InboundOutcome::kCompleted, db_.LastInsertRowId()};
  });
}

Result<int> SqliteInbox::ExpirePartialInbound(Millis older_than) {
  return InTransaction(db_, "ExpirePartialInbound", [&]() -> Result<int> {
    auto stale = MapAll(db_, sql::kStaleSets, ReadSetKey, older_than);
    if (!stale) return stale.error();
    for (const SetKey& set : *stale) {
      auto inbox_id = AssembleSet(db_, set, /*partial=*/true);
      if (!inbox_id) return inbox_id.error();
    }
    Status s = Run(db_, sql::kForgetAssembledParts, older_than);
    if (!s) return s.error();
    return static_cast<int>(stale->size());
  });
}

Result<std::optional<InboxMessage>> SqliteInbox::GetInbox(int64_t id) {
  auto message = MapOne(db_, sql::kGetInbox, ReadInboxRow, id);
  if (!message) return Wrap("GetInbox", message.error());
  return message;
}

Result<Page<InboxMessage>> SqliteInbox::ListInbox(const InboxFilter& filter, int limit, const std::string& cursor) {
  Status valid = ValidateLimit(limit);
  if (!valid) return Wrap("ListInbox", valid.error());
  auto after = ParseCursor(kInboxCursor, cursor);
  if (!after) return Wrap("ListInbox", after.error());
  std::string text(sql::kListInbox);
  if (filter.from) text += sql::kListInboxFromIs;
  if (filter.since) text += sql::kListInboxSince;
  if (filter.until) text += sql::kListInboxUntil;
  if (*after) text += sql::kListInboxBefore;
  text += sql::kListInboxEnd;
  // One row more than asked for tells whether a next page exists.
  auto rows = MapAll(db_, text, ReadInboxRow, filter.from, filter.since, *after, filter.until, limit + 1);
  if (!rows) return Wrap("ListInbox", rows.error());
  return MakePage(std::move(*rows), limit, kInboxCursor);
}

}  // namespace tellal::store
