#include "daemon/store/sqlite/sqlite_consents.h"

#include <utility>

#include "daemon/store/page_cursor.h"
#include "daemon/store/sqlite/bind_and_run.h"
#include "daemon/store/sqlite/consents_sql.h"

namespace tellal::store {
namespace {

ConsentRecord ReadConsentRow(const Statement& q) {
  ConsentRecord r;
  r.id = q.ColumnInt64(0);
  r.consent.number = q.ColumnText(1);
  r.consent.status = q.ColumnText(2);
  r.consent.type = q.ColumnText(3);
  r.consent.recipient_type = q.ColumnText(4);
  r.consent.source = q.ColumnText(5);
  r.consent.consent_date = q.ColumnInt64(6);
  r.consent.evidence = q.ColumnText(7);
  r.consent.modem = q.OptionalText(8);
  r.consent.sim = q.OptionalText(9);
  r.consent.inbox_id = q.OptionalInt64(10);
  r.recorded_at = q.ColumnInt64(11);
  return r;
}

BlockedNumber ReadBlockedRow(const Statement& q) {
  return BlockedNumber{q.ColumnInt64(0), q.ColumnText(1), q.ColumnText(2), q.ColumnInt64(3)};
}

Status ValidateConsent(const NewConsent& c) {
  if (c.number.empty()) return Error::InvalidArgument("number: missing");
  if (!IsConsentStatus(c.status)) return Error::InvalidArgument("status: '" + c.status + "' is not ONAY or RET");
  if (!IsConsentType(c.type)) return Error::InvalidArgument("type: '" + c.type + "' is not MESAJ");
  if (!IsRecipientType(c.recipient_type))
    return Error::InvalidArgument("recipient_type: '" + c.recipient_type + "' is not BIREYSEL or TACIR");
  if (!IsConsentSource(c.source))
    return Error::InvalidArgument("source: '" + c.source + "' is not one of " + std::string(ConsentSourcesList()));
  return Status::Ok();
}

}  // namespace

Result<int64_t> SqliteConsents::RecordConsent(const NewConsent& c, Millis now) {
  const std::string op = "RecordConsent(" + c.number + ")";
  Status valid = ValidateConsent(c);
  if (!valid) return Wrap(op, valid.error());
  return InTransaction(db_, op, [&]() -> Result<int64_t> {
    Status s = Run(db_, sql::kInsertConsent, c.number, c.status, c.type, c.recipient_type, c.source, c.consent_date,
                   c.evidence, c.modem, c.sim, c.inbox_id, now);
    if (!s) return s.error();
    return db_.LastInsertRowId();
  });
}

Result<std::optional<ConsentRecord>> SqliteConsents::GetConsent(int64_t id) {
  auto record = MapOne(db_, sql::kGetConsentQuery, ReadConsentRow, id);
  if (!record) return Wrap("GetConsent", record.error());
  return record;
}

Result<Page<ConsentRecord>> SqliteConsents::ListConsents(std::optional<Millis> since, int limit,
                                                         const std::string& cursor) {
  Status valid = ValidateLimit(limit);
  if (!valid) return Wrap("ListConsents", valid.error());
  auto after = ParseCursor(kConsentCursor, cursor);
  if (!after) return Wrap("ListConsents", after.error());
  auto rows = MapAll(db_, sql::kListConsentsQuery, ReadConsentRow, since, *after, limit + 1);
  if (!rows) return Wrap("ListConsents", rows.error());
  return MakePage(std::move(*rows), limit, kConsentCursor);
}

Result<Page<ConsentRecord>> SqliteConsents::ListConsentsOf(const std::string& number, std::optional<Millis> since,
                                                           int limit, const std::string& cursor) {
  Status valid = ValidateLimit(limit);
  if (!valid) return Wrap("ListConsentsOf", valid.error());
  auto after = ParseCursor(kConsentCursor, cursor);
  if (!after) return Wrap("ListConsentsOf", after.error());
  auto rows = MapAll(db_, sql::kListConsentsOfQuery, ReadConsentRow, number, since, *after, limit + 1);
  if (!rows) return Wrap("ListConsentsOf", rows.error());
  return MakePage(std::move(*rows), limit, kConsentCursor);
}

Result<std::optional<ConsentRecord>> SqliteConsents::CurrentConsent(const std::string& number) {
  auto record = MapOne(db_, sql::kCurrentConsentQuery, ReadConsentRow, number);
  if (!record) return Wrap("CurrentConsent", record.error());
  return record;
}

Result<Page<ConsentRecord>> SqliteConsents::ListOptOuts(int limit, const std::string& cursor) {
  Status valid = ValidateLimit(limit);
  if (!valid) return Wrap("ListOptOuts", valid.error());
  auto before = ParseCursor(kOptOutCursor, cursor);
  if (!before) return Wrap("ListOptOuts", before.error());
  auto rows = MapAll(db_, sql::kListOptOutsQuery, ReadConsentRow, *before, limit + 1);
  if (!rows) return Wrap("ListOptOuts", rows.error());
  return MakePage(std::move(*rows), limit, kOptOutCursor);
}

Result<bool> SqliteConsents::Block(const std::string& number, const std::string& reason, Millis now) {
  if (number.empty()) return Error::InvalidArgument("Block: number: missing");
  return InTransaction(db_, "Block(" + number + ")", [&]() -> Result<bool> {
    Status s = Run(db_, sql::kBlock, number, reason, now);
    if (!s) return s.error();
    return db_.Changes() > 0;
  });
}

Result<bool> SqliteConsents::Unblock(const std::string& number) {
  return InTransaction(db_, "Unblock(" + number + ")", [&]() -> Result<bool> {
    Status s = Run(db_, sql::kUnblock, number);
    if (!s) return s.error();
    return db_.Changes() > 0;
  });
}

Result<std::optional<BlockedNumber>> SqliteConsents::GetBlocked(const std::string& number) {
  auto row = MapOne(db_, sql::kGetBlocked, ReadBlockedRow, number);
  if (!row) return Wrap("GetBlocked", row.error());
  return row;
}

Result<Page<BlockedNumber>> SqliteConsents::ListBlocked(int limit, const std::string& cursor) {
  Status valid = ValidateLimit(limit);
  if (!valid) return Wrap("ListBlocked", valid.error());
  auto before = ParseCursor(kBlockedCursor, cursor);
  if (!before) return Wrap("ListBlocked", before.error());
  auto rows = MapAll(db_, sql::kListBlocked, ReadBlockedRow, *before, limit + 1);
  if (!rows) return Wrap("ListBlocked", rows.error());
  return MakePage(std::move(*rows), limit, kBlockedCursor);
}

Result<Suppression> SqliteConsents::Suppressed(const std::string& number) {
  auto row = QueryOne<bool, std::optional<std::string>>(db_, sql::kSuppressed, number);
  if (!row) return Wrap("Suppressed", row.error());
  if (!*row) return Suppression::kNone;
  const auto& [blocked, status] = **row;
  if (blocked) return Suppression::kBlocked;
  if (status && *status == kConsentRefused) return Suppression::kOptedOut;
  return Suppression::kNone;
}

}  // namespace tellal::store
