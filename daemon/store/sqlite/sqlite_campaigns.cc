#include "daemon/store/sqlite/sqlite_campaigns.h"

#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <set>
#include <unordered_set>
#include <utility>

#include "daemon/store/page_cursor.h"
#include "daemon/store/sqlite/bind_and_run.h"
#include "daemon/store/sqlite/campaigns_sql.h"

namespace tellal::store {
namespace {

using Json = nlohmann::json;

// Cursor kinds (page_cursor.h): campaigns newest first by id, a campaign's
// recipients by seq.
constexpr char kCampaignCursor = 'p';
constexpr char kRecipientCursor = 'r';

std::string Index(const char* field, size_t i) { return std::string(field) + "[" + std::to_string(i) + "]"; }

// The checks CreateCampaign makes before writing, each naming the field.
Status ValidateNewCampaign(const NewCampaign& c) {
  if (c.name.empty()) return Error::InvalidArgument("name: empty");
  if (c.variants.empty()) return Error::InvalidArgument("variants: none");
  std::set<std::string> names;
  for (size_t i = 0; i < c.variants.size(); ++i) {
    const CampaignVariant& v = c.variants[i];
    // Several variants are told apart by name in the report.
    if (c.variants.size() > 1 && v.name.empty()) return Error::InvalidArgument(Index("variants", i) + ".name: empty");
    if (!names.insert(v.name).second) {
      return Error::InvalidArgument(Index("variants", i) + ".name: '" + v.name + "' is repeated");
    }
    if (v.text.empty()) return Error::InvalidArgument(Index("variants", i) + ".text: empty");
    if (v.weight < 1) {
      return Error::InvalidArgument(Index("variants", i) + ".weight: " + std::to_string(v.weight) + " is below 1");
    }
  }
  const CampaignAudience& a = c.audience;
  for (size_t i = 0; i < a.rows.size(); ++i) {
    auto number = a.rows[i].find("number");
    if (number == a.rows[i].end() || number->second.empty()) {
      return Error::InvalidArgument(Index("audience.rows", i) + ".number: missing");
    }
  }
  for (size_t i = 0; i < a.numbers.size(); ++i) {
    if (a.numbers[i].empty()) return Error::InvalidArgument(Index("audience.numbers", i) + ": empty");
  }
  for (size_t i = 0; i < a.groups.size(); ++i) {
    if (a.groups[i].empty()) return Error::InvalidArgument(Index("audience.groups", i) + ": empty");
  }
  for (const auto& [key, value] : a.filter) {
    if (key.empty()) return Error::InvalidArgument("audience.filter: a key is empty");
  }
  if (c.rate_per_minute < 0) {
    return Error::InvalidArgument("rate_per_minute: " + std::to_string(c.rate_per_minute) + " is negative");
  }
  if (c.send_at && c.end_at && *c.end_at <= *c.send_at) return Error::InvalidArgument("end_at: not after send_at");
  return Status::Ok();
}

// --- The spec as JSON ---------------------------------------------------------------
// Written by EncodeSpec only; reading it back checks every type anyway, so a
// hand-edited or damaged row is kCorruption instead of an exception.

std::string EncodeSpec(const NewCampaign& c) {
  Json variants = Json::array();
  for (const CampaignVariant& v : c.variants)
    variants.push_back({{"name", v.name}, {"text", v.text}, {"weight", v.weight}});
  Json rows = Json::array();
  for (const auto& row : c.audience.rows) rows.push_back(Json(row));
  Json audience = {{"rows", std::move(rows)},
                   {"numbers", Json(c.audience.numbers)},
                   {"groups", Json(c.audience.groups)},
                   {"filter", Json(c.audience.filter)}};
  return Json{{"variants", std::move(variants)}, {"audience", std::move(audience)}}.dump();
}

Error BadSpec(const std::string& what) { return Error::Corruption("spec: " + what); }

Result<Json> ParseJson(const std::string& text, const std::string& what) {
  Json j = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return BadSpec(what + ": not JSON");
  return j;
}

Result<std::vector<std::string>> DecodeStrings(const Json& j, const std::string& what) {
  if (!j.is_array()) return BadSpec(what + ": not an array");
  std::vector<std::string> out;
  out.reserve(j.size());
  for (const Json& item : j) {
    if (!item.is_string()) return BadSpec(what + ": an item is not a string");
    out.push_back(item.get_ref<const std::string&>());
  }
  return out;
}

Result<std::map<std::string, std::string>> DecodeStringMap(const Json& j, const std::string& what) {
  if (!j.is_object()) return BadSpec(what + ": not an object");
  std::map<std::string, std::string> out;
  for (const auto& [key, value] : j.items()) {
    if (!value.is_string()) return BadSpec(what + "." + key + ": not a string");
    out.emplace(key, value.get_ref<const std::string&>());
  }
  return out;
}

Result<std::vector<CampaignVariant>> DecodeVariants(const Json& j) {
  if (!j.is_array()) return BadSpec("variants: not an array");
  std::vector<CampaignVariant> out;
  for (const Json& v : j) {
    if (!v.is_object() || !v.contains("name") || !v["name"].is_string() || !v.contains("text") ||
        !v["text"].is_string() || !v.contains("weight") || !v["weight"].is_number_integer()) {
      return BadSpec("variants: an item is malformed");
    }
    out.push_back({v["name"].get<std::string>(), v["text"].get<std::string>(), v["weight"].get<int>()});
  }
  return out;
}

Status DecodeSpec(const std::string& text, NewCampaign& c) {
  auto j = ParseJson(text, "campaign");
  if (!j) return j.error();
  if (!j->is_object() || !j->contains("variants") || !j->contains("audience") || !(*j)["audience"].is_object()) {
    return BadSpec("variants or audience missing");
  }
  auto variants = DecodeVariants((*j)["variants"]);
  if (!variants) return variants.error();
  c.variants = std::move(*variants);
  const Json& a = (*j)["audience"];
  const Json none_array = Json::array();
  const Json none_object = Json::object();
  const Json& rows = a.contains("rows") ? a["rows"] : none_array;
  if (!rows.is_array()) return BadSpec("audience.rows: not an array");
  c.audience.rows.clear();
  c.audience.rows.reserve(rows.size());
  for (const Json& row : rows) {
    auto fields = DecodeStringMap(row, "audience.rows");
    if (!fields) return fields.error();
    c.audience.rows.push_back(std::move(*fields));
  }
  auto numbers = DecodeStrings(a.contains("numbers") ? a["numbers"] : none_array, "audience.numbers");
  if (!numbers) return numbers.error();
  c.audience.numbers = std::move(*numbers);
  auto groups = DecodeStrings(a.contains("groups") ? a["groups"] : none_array, "audience.groups");
  if (!groups) return groups.error();
  c.audience.groups = std::move(*groups);
  auto filter = DecodeStringMap(a.contains("filter") ? a["filter"] : none_object, "audience.filter");
  if (!filter) return filter.error();
  c.audience.filter = std::move(*filter);
  return Status::Ok();
}

// A recipient's template fields, stored as a JSON object of strings.
Result<std::map<std::string, std::string>> DecodeFields(const std::string& text) {
  auto j = ParseJson(text, "recipient fields");
  if (!j) return j.error();
  return DecodeStringMap(*j, "recipient fields");
}

// --- Rows ---------------------------------------------------------------------------

// A campaigns row and its spec text, decoded later (Complete).
struct CampaignRow {
  Campaign campaign;
  std::string spec;
  std::optional<std::string> bad;  // a column that does not decode
};

CampaignRow ReadCampaignRow(const Statement& q) {
  CampaignRow row;
  Campaign& c = row.campaign;
  c.id = q.ColumnInt64(0);
  c.spec.name = q.ColumnText(1);
  const int64_t category = q.ColumnInt64(2);
  if (category == static_cast<int64_t>(Category::kInformational) ||
      category == static_cast<int64_t>(Category::kCommercial)) {
    c.spec.category = static_cast<Category>(category);
  } else {
    row.bad = "category " + std::to_string(category);
  }
  row.spec = q.ColumnText(3);
  c.spec.send_at = q.OptionalInt64(4);
  c.spec.end_at = q.OptionalInt64(5);
  c.spec.rate_per_minute = static_cast<int>(q.ColumnInt64(6));
  c.spec.footer = q.ColumnInt64(7) != 0;
  const std::string state = q.ColumnText(8);
  if (auto parsed = ParseCampaignState(state)) {
    c.state = *parsed;
  } else {
    row.bad = "state '" + state + "'";
  }
  c.created_at = q.ColumnInt64(9);
  c.started_at = q.OptionalInt64(10);
  c.finished_at = q.OptionalInt64(11);
  c.counts.recipients = q.OptionalInt64(12).value_or(0);
  c.audience_rows = q.ColumnInt64(13);
  return row;
}

bool IsRecipientOrMessageState(const std::string& s) {
  return s == kRecipientPending || s == kRecipientRejected || s == kRecipientCancelled ||
         ParseMessageState(s).has_value();
}

// Adds one recipient's row of kReportRows to a tally.
struct ReportRow {
  std::string recipient_state;
  std::optional<std::string> message_state, error_code;
  int64_t segments = 0;
  bool sent = false;  // the SMSC took every part (sent_at)
  int64_t replies = 0, opt_outs = 0;
};

void Add(CampaignTally& t, const ReportRow& r) {
  ++t.recipients;
  if (r.recipient_state == kRecipientRejected) ++t.rejected;
  if (r.recipient_state == kRecipientCancelled) ++t.cancelled;
  if (r.recipient_state == "queued") ++t.queued;
  if (r.message_state) {
    const std::string& s = *r.message_state;
    if (s == "sent" || s == "delivered") ++t.sent;
    if (s == "delivered") ++t.delivered;
    if (s == "failed") ++t.failed;
    if (s == "expired") ++t.expired;
    if (s == "cancelled") ++t.cancelled;
    if (s == "unknown") ++t.unknown;
    if (s == "suppressed") {
      ++t.suppressed;
      ++t.suppressed_by_reason[r.error_code.value_or("")];
    }
  }
  if (r.sent) t.segments += r.segments;
  t.replies += r.replies;
  t.opt_outs += r.opt_outs;
}

// The counts of campaign c (its recipients count is already read).
Status ReadCounts(Database& db, Campaign& c) {
  auto recipients = QueryOne<int64_t, int64_t, int64_t>(db, sql::kRecipientCounts, c.id);
  if (!recipients) return recipients.error();
  auto messages = MapOne(
      db, sql::kMessageCounts,
      [](const Statement& q) {
        std::vector<int64_t> n;
        for (int i = 0; i < 9; ++i) n.push_back(q.ColumnInt64(i));
        return n;
      },
      c.id);
  if (!messages) return messages.error();
  CampaignCounts& n = c.counts;
  if (*recipients) std::tie(n.pending, n.rejected, n.cancelled) = **recipients;
  if (*messages) {
    const std::vector<int64_t>& m = **messages;
    n.queued = m[0];
    n.sending = m[1];
    n.sent = m[2];
    n.delivered = m[3];
    n.failed = m[4];
    n.expired = m[5];
    // Recipients cancelled before they were queued, and queued messages
    // cancelled: either way, cancelled.
    n.cancelled += m[6];
    n.unknown = m[7];
    n.suppressed = m[8];
  }
  return Status::Ok();
}

// The rows' specs decoded, and their counts.
Result<std::vector<Campaign>> Complete(Database& db, std::vector<CampaignRow> rows) {
  std::vector<Campaign> out;
  out.reserve(rows.size());
  for (CampaignRow& row : rows) {
    const std::string id = "campaign " + std::to_string(row.campaign.id);
    if (row.bad) return Error::Corruption(id + ": " + *row.bad);
    Status s = DecodeSpec(row.spec, row.campaign.spec);
    if (!s) return Wrap(id, s.error());
    row.spec.clear();
    s = ReadCounts(db, row.campaign);
    if (!s) return Wrap(id, s.error());
    out.push_back(std::move(row.campaign));
  }
  return out;
}

}  // namespace

// --- Campaigns ----------------------------------------------------------------------

Result<int64_t> SqliteCampaigns::CreateCampaign(const NewCampaign& campaign, Millis now) {
  Status valid = ValidateNewCampaign(campaign);
  if (!valid) return Wrap("CreateCampaign", valid.error());
  const std::string spec = EncodeSpec(campaign);
  return InGroupOrTransaction(db_, "CreateCampaign", [&]() -> Result<int64_t> {
    Status s = Run(db_, sql::kInsertCampaign, campaign.name, static_cast<int>(campaign.category), spec,
                   campaign.send_at, campaign.end_at, campaign.rate_per_minute, campaign.footer, now);
    if (!s) return s.error();
    return db_.LastInsertRowId();
  });
}

Result<std::optional<Campaign>> SqliteCampaigns::GetCampaign(int64_t id) {
  auto row = MapOne(db_, sql::kGetCampaign, ReadCampaignRow, id);
  if (!row) return Wrap("GetCampaign", row.error());
  if (!*row) return std::optional<Campaign>();
  std::vector<CampaignRow> rows;
  rows.push_back(std::move(**row));
  auto done = Complete(db_, std::move(rows));
  if (!done) return Wrap("GetCampaign", done.error());
  return std::optional<Campaign>(std::move(done->front()));
}

Result<Page<Campaign>> SqliteCampaigns::ListCampaigns(int limit, const std::string& cursor) {
  Status valid = ValidateLimit(limit);
  if (!valid) return Wrap("ListCampaigns", valid.error());
  auto after = ParseCursor(kCampaignCursor, cursor);
  if (!after) return Wrap("ListCampaigns", after.error());
  const int64_t before = after->value_or(std::numeric_limits<int64_t>::max());
  auto rows = MapAll(db_, sql::kListCampaigns, ReadCampaignRow, before, limit + 1);
  if (!rows) return Wrap("ListCampaigns", rows.error());
  auto done = Complete(db_, std::move(*rows));
  if (!done) return Wrap("ListCampaigns", done.error());
  return MakePage(std::move(*done), limit, kCampaignCursor);
}

Result<std::vector<Campaign>> SqliteCampaigns::ActiveCampaigns() {
  auto rows = MapAll(db_, sql::kActiveCampaigns, ReadCampaignRow);
  if (!rows) return Wrap("ActiveCampaigns", rows.error());
  auto done = Complete(db_, std::move(*rows));
  if (!done) return Wrap("ActiveCampaigns", done.error());
  return done;
}

Result<bool> SqliteCampaigns::Transition(int64_t id, CampaignState from, CampaignState to, Millis now) {
  return InGroupOrTransaction(db_, "Transition(" + std::to_string(id) + ")", [&]() -> Result<bool> {
    Status s = Run(db_, sql::kTransition, id, CampaignStateName(from), CampaignStateName(to), now);
    if (!s) return s.error();
    return db_.Changes() > 0;
  });
}

// --- The audience -------------------------------------------------------------------

Status SqliteCampaigns::CheckGroups(const std::vector<std::string>& groups) {
  for (const std::string& g : groups) {
    auto exists = QueryOne<int64_t>(db_, sql::kGroupExists, g);
    if (!exists) return exists.error();
    if (!*exists) return Error::NotFound("audience.groups: no group named '" + g + "'");
  }
  return Status::Ok();
}

Status SqliteCampaigns::ForEachContact(
    const std::string& groups_json, const std::string& filter_json,
    const std::function<Status(const std::string& number, const std::string& fields)>& visit) {
  auto q = Prepare(db_, sql::kAudienceContacts, groups_json, filter_json);
  if (!q) return q.error();
  for (;;) {
    auto row = q->Step();
    if (!row) return row.error();
    if (!*row) return Status::Ok();
    Status s = visit(q->ColumnText(0), q->ColumnText(1));
    if (!s) return s;
  }
}

Status SqliteCampaigns::ForEachAudienceMember(const CampaignAudience& audience,
                                              const std::function<Status(const AudienceMember&)>& visit) {
  Status s = CheckGroups(audience.groups);
  if (!s) return Wrap("ForEachAudienceMember", s.error());
  // Contacts have unique numbers, so only the rows' and the numbers' need
  // remembering: memory follows what the caller already holds, not the
  // contacts.
  std::unordered_set<std::string> seen;
  for (size_t i = 0; i < audience.rows.size(); ++i) {
    const auto& row = audience.rows[i];
    auto number = row.find("number");
    if (number == row.end() || number->second.empty()) {
      return Error::InvalidArgument("ForEachAudienceMember: " + Index("rows", i) + ".number: missing");
    }
    if (!seen.insert(number->second).second) continue;
    s = visit(AudienceMember{number->second, row});
    if (!s) return s;
  }
  for (const std::string& number : audience.numbers) {
    if (!seen.insert(number).second) continue;
    s = visit(AudienceMember{number, {{"number", number}}});
    if (!s) return s;
  }
  if (audience.groups.empty() && audience.filter.empty()) return Status::Ok();
  Status visited = Status::Ok();  // the visitor's own error, returned as it is
  s = ForEachContact(Json(audience.groups).dump(), Json(audience.filter).dump(),
                     [&](const std::string& number, const std::string& fields) -> Status {
                       if (seen.contains(number)) return Status::Ok();
                       auto decoded = DecodeFields(fields);
                       if (!decoded) return decoded.error();
                       visited = visit(AudienceMember{number, std::move(*decoded)});
                       return visited;
                     });
  if (!visited) return visited;
  if (!s) return Wrap("ForEachAudienceMember", s.error());
  return Status::Ok();
}

Status SqliteCampaigns::ForEachCampaignMember(int64_t id,
                                              const std::function<Status(const AudienceMember&)>& visit) {
  const std::string what = "ForEachCampaignMember(" + std::to_string(id) + ")";
  auto refs = QueryOne<std::optional<int64_t>, std::string, std::string>(db_, sql::kCampaignAudienceRefs, id);
  if (!refs) return Wrap(what, refs.error());
  if (!*refs) return Error::NotFound("no campaign " + std::to_string(id));
  const auto& [resolved, groups_json, filter_json] = **refs;
  auto groups_parsed = ParseJson(groups_json, "audience.groups");
  if (!groups_parsed) return groups_parsed.error();
  auto groups = DecodeStrings(*groups_parsed, "audience.groups");
  if (!groups) return groups.error();
  Status s = CheckGroups(*groups);
  if (!s) return Wrap(what, s.error());
  // As ForEachAudienceMember: only the rows' and numbers' numbers need
  // remembering, contacts' are unique.
  std::unordered_set<std::string> seen;
  Status visited = Status::Ok();  // the visitor's own error, returned as it is
  const auto member = [&](const std::string& number, const std::string& fields) -> Status {
    auto decoded = DecodeFields(fields);
    if (!decoded) return decoded.error();
    visited = visit(AudienceMember{number, std::move(*decoded)});
    return visited;
  };
  for (std::string_view source : {sql::kSpecRows, sql::kSpecNumbers}) {
    auto q = Prepare(db_, source, id);
    if (!q) return Wrap(what, q.error());
    for (;;) {
      auto row = q->Step();
      if (!row) return Wrap(what, row.error());
      if (!*row) break;
      if (q->ColumnIsNull(0)) return BadSpec("audience: a member has no number");
      std::string number = q->ColumnText(0);
      if (!seen.insert(number).second) continue;
      s = member(number, q->ColumnText(1));
      if (!visited) return visited;
      if (!s) return Wrap(what, s.error());
    }
  }
  if (groups->empty() && filter_json == "{}") return Status::Ok();
  s = ForEachContact(groups_json, filter_json, [&](const std::string& number, const std::string& fields) -> Status {
    if (seen.contains(number)) return Status::Ok();
    return member(number, fields);
  });
  if (!visited) return visited;
  if (!s) return Wrap(what, s.error());
  return Status::Ok();
}

Result<int64_t> SqliteCampaigns::ResolveRecipients(int64_t id) {
  return InTransaction(db_, "ResolveRecipients(" + std::to_string(id) + ")", [&]() -> Result<int64_t> {
    auto refs = QueryOne<std::optional<int64_t>, std::string, std::string>(db_, sql::kCampaignAudienceRefs, id);
    if (!refs) return refs.error();
    if (!*refs) return Error::NotFound("no campaign " + std::to_string(id));
    const auto& [resolved, groups_json, filter_json] = **refs;
    if (resolved) return *resolved;
    auto groups_parsed = ParseJson(groups_json, "audience.groups");
    if (!groups_parsed) return groups_parsed.error();
    auto groups = DecodeStrings(*groups_parsed, "audience.groups");
    if (!groups) return groups.error();
    Status s = CheckGroups(*groups);
    if (!s) return s.error();

    // Rows, numbers, then contacts, read from the database as they are
    // inserted; the unique (campaign_id, number) keeps the first of a
    // repeated number, and seq counts only the rows that went in.
    int64_t seq = 0;
    const auto insert = [&](const std::string& number, const std::string& fields) -> Status {
      Status inserted = Run(db_, sql::kInsertRecipient, id, seq + 1, number, fields);
      if (!inserted) return inserted;
      if (db_.Changes() > 0) ++seq;
      return Status::Ok();
    };
    for (std::string_view source : {sql::kSpecRows, sql::kSpecNumbers}) {
      auto q = Prepare(db_, source, id);
      if (!q) return q.error();
      for (;;) {
        auto row = q->Step();
        if (!row) return row.error();
        if (!*row) break;
        if (q->ColumnIsNull(0)) return BadSpec("audience: a member has no number");
        s = insert(q->ColumnText(0), q->ColumnText(1));
        if (!s) return s.error();
      }
    }
    if (!groups->empty() || filter_json != "{}") {
      s = ForEachContact(groups_json, filter_json, insert);
      if (!s) return s.error();
    }
    s = Run(db_, sql::kSetRecipients, id, seq);
    if (!s) return s.error();
    return seq;
  });
}

// --- Sending ------------------------------------------------------------------------

Result<std::vector<CampaignRecipient>> SqliteCampaigns::PendingRecipients(int64_t id, int limit) {
  if (limit < 1) return Error::InvalidArgument("PendingRecipients: limit: " + std::to_string(limit) + " is below 1");
  auto rows = QueryAll<int64_t, std::string, std::string>(db_, sql::kPendingRecipients, id, limit);
  if (!rows) return Wrap("PendingRecipients", rows.error());
  std::vector<CampaignRecipient> out;
  out.reserve(rows->size());
  for (auto& [seq, number, fields] : *rows) {
    auto decoded = DecodeFields(fields);
    if (!decoded) return Wrap("PendingRecipients", decoded.error());
    CampaignRecipient r;
    r.seq = seq;
    r.number = std::move(number);
    r.fields = std::move(*decoded);
    r.state = std::string(kRecipientPending);
    out.push_back(std::move(r));
  }
  return out;
}

Status SqliteCampaigns::RecordOutcomes(int64_t id, const std::vector<RecipientOutcome>& outcomes) {
  for (size_t i = 0; i < outcomes.size(); ++i) {
    const RecipientOutcome& o = outcomes[i];
    if (o.variant < 0) return Error::InvalidArgument("RecordOutcomes: " + Index("outcomes", i) + ".variant: negative");
    if (!o.message_id && o.rejected_reason.empty()) {
      return Error::InvalidArgument("RecordOutcomes: " + Index("outcomes", i) +
                                    ".rejected_reason: empty, and no message_id");
    }
  }
  return InTransaction(db_, "RecordOutcomes(" + std::to_string(id) + ")", [&]() -> Status {
    for (const RecipientOutcome& o : outcomes) {
      Status s = o.message_id ? Run(db_, sql::kRecipientQueued, id, o.seq, *o.message_id, o.variant)
                              : Run(db_, sql::kRecipientRejected, id, o.seq, o.rejected_reason, o.variant);
      if (!s) return s;
    }
    return Status::Ok();
  });
}

Result<int64_t> SqliteCampaigns::HoldQueued(int64_t id) {
  return InGroupOrTransaction(db_, "HoldQueued(" + std::to_string(id) + ")", [&]() -> Result<int64_t> {
    Status s = Run(db_, sql::kHoldQueued, id, kHeldByPause);
    if (!s) return s.error();
    return static_cast<int64_t>(db_.Changes());
  });
}

Result<int64_t> SqliteCampaigns::ReleaseHeld(int64_t id, Millis now, Millis spacing) {
  if (spacing < 0) return Error::InvalidArgument("ReleaseHeld: spacing: negative");
  return InGroupOrTransaction(db_, "ReleaseHeld(" + std::to_string(id) + ")", [&]() -> Result<int64_t> {
    Status s = Run(db_, sql::kReleaseHeld, id, now, spacing, kHeldByPause);
    if (!s) return s.error();
    return static_cast<int64_t>(db_.Changes());
  });
}

Result<int64_t> SqliteCampaigns::CancelQueued(int64_t id, Millis now) {
  return InTransaction(db_, "CancelQueued(" + std::to_string(id) + ")", [&]() -> Result<int64_t> {
    Status s = Run(db_, sql::kCancelQueued, id, now);
    if (!s) return s.error();
    const int64_t messages = db_.Changes();
    s = Run(db_, sql::kCancelPending, id);
    if (!s) return s.error();
    return messages;
  });
}

Result<bool> SqliteCampaigns::IsFinished(int64_t id) {
  auto pending = QueryOne<int64_t>(db_, sql::kAnyPending, id);
  if (!pending) return Wrap("IsFinished", pending.error());
  if (*pending) return false;
  auto in_flight = QueryOne<int64_t>(db_, sql::kAnyInFlight, id);
  if (!in_flight) return Wrap("IsFinished", in_flight.error());
  return !in_flight->has_value();
}

// --- Reading back -------------------------------------------------------------------

Status SqliteCampaigns::MustExist(int64_t id) {
  auto exists = QueryOne<int64_t>(db_, sql::kCampaignExists, id);
  if (!exists) return exists.error();
  if (!*exists) return Error::NotFound("no campaign " + std::to_string(id));
  return Status::Ok();
}

Result<Page<CampaignRecipient>> SqliteCampaigns::ListRecipients(int64_t id, const std::optional<std::string>& state,
                                                                int limit, const std::string& cursor) {
  const std::string op = "ListRecipients(" + std::to_string(id) + ")";
  Status valid = ValidateLimit(limit);
  if (!valid) return Wrap(op, valid.error());
  auto after = ParseCursor(kRecipientCursor, cursor);
  if (!after) return Wrap(op, after.error());
  if (state && !IsRecipientOrMessageState(*state)) {
    return Error::InvalidArgument(op + ": state: '" + *state + "' is neither a recipient's nor a message's state");
  }
  Status exists = MustExist(id);
  if (!exists) return Wrap(op, exists.error());
  auto q = Prepare(db_, sql::kListRecipients, id, after->value_or(0), state, limit + 1);
  if (!q) return Wrap(op, q.error());
  Page<CampaignRecipient> page;
  for (;;) {
    auto row = q->Step();
    if (!row) return Wrap(op, row.error());
    if (!*row) break;
    if (page.items.size() == static_cast<size_t>(limit)) {
      page.next_cursor = MakeCursor(kRecipientCursor, page.items.back().seq);
      break;
    }
    auto fields = DecodeFields(q->ColumnText(2));
    if (!fields) return Wrap(op, fields.error());
    CampaignRecipient r;
    r.seq = q->ColumnInt64(0);
    r.number = q->ColumnText(1);
    r.fields = std::move(*fields);
    r.state = q->ColumnText(3);
    r.reason = q->OptionalText(4);
    r.message_id = q->OptionalInt64(5);
    r.modem = q->OptionalText(6);
    page.items.push_back(std::move(r));
  }
  return page;
}

Result<CampaignReport> SqliteCampaigns::Report(int64_t id, Millis attribution) {
  const std::string op = "Report(" + std::to_string(id) + ")";
  auto variants_json = QueryOne<std::string>(db_, sql::kCampaignVariants, id);
  if (!variants_json) return Wrap(op, variants_json.error());
  if (!*variants_json) return Error::NotFound(op + ": no campaign " + std::to_string(id));
  auto parsed = ParseJson(**variants_json, "variants");
  if (!parsed) return Wrap(op, parsed.error());
  auto variants = DecodeVariants(*parsed);
  if (!variants) return Wrap(op, variants.error());

  CampaignReport report;
  auto q = Prepare(db_, sql::kReportRows, id, attribution);
  if (!q) return Wrap(op, q.error());
  for (;;) {
    auto step = q->Step();
    if (!step) return Wrap(op, step.error());
    if (!*step) break;
    ReportRow r;
    const std::optional<int64_t> variant = q->OptionalInt64(0);
    r.recipient_state = q->ColumnText(1);
    r.message_state = q->OptionalText(2);
    r.error_code = q->OptionalText(3);
    const std::optional<std::string> modem = q->OptionalText(4);
    r.segments = q->ColumnInt64(5);
    r.sent = !q->ColumnIsNull(6);
    r.replies = q->ColumnInt64(7);
    r.opt_outs = q->ColumnInt64(8);
    Add(report.total, r);
    if (variant) {
      // An index the spec does not have (it cannot change after the
      // draft, so only a damaged row) is reported under its number.
      const bool known = *variant >= 0 && static_cast<size_t>(*variant) < variants->size();
      Add(report.by_variant[known ? (*variants)[static_cast<size_t>(*variant)].name : "#" + std::to_string(*variant)],
          r);
    }
    if (modem) Add(report.by_modem[*modem], r);
  }
  return report;
}

}  // namespace tellal::store
