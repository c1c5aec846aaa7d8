// The API's JSON: reading request bodies strictly, and the shapes of every
// object the API returns. The shapes are documented in web/api/openapi.json;
// a field added here belongs there too.
//
// Conventions of every rendered object:
//  - ids are JSON numbers;
//  - time stamps are RFC 3339 in the daemon's local time zone (daemon/text/rfc3339.h);
//  - an absent optional value is null, never a missing key, so clients
//    see one shape.
//
// Pure functions, safe from any thread.
#ifndef TELLAL_WEB_API_API_JSON_H_
#define TELLAL_WEB_API_API_JSON_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "daemon/store/records.h"
#include "modem/result.h"
#include "web/api/api_backend.h"
#include "web/http/http_types.h"

namespace tellal::web {

// Parses a request body. Fails, with the parser's line and column, on
// malformed JSON, on invalid UTF-8 anywhere in a string (including escaped
// lone surrogates), on an object naming the same member twice — which
// value a client meant would be a guess — and on arrays and objects nested
// deeper than kMaxJsonDepth (no request needs more; the limit keeps a
// hostile body from costing time and memory out of proportion to its size).
inline constexpr int kMaxJsonDepth = 32;
Result<nlohmann::json> ParseJsonBody(std::string_view body);

// Serialises compactly. Strings that are not valid UTF-8 (which only a
// broken backend could hand over) have the bad bytes replaced by U+FFFD
// instead of failing the response.
std::string DumpJson(const nlohmann::json& value);
HttpResponse JsonResponse(int status, const nlohmann::json& value);

nlohmann::json TimeJson(std::optional<store::Millis> at);

// The answer for one submitted message: {"id", "state", "to", "encoding",
// "segments"}.
nlohmann::json SubmittedJson(int64_t id, std::string_view state, std::string_view to, std::string_view encoding,
                             int segments);
nlohmann::json MessageJson(const store::Message& message);
// MessageJson plus "segment_states": one object per segment handed to a
// modem so far.
nlohmann::json MessageDetailJson(const MessageDetail& detail);
nlohmann::json InboxMessageJson(const store::InboxMessage& message);
nlohmann::json ModemJson(const ModemView& modem);
nlohmann::json HealthJson(const HealthView& health);
// {"<key>": items, "next_cursor": cursor or null when there is no next page}.
nlohmann::json PageJson(const char* key, nlohmann::json items, const std::string& next_cursor);

// Bars as a phone shows them, from the received signal in dBm (+CSQ maps
// -113..-51). Thresholds, each bar 10 dB apart from -73 dBm down:
//   >= -73: 5, >= -83: 4, >= -93: 3, >= -103: 2, >= -109: 1, below: 0.
// Unknown signal: nullopt.
std::optional<int> SignalBars(std::optional<int> dbm);

}  // namespace tellal::web

#endif  // TELLAL_WEB_API_API_JSON_H_
