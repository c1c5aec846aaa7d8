// Validation of outbound submissions: the JSON body of POST /api/v1/messages
// becomes store::NewMessage values, or one ApiError naming the member (and,
// in a batch, the index) that is wrong. Nothing is half-accepted: a batch
// with one bad entry is an error as a whole.
//
// A message object:
//   {"to": "+905321234567",          required; national numbers get
//                                    settings.default_country
//    "text": "...",                  required, non-empty, at most
//                                    settings.max_segments segments
//    "priority": "otp|normal|bulk",  default "normal"
//    "send_at": "RFC 3339",          not before; a past time means now
//    "valid_for": seconds,           1..63 weeks (TP-VP's longest relative period)
//    "report": bool, "flash": bool,  default false
//    "modem": "sim1",                one of settings.modem_ids
//    "client_ref": "...",            1..255 bytes; idempotency key
//    "encoding": "auto|gsm7|ucs2"}   default "auto"
// An optional member given as null counts as absent, since many JSON
// serialisers write null for "not set". Unknown members are errors: a typo
// like "valid_fr" must not silently drop a deadline.
//
// Pure functions, safe from any thread.
#ifndef TELLAL_WEB_API_MESSAGE_REQUEST_H_
#define TELLAL_WEB_API_MESSAGE_REQUEST_H_

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "daemon/store/records.h"
#include "modem/pdu/text_planner.h"
#include "web/api/api_errors.h"
#include "web/api/api_settings.h"

namespace tellal::web {

// TP-VP relative format reaches 63 weeks (TS 23.040 §9.2.3.12.1).
inline constexpr int64_t kMaxValidForSeconds = 63LL * 7 * 24 * 3600;
inline constexpr std::size_t kMaxClientRefBytes = 255;

struct Submission {
  bool batch = false;  // {"messages": [...]} rather than one object
  std::vector<store::NewMessage> messages;
};

// `now` is the accept time, for valid_until.
Result<Submission, ApiError> ParseSubmission(const nlohmann::json& body, const ApiSettings& settings,
                                             store::Millis now);
Result<store::NewMessage, ApiError> ParseMessage(const nlohmann::json& object, const ApiSettings& settings,
                                                 store::Millis now);

// The pieces shared with the Kannel endpoint. Errors name `field` as given.
struct PlannedText {
  std::string encoding;  // the planner's choice: "gsm7", "gsm7-turkish", "ucs2"
  int segments = 1;
};
Result<PlannedText, ApiError> PlanForSending(std::string_view text, pdu::EncodingRequest encoding, int max_segments);
Result<std::string, ApiError> NormalizeDestination(const std::string& field, std::string_view number,
                                                   const ApiSettings& settings);
bool IsConfiguredModem(const ApiSettings& settings, std::string_view modem);

}  // namespace tellal::web

#endif  // TELLAL_WEB_API_MESSAGE_REQUEST_H_
