// Path and query parameters of the read endpoints, validated into the
// store's filter types. Errors are 400s naming the parameter.
//
// Query rules, the same for every endpoint: an unknown parameter is an
// error (a typo like `limt` must not silently return 100 rows); a parameter
// given twice is an error; an empty value (`?state=`) counts as absent,
// which is what HTML forms send for an untouched field.
//
// Pure functions, safe from any thread.
#ifndef TELLAL_WEB_API_REQUEST_PARAMS_H_
#define TELLAL_WEB_API_REQUEST_PARAMS_H_

#include <cstdint>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "daemon/store/records.h"
#include "web/api/api_errors.h"
#include "web/api/api_settings.h"
#include "web/api/export_format.h"

namespace tellal::web {

using QueryParams = std::multimap<std::string, std::string>;

inline constexpr int kDefaultPageSize = 100;
inline constexpr int kMaxPageSize = 1000;
inline constexpr std::size_t kMaxCursorBytes = 128;

// GET /api/v1/messages?state=&to=&since=&limit=&cursor=
struct MessageListQuery {
  store::MessageFilter filter;  // `to` normalised like a destination
  int limit = kDefaultPageSize;
  std::string cursor;
};
Result<MessageListQuery, ApiError> ParseMessageListQuery(const QueryParams& query, const ApiSettings& settings);

// GET /api/v1/inbox?since=&from=&limit=&cursor=
struct InboxListQuery {
  store::InboxFilter filter;  // `from` normalised like a received address
  int limit = kDefaultPageSize;
  std::string cursor;
};
Result<InboxListQuery, ApiError> ParseInboxListQuery(const QueryParams& query, const ApiSettings& settings);

// GET /api/v1/export?what=&format=&since=&until=&limit=&cursor=
// what: messages (default) | inbox; format: jsonl (default) | csv; since
// and until (exclusive) are RFC 3339 and bound created_at / received_at.
struct ExportQuery {
  ExportKind kind = ExportKind::kMessages;
  ExportFormat format = ExportFormat::kJsonLines;
  std::optional<store::Millis> since;
  std::optional<store::Millis> until;
  int limit = kMaxPageSize;
  std::string cursor;
};
Result<ExportQuery, ApiError> ParseExportQuery(const QueryParams& query);

// The common part of the audience listings (contacts, consents, opt-outs,
// blocked): limit, cursor and since (RFC 3339), each optional; a
// parameter outside `known` (which names these three too when they apply)
// is an error like everywhere else.
struct PagedQuery {
  int limit = kDefaultPageSize;
  std::string cursor;
  std::optional<store::Millis> since;
};
Result<PagedQuery, ApiError> ParsePagedQuery(const QueryParams& query, std::initializer_list<std::string_view> known);

// An id in a path: decimal digits only, fitting int64. `what` names the
// kind in the error ("message", "contact", "campaign").
Result<int64_t, ApiError> ParsePathId(std::string_view text, std::string_view what);
inline Result<int64_t, ApiError> ParseMessageId(std::string_view text) { return ParsePathId(text, "message"); }

}  // namespace tellal::web

#endif  // TELLAL_WEB_API_REQUEST_PARAMS_H_
