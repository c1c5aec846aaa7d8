// MessageStore's inbound half: parts, reassembly, duplicates, the inbox.
#include <algorithm>
#include <utility>

#include "daemon/store/message_store.h"
#include "daemon/store/store_internal.h"
#include "modem/pdu/utf8.h"

namespace tellal::store {
namespace {

constexpr int kKindText = 0;
constexpr int kKindUcs2 = 1;

constexpr const char* kInboxColumns =
    "id, modem, sim, sender, body, smsc_time, received_at, parts_received, "
    "parts_total, partial";

InboxMessage ReadInboxRow(const Statement& q) {
  InboxMessage m;
  m.id = q.ColumnInt64(0);
  m.modem = q.ColumnText(1);
  m.sim = q.OptionalText(2);
  m.sender = q.ColumnText(3);
  m.text = q.ColumnText(4);
  m.smsc_time = q.ColumnText(5);
  m.received_at = q.ColumnInt64(6);
  m.parts_received = static_cast<int>(q.ColumnInt64(7));
  m.parts_total = static_cast<int>(q.ColumnInt64(8));
  m.partial = q.ColumnInt64(9) != 0;
  return m;
}

std::vector<uint8_t> Payload(const InboundPart& part) {
  if (part.ucs2) return *part.ucs2;
  return std::vector<uint8_t>(part.text.begin(), part.text.end());
}

// Joins parts in seq order. Consecutive UCS-2 parts are joined as UTF-16
// units before conversion, so a surrogate pair split across two parts
// becomes one character (TS 23.040 §9.2.3.24.1 lets a sender split
// anywhere). A missing part breaks the run: units either side of a gap
// belong to different characters.
class BodyBuilder {
 public:
  void Add(int seq, int kind, const std::vector<uint8_t>& payload) {
    if (kind != kKindUcs2 || seq != last_seq_ + 1) Flush();
    last_seq_ = seq;
    if (kind == kKindUcs2) {
      // An odd trailing octet cannot form a unit; a broken phone's half
      // character is dropped rather than failing the whole message.
      for (size_t i = 0; i + 1 < payload.size(); i += 2) {
        units_.push_back(static_cast<uint16_t>(payload[i] << 8 | payload[i + 1]));
      }
    } else {
      Flush();
      text_.append(payload.begin(), payload.end());
    }
  }
  std::string Finish() {
    Flush();
    return std::move(text_);
  }

