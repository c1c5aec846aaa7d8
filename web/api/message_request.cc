#include "web/api/message_request.h"

#include <algorithm>
#include <array>
#include <optional>

#include "daemon/core/phone_number.h"
#include "daemon/text/rfc3339.h"
#include "web/api/json_members.h"

namespace tellal::web {
namespace {

using nlohmann::json;

constexpr std::array<std::string_view, 12> kMessageMembers = {
    "to", "text", "priority", "send_at", "valid_for", "report", "modem", "client_ref", "encoding", "flash", "category",
    "footer"};

Result<std::optional<int64_t>, ApiError> ValidFor(const json& object) {
  const json* v = Member(object, "valid_for");
  if (!v) return std::optional<int64_t>();
  const std::string range = "must be a whole number of seconds from 1 to " + std::to_string(kMaxValidForSeconds);
  if (!v->is_number_integer()) return ApiError::InvalidField("valid_for", range + ", " + Got(*v));
  // Unsigned values above INT64_MAX would wrap in get<int64_t>().
  if (v->is_number_unsigned() && v->get<uint64_t>() > static_cast<uint64_t>(kMaxValidForSeconds))
    return ApiError::InvalidField("valid_for", range + ", got " + v->dump());
  const int64_t seconds = v->get<int64_t>();
  if (seconds < 1 || seconds > kMaxValidForSeconds)
    return ApiError::InvalidField("valid_for", range + ", got " + std::to_string(seconds));
  return std::optional<int64_t>(seconds);
}

}  // namespace

bool IsConfiguredModem(const ApiSettings& settings, std::string_view modem) {
  return std::find(settings.modem_ids.begin(), settings.modem_ids.end(), modem) != settings.modem_ids.end();
}

Result<std::string, ApiError> NormalizeDestination(const std::string& field, std::string_view number,
                                                   const ApiSettings& settings) {
  auto normalized = core::NormalizeNumber(number, settings.default_country);
  if (!normalized) return ApiError::InvalidNumber(field, normalized.error().message);
  return std::move(normalized).value();
}

Result<PlannedText, ApiError> PlanForSending(std::string_view text, pdu::EncodingRequest encoding, int max_segments) {
  pdu::PlanOptions options;
  options.encoding = encoding;
  auto plan = pdu::PlanText(text, options);
  if (!plan) return ApiError::InvalidText(plan.error().message);
  const int segments = static_cast<int>(plan->segments.size());
  const char* name = pdu::EncodingName(plan->encoding);
  if (segments > max_segments) {
    return ApiError::TextTooLong("text: needs " + std::to_string(segments) + " segments as " + name + ", at most " +
                                 std::to_string(max_segments) + " are allowed");
  }
  return PlannedText{name, segments};
}

Result<store::NewMessage, ApiError> ParseMessage(const json& object, const ApiSettings& settings, store::Millis now) {
  if (!object.is_object()) return ApiError::InvalidBody("a message must be a JSON object, " + Got(object));
  for (const auto& [key, value] : object.items()) {
    if (std::find(kMessageMembers.begin(), kMessageMembers.end(), key) == kMessageMembers.end())
      return ApiError::UnknownField(key);
  }
  store::NewMessage m;

  auto to = RequiredString(object, "to");
  if (!to) return std::move(to).error();
  auto normalized = NormalizeDestination("to", *to, settings);
  if (!normalized) return std::move(normalized).error();
  m.to = std::move(normalized).value();

  auto text = RequiredString(object, "text");
  if (!text) return std::move(text).error();
  if (text->empty()) return ApiError::InvalidText("text: is empty");

  auto priority = OptionalString(object, "priority");
  if (!priority) return std::move(priority).error();
  if (*priority) {
    auto parsed = store::ParsePriority(**priority);
    if (!parsed) return ApiError::InvalidField("priority", "expected otp, normal or bulk, got '" + **priority + "'");
    m.priority = *parsed;
  }

  auto category = OptionalString(object, "category");
  if (!category) return std::move(category).error();
  if (*category) {
    auto parsed = store::ParseCategory(**category);
    if (!parsed)
      return ApiError::InvalidField("category", "expected informational or commercial, got '" + **category + "'");
    m.category = *parsed;
  }
  const bool commercial = m.category == store::Category::kCommercial;
  if (commercial && m.priority == store::Priority::kOtp)
    return ApiError::InvalidField("category", "a one-time code (priority otp) is informational, not commercial");
  // The opt-out footer is the law's for commercial messages; only they
  // carry it, and it counts in the segments like any text.
  const json* footer = Member(object, "footer");
  if (footer && !commercial)
    return ApiError::InvalidField("footer", "only commercial messages carry the opt-out footer");
  bool with_footer = true;
  if (footer) {
    auto given = OptionalBool(object, "footer");
    if (!given) return std::move(given).error();
    with_footer = *given;
  }
  if (commercial && with_footer && !settings.commercial_footer.empty()) {
    *text += "\n" + settings.commercial_footer;
  } else if (commercial && with_footer && !settings.commercial_footer_error.empty()) {
    return ApiError::Conflict("category", "commercial messages cannot get their footer: " +
                                              settings.commercial_footer_error +
                                              " (or send with \"footer\": false)");
  }

  pdu::EncodingRequest encoding = pdu::EncodingRequest::kAuto;
  auto encoding_name = OptionalString(object, "encoding");
  if (!encoding_name) return std::move(encoding_name).error();
  if (*encoding_name) {
    auto parsed = pdu::ParseEncodingRequest(**encoding_name);
    if (!parsed)
      return ApiError::InvalidField("encoding", "expected auto, gsm7 or ucs2, got '" + **encoding_name + "'");
    encoding = *parsed;
  }
  auto planned = PlanForSending(*text, encoding, settings.max_segments);
  if (!planned) return std::move(planned).error();
  m.text = std::move(text).value();
  m.encoding = planned->encoding;
  m.segments = planned->segments;

  auto send_at = OptionalString(object, "send_at");
  if (!send_at) return std::move(send_at).error();
  if (*send_at) {
    auto at = text::ParseRfc3339(**send_at);
    if (!at) return ApiError::InvalidField("send_at", at.error().message);
    m.not_before = *at;
  }

  auto valid_for = ValidFor(object);
  if (!valid_for) return std::move(valid_for).error();
  if (*valid_for) {
    // The validity period runs from when sending may start, so a message
    // scheduled for tomorrow is not already expired when its time comes.
    const store::Millis start = m.not_before ? std::max(now, *m.not_before) : now;
    m.valid_until = start + **valid_for * 1000;
  }

  auto report = OptionalBool(object, "report");
  if (!report) return std::move(report).error();
  m.report_requested = *report;
  auto flash = OptionalBool(object, "flash");
  if (!flash) return std::move(flash).error();
  m.flash = *flash;

  auto modem = OptionalString(object, "modem");
  if (!modem) return std::move(modem).error();
  if (*modem) {
    if (!IsConfiguredModem(settings, **modem)) return ApiError::UnknownModem("modem", **modem);
    m.modem = **modem;
  }

  auto client_ref = OptionalString(object, "client_ref");
  if (!client_ref) return std::move(client_ref).error();
  if (*client_ref) {
    if ((*client_ref)->empty() || (*client_ref)->size() > kMaxClientRefBytes)
      return ApiError::InvalidField("client_ref", "must be 1 to " + std::to_string(kMaxClientRefBytes) +
                                                      " bytes long, got " + std::to_string((*client_ref)->size()));
    m.client_ref = **client_ref;
  }
  return m;
}

Result<Submission, ApiError> ParseSubmission(const json& body, const ApiSettings& settings, store::Millis now) {
  if (!body.is_object()) return ApiError::InvalidBody("the request body must be a JSON object, " + Got(body));
  Submission submission;
  auto batch = body.find("messages");
  if (batch == body.end()) {
    auto message = ParseMessage(body, settings, now);
    if (!message) return std::move(message).error();
    submission.messages.push_back(std::move(message).value());
    return submission;
  }
  submission.batch = true;
  for (const auto& [key, value] : body.items()) {
    if (key != "messages")
      return ApiError::InvalidField(key, "a batch object has only 'messages'; give '" + key + "' in each message");
  }
  if (!batch->is_array()) return ApiError::InvalidField("messages", "must be an array, " + Got(*batch));
  if (batch->empty()) return ApiError::InvalidField("messages", "is empty");
  if (batch->size() > settings.max_batch) return ApiError::TooManyMessages(batch->size(), settings.max_batch);
  submission.messages.reserve(batch->size());
  for (std::size_t i = 0; i < batch->size(); ++i) {
    auto message = ParseMessage((*batch)[i], settings, now);
    if (!message) return std::move(message).error().At(i);
    submission.messages.push_back(std::move(message).value());
  }
  return submission;
}

}  // namespace tellal::web
