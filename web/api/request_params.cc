#include "web/api/request_params.h"

#include <algorithm>
#include <charconv>
#include <initializer_list>
#include <optional>

#include "daemon/core/phone_number.h"
#include "daemon/text/rfc3339.h"
#include "modem/text/ascii.h"

namespace tellal::web {

using text::AllDigits;
namespace {

// Rejects unknown and repeated parameters; returns nothing on success.
Result<bool, ApiError> CheckNames(const QueryParams& query, std::initializer_list<std::string_view> known) {
  for (auto it = query.begin(); it != query.end(); it = query.upper_bound(it->first)) {
    if (std::find(known.begin(), known.end(), it->first) == known.end()) {
      std::string expected;
      for (std::string_view name : known) expected += (expected.empty() ? "" : ", ") + std::string(name);
      return ApiError::InvalidParameter(it->first, "is not a parameter of this endpoint (expected " + expected + ")");
    }
    if (query.count(it->first) > 1) return ApiError::InvalidParameter(it->first, "is given more than once");
  }
  return true;
}

std::optional<std::string> Value(const QueryParams& query, const std::string& name) {
  auto it = query.find(name);
  if (it == query.end() || it->second.empty()) return std::nullopt;
  return it->second;
}

Result<int, ApiError> Limit(const QueryParams& query, int fallback) {
  auto value = Value(query, "limit");
  if (!value) return fallback;
  const std::string range = "must be a whole number from 1 to " + std::to_string(kMaxPageSize);
  int limit = 0;
  if (!AllDigits(*value)) return ApiError::InvalidParameter("limit", range + ", got '" + *value + "'");
  auto [end, ec] = std::from_chars(value->data(), value->data() + value->size(), limit);
  if (ec != std::errc() || end != value->data() + value->size() || limit < 1 || limit > kMaxPageSize)
    return ApiError::InvalidParameter("limit", range + ", got '" + *value + "'");
  return limit;
}

Result<std::optional<store::Millis>, ApiError> Time(const QueryParams& query, const std::string& name) {
  auto value = Value(query, name);
  if (!value) return std::optional<store::Millis>();
  auto at = text::ParseRfc3339(*value);
  if (!at) return ApiError::InvalidParameter(name, at.error().message);
  return std::optional<store::Millis>(*at);
}

Result<std::optional<store::Millis>, ApiError> Since(const QueryParams& query) { return Time(query, "since"); }

// Cursors are opaque, but a client should never need more than printable
// ASCII; anything else is corruption worth naming before the backend sees it.
Result<std::string, ApiError> Cursor(const QueryParams& query) {
  auto value = Value(query, "cursor");
  if (!value) return std::string();
  const bool printable = std::all_of(value->begin(), value->end(), [](char c) { return c > ' ' && c < 0x7f; });
  if (!printable || value->size() > kMaxCursorBytes)
    return ApiError::InvalidParameter("cursor", "is not a cursor this server returned");
  return *value;
}

}  // namespace

// limit (`fallback` when absent) and cursor: the part every paged query shares.
template <typename PagedQuery>
Result<bool, ApiError> ReadPage(const QueryParams& query, PagedQuery& q, int fallback) {
  auto limit = Limit(query, fallback);
  if (!limit) return std::move(limit).error();
  q.limit = *limit;
  auto cursor = Cursor(query);
  if (!cursor) return std::move(cursor).error();
  q.cursor = std::move(cursor).value();
  return true;
}

// since, limit and cursor: the part every listing shares.
template <typename ListQuery>
Result<bool, ApiError> ReadPaging(const QueryParams& query, ListQuery& q) {
  auto since = Since(query);
  if (!since) return std::move(since).error();
  q.filter.since = *since;
  return ReadPage(query, q, kDefaultPageSize);
}

Result<MessageListQuery, ApiError> ParseMessageListQuery(const QueryParams& query, const ApiSettings& settings) {
  if (auto names = CheckNames(query, {"state", "to", "category", "since", "limit", "cursor"}); !names)
    return std::move(names).error();
  MessageListQuery q;
  if (auto state = Value(query, "state")) {
    auto parsed = store::ParseMessageState(*state);
    if (!parsed)
      return ApiError::InvalidParameter("state",
                                        "expected queued, sending, sent, delivered, failed, expired, cancelled, "
                                        "unknown or suppressed, got '" +
                                            *state + "'");
    q.filter.state = *parsed;
  }
  if (auto category = Value(query, "category")) {
    auto parsed = store::ParseCategory(*category);
    if (!parsed)
      return ApiError::InvalidParameter("category", "expected informational or commercial, got '" + *category + "'");
    q.filter.category = *parsed;
  }
  if (auto to = Value(query, "to")) {
    auto normalized = core::NormalizeNumber(*to, settings.default_country);
    if (!normalized) return ApiError::InvalidParameter("to", normalized.error().message);
    q.filter.to = *normalized;
  }
  if (auto paging = ReadPaging(query, q); !paging) return std::move(paging).error();
  return q;
}

Result<InboxListQuery, ApiError> ParseInboxListQuery(const QueryParams& query, const ApiSettings& settings) {
  if (auto names = CheckNames(query, {"since", "from", "limit", "cursor"}); !names) return std::move(names).error();
  InboxListQuery q;
  // Senders include alphanumeric ids ("Design@Home"), which the store keeps
  // as received; only numbers are brought to the stored canonical form.
  if (auto from = Value(query, "from")) q.filter.from = core::NormalizeReceived(*from, settings.default_country);
  if (auto paging = ReadPaging(query, q); !paging) return std::move(paging).error();
  return q;
}

Result<ExportQuery, ApiError> ParseExportQuery(const QueryParams& query) {
  if (auto names = CheckNames(query, {"what", "format", "since", "until", "limit", "cursor"}); !names)
    return std::move(names).error();
  ExportQuery q;
  if (auto what = Value(query, "what")) {
    auto kind = ParseExportKind(*what);
    if (!kind) return ApiError::InvalidParameter("what", "expected messages or inbox, got '" + *what + "'");
    q.kind = *kind;
  }
  if (auto format = Value(query, "format")) {
    auto parsed = ParseExportFormat(*format);
    if (!parsed) return ApiError::InvalidParameter("format", "expected jsonl or csv, got '" + *format + "'");
    q.format = *parsed;
  }
  auto since = Time(query, "since");
  if (!since) return std::move(since).error();
  q.since = *since;
  auto until = Time(query, "until");
  if (!until) return std::move(until).error();
  q.until = *until;
  if (q.since && q.until && *q.until <= *q.since)
    return ApiError::InvalidParameter("until", "must be later than since");
  // An export pages at the largest page a listing allows unless asked.
  if (auto page = ReadPage(query, q, kMaxPageSize); !page) return std::move(page).error();
  return q;
}

Result<PagedQuery, ApiError> ParsePagedQuery(const QueryParams& query, std::initializer_list<std::string_view> known) {
  auto names = CheckNames(query, known);
  if (!names) return std::move(names).error();
  PagedQuery q;
  auto page = ReadPage(query, q, kDefaultPageSize);
  if (!page) return std::move(page).error();
  auto since = Since(query);
  if (!since) return std::move(since).error();
  q.since = *since;
  return q;
}

Result<int64_t, ApiError> ParsePathId(std::string_view text, std::string_view what) {
  int64_t id = 0;
  if (AllDigits(text)) {
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (ec == std::errc() && end == text.data() + text.size()) return id;
  }
  return ApiError::InvalidParameter(
      "id", "must be a " + std::string(what) + " id (a whole number), got '" + std::string(text) + "'");
}

}  // namespace tellal::web