 private:
  void Flush() {
    if (units_.empty()) return;
    pdu::AppendUtf16AsUtf8(units_.data(), units_.size(), text_);
    units_.clear();
  }
  int last_seq_ = 0;
  std::vector<uint16_t> units_;
  std::string text_;
};

Status ValidatePart(const InboundPart& p) {
  if (p.modem.empty()) return Error::InvalidArgument("modem: empty");
  if (p.sender.empty()) return Error::InvalidArgument("sender: empty");
  if (p.total < 1 || p.total > 255) {
    return Error::InvalidArgument("total: " + std::to_string(p.total) + " is outside 1..255");
  }
  if (p.seq < 1 || p.seq > p.total) {
    return Error::InvalidArgument("seq: " + std::to_string(p.seq) + " is outside 1.." + std::to_string(p.total));
  }
  return Status::Ok();
}

}  // namespace

// Writes the pending parts of `key`'s set (modem, sender, ref, total) to the
// inbox and attaches them to the new row. Runs inside the caller's
// transaction.
Result<int64_t> MessageStore::AssembleSet(const InboundPart& key, bool partial) {
  BodyBuilder body;
  std::string smsc_time;
  std::optional<std::string> sim;
  Millis received_at = 0;
  int parts = 0;
  {
    auto q = db_->Query(
        "SELECT seq, kind, payload, smsc_time, received_at, "
        "sim FROM inbound_parts"
        " WHERE modem = ?1 AND sender = ?2 AND ref = ?3 AND "
        "total = ?4 AND inbox_id IS NULL"
        " ORDER BY seq");
    if (!q) return q.error();
    q->Bind(1, key.modem).Bind(2, key.sender).Bind(3, key.ref).Bind(4, key.total);
    for (;;) {
      auto row = q->Step();
      if (!row) return row.error();
      if (!*row) break;
      body.Add(static_cast<int>(q->ColumnInt64(0)), static_cast<int>(q->ColumnInt64(1)), q->ColumnBlob(2));
      if (parts == 0) {
        smsc_time = q->ColumnText(3);
        sim = q->OptionalText(5);
      }
      received_at = std::max(received_at, q->ColumnInt64(4));
      ++parts;
    }
  }
  auto insert = db_->Query(
      "INSERT INTO inbox (modem, sim, sender, body, smsc_time, received_at, "
      "parts_received,"
      " parts_total, partial) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
  if (!insert) return insert.error();
  insert->Bind(1, key.modem)
      .Bind(2, sim)
      .Bind(3, key.sender)
      .Bind(4, body.Finish())
      .Bind(5, smsc_time)
      .Bind(6, received_at)
      .Bind(7, parts)
      .Bind(8, key.total)
      .Bind(9, partial ? 1 : 0);
  Status s = insert->Run();
  if (!s) return s.error();
  const int64_t inbox_id = db_->LastInsertRowId();
  auto attach = db_->Query(
      "UPDATE inbound_parts SET inbox_id = ?5"
      " WHERE modem = ?1 AND sender = ?2 AND ref = ?3 AND "
      "total = ?4 AND inbox_id IS NULL");
  if (!attach) return attach.error();
  attach->Bind(1, key.modem).Bind(2, key.sender).Bind(3, key.ref).Bind(4, key.total).Bind(5, inbox_id);
  s = attach->Run();
  if (!s) return s.error();
  return inbox_id;
}

Result<InboundResult> MessageStore::StoreInboundPart(const InboundPart& part) {
  const std::string op = "StoreInboundPart(" + part.modem + ", " + part.sender + ")";
  Status valid = ValidatePart(part);
  if (!valid) return Op(op, valid.error());
  const int kind = part.ucs2 ? kKindUcs2 : kKindText;
  const std::vector<uint8_t> payload = Payload(part);

  auto tx = Transaction::Begin(*db_);
  if (!tx) return Op(op, tx.error());
  {
    auto seen = db_->Query(
        "SELECT inbox_id FROM inbound_parts WHERE modem = "
        "?1 AND sender = ?2 AND ref = ?3"
        " AND total = ?4 AND seq = ?5 AND smsc_time = ?6 "
        "AND kind = ?7 AND payload = ?8");
    if (!seen) return Op(op, seen.error());
    seen->Bind(1, part.modem)
        .Bind(2, part.sender)
        .Bind(3, part.ref)
        .Bind(4, part.total)
        .Bind(5, part.seq)
        .Bind(6, part.smsc_time)
        .Bind(7, kind)
        .BindBlob(8, payload);
    auto row = seen->Step();
    if (!row) return Op(op, row.error());
    if (*row) {
      return InboundResult{InboundOutcome::kDuplicate, seen->OptionalInt64(0)};
    }
  }
  {
    // A different part in an occupied slot: the sender's reference wrapped
    // while the old set waited. Close the old set so the two never mix.
    auto occupied = db_->Query(
        "SELECT 1 FROM inbound_parts WHERE modem = ?1 AND sender = "
        "?2 AND ref = ?3"
        " AND total = ?4 AND seq = ?5 AND inbox_id IS NULL");
    if (!occupied) return Op(op, occupied.error());
    occupied->Bind(1, part.modem).Bind(2, part.sender).Bind(3, part.ref).Bind(4, part.total).Bind(5, part.seq);
    auto row = occupied->Step();
    if (!row) return Op(op, row.error());
    if (*row) {
      auto flushed = AssembleSet(part, /*partial=*/true);
      if (!flushed) return Op(op, flushed.error());
    }
  }
  auto insert = db_->Query(
      "INSERT INTO inbound_parts (modem, sim, sender, "
      "ref, total, seq, kind, payload,"
      " smsc_time, received_at) VALUES (?1, ?2, ?3, ?4, "
      "?5, ?6, ?7, ?8, ?9, ?10)");
  if (!insert) return Op(op, insert.error());
  insert->Bind(1, part.modem)
      .Bind(2, part.sim)
      .Bind(3, part.sender)
      .Bind(4, part.ref)
      .Bind(5, part.total)
      .Bind(6, part.seq)
      .Bind(7, kind)
      .BindBlob(8, payload)
      .Bind(9, part.smsc_time)
      .Bind(10, part.received_at);
  Status s = insert->Run();
  if (!s) return Op(op, s.error());

  InboundResult result;
  bool complete = false;
  {
    auto count = db_->Query(
        "SELECT count(*) FROM inbound_parts WHERE modem = "
        "?1 AND sender = ?2 AND ref = ?3"
        " AND total = ?4 AND inbox_id IS NULL");
    if (!count) return Op(op, count.error());
    count->Bind(1, part.modem).Bind(2, part.sender).Bind(3, part.ref).Bind(4, part.total);
    auto row = count->Step();
    if (!row) return Op(op, row.error());
    complete = *row && count->ColumnInt64(0) == part.total;
  }
  if (complete) {
    auto inbox_id = AssembleSet(part, /*partial=*/false);
    if (!inbox_id) return Op(op, inbox_id.error());
    result = InboundResult{InboundOutcome::kCompleted, *inbox_id};
  }
  s = tx->Commit();
  if (!s) return Op(op, s.error());
  return result;
}

Result<int> MessageStore::ExpirePartialInbound(Millis older_than) {
  auto tx = Transaction::Begin(*db_);
  if (!tx) return Op("ExpirePartialInbound", tx.error());
  std::vector<InboundPart> stale;  // only the set keys are filled in
  {
    auto q = db_->Query(
        "SELECT modem, sender, ref, total FROM inbound_parts WHERE inbox_id IS "
        "NULL"
        " GROUP BY modem, sender, ref, total HAVING max(received_at) < ?1");
    if (!q) return Op("ExpirePartialInbound", q.error());
    q->Bind(1, older_than);
    for (;;) {
      auto row = q->Step();
      if (!row) return Op("ExpirePartialInbound", row.error());
      if (!*row) break;
      InboundPart key;
      key.modem = q->ColumnText(0);
      key.sender = q->ColumnText(1);
      key.ref = static_cast<int>(q->ColumnInt64(2));
      key.total = static_cast<int>(q->ColumnInt64(3));
      stale.push_back(std::move(key));
    }
  }
  for (const InboundPart& key : stale) {
    auto inbox_id = AssembleSet(key, /*partial=*/true);
    if (!inbox_id) return Op("ExpirePartialInbound", inbox_id.error());
  }
  auto forget = db_->Query(
      "DELETE FROM inbound_parts WHERE inbox_id IS NOT "
      "NULL AND received_at < ?1");
  if (!forget) return Op("ExpirePartialInbound", forget.error());
  forget->Bind(1, older_than);
  Status s = forget->Run();
  if (!s) return Op("ExpirePartialInbound", s.error());
  s = tx->Commit();
  if (!s) return Op("ExpirePartialInbound", s.error());
  return static_cast<int>(stale.size());
}

Result<std::optional<InboxMessage>> MessageStore::GetInbox(int64_t id) {
  auto q = db_->Query(std::string("SELECT ") + kInboxColumns + " FROM inbox WHERE id = ?1");
  if (!q) return Op("GetInbox", q.error());
  q->Bind(1, id);
  auto row = q->Step();
  if (!row) return Op("GetInbox", row.error());
  if (!*row) return std::optional<InboxMessage>();
  return std::optional<InboxMessage>(ReadInboxRow(*q));
}

Result<Page<InboxMessage>> MessageStore::ListInbox(const InboxFilter& filter, int limit, const std::string& cursor) {
  Status valid = ValidateLimit(limit);
  if (!valid) return Op("ListInbox", valid.error());
  auto after = ParseCursor('i', cursor);
  if (!after) return Op("ListInbox", after.error());
  // Fixed conditions only; every value is bound (see ListMessages).
  std::string text = std::string("SELECT ") + kInboxColumns + " FROM inbox WHERE 1";
  if (filter.from) text += " AND sender = ?1";
  if (filter.since) text += " AND received_at >= ?2";
  if (*after) text += " AND id < ?3";
  text += " ORDER BY id DESC LIMIT ?4";
  auto q = db_->Query(text);
  if (!q) return Op("ListInbox", q.error());
  if (filter.from) q->Bind(1, *filter.from);
  if (filter.since) q->Bind(2, *filter.since);
  if (*after) q->Bind(3, **after);
  q->Bind(4, limit + 1);
  Page<InboxMessage> page;
  for (;;) {
    auto row = q->Step();
    if (!row) return Op("ListInbox", row.error());
    if (!*row) break;
    if (static_cast<int>(page.items.size()) == limit) {
      page.next_cursor = MakeCursor('i', page.items.back().id);
      break;
    }
    page.items.push_back(ReadInboxRow(*q));
  }
  return page;
}

}  // namespace tellal::store
