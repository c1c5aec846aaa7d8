#include "web/api/api_json.h"

#include <unordered_set>
#include <vector>

#include "web/api/rfc3339.h"

namespace tellal::web {
namespace {

using nlohmann::json;

json Optional(const std::optional<std::string>& value) { return value ? json(*value) : json(nullptr); }
json Optional(const std::optional<int>& value) { return value ? json(*value) : json(nullptr); }
// ModemView leaves identity strings empty until the modem has answered.
json NonEmpty(const std::string& value) { return value.empty() ? json(nullptr) : json(value); }

// nlohmann prefixes every message with "[json.exception.parse_error.101] ",
// which tells a client nothing.
std::string WithoutExceptionId(std::string message) {
  if (message.starts_with("[json.exception.")) {
    const size_t end = message.find("] ");
    if (end != std::string::npos) message.erase(0, end + 2);
  }
  return message;
}

}  // namespace

Result<json> ParseJsonBody(std::string_view body) {
  // One set of member names per object being parsed, innermost last.
  std::vector<std::unordered_set<std::string>> open_objects;
  std::optional<std::string> duplicate;
  const json::parser_callback_t watch_keys = [&](int, json::parse_event_t event, json& parsed) {
    switch (event) {
      case json::parse_event_t::object_start:
        open_objects.emplace_back();
        break;
      case json::parse_event_t::object_end:
        if (!open_objects.empty()) open_objects.pop_back();
        break;
      case json::parse_event_t::key:
        if (!open_objects.empty() && !open_objects.back().insert(parsed.get<std::string>()).second && !duplicate)
          duplicate = parsed.get<std::string>();
        break;
      default:
        break;
    }
    return true;
  };
  if (body.find_first_not_of(" \t\r\n") == std::string_view::npos) return Error{"the request body is empty"};
  try {
    json value = json::parse(body, watch_keys, /*allow_exceptions=*/true, /*ignore_comments=*/false);
    if (duplicate) return Error{"member '" + *duplicate + "' appears twice in one object"};
    return value;
  } catch (const json::exception& e) {
    return Error{WithoutExceptionId(e.what())};
  }
}

std::string DumpJson(const json& value) { return value.dump(-1, ' ', false, json::error_handler_t::replace); }

HttpResponse JsonResponse(int status, const json& value) {
  HttpResponse response;
  response.status = status;
  response.content_type = "application/json";
  response.body = DumpJson(value);
  return response;
}

json TimeJson(std::optional<store::Millis> at) { return at ? json(FormatRfc3339Local(*at)) : json(nullptr); }

json SubmittedJson(int64_t id, std::string_view state, std::string_view to, std::string_view encoding,
                   int segments) {
  return json{{"id", id}, {"state", state}, {"to", to}, {"encoding", encoding}, {"segments", segments}};
}

json MessageJson(const store::Message& m) {
  json error = nullptr;
  if (m.error_code || m.error_text) error = json{{"code", Optional(m.error_code)}, {"text", Optional(m.error_text)}};
  return json{{"id", m.id},
              {"client_ref", Optional(m.client_ref)},
              {"to", m.to},
              {"text", m.text},
              {"encoding", m.encoding},
              {"segments", m.segments},
              {"priority", store::PriorityName(m.priority)},
              {"state", store::MessageStateName(m.state)},
              {"modem", Optional(m.modem)},
              {"pinned_modem", Optional(m.pinned_modem)},
              {"attempts", m.attempts},
              {"error", error},
              {"report", m.report_requested},
              {"flash", m.flash},
              {"created_at", TimeJson(m.created_at)},
              {"send_at", TimeJson(m.not_before)},
              {"valid_until", TimeJson(m.valid_until)},
              {"sending_at", TimeJson(m.sending_at)},
              {"sent_at", TimeJson(m.sent_at)},
              {"delivered_at", TimeJson(m.delivered_at)},
              {"failed_at", TimeJson(m.failed_at)},
              {"expired_at", TimeJson(m.expired_at)},
              {"cancelled_at", TimeJson(m.cancelled_at)},
              {"unknown_at", TimeJson(m.unknown_at)}};
}

json MessageDetailJson(const MessageDetail& detail) {
  json out = MessageJson(detail.message);
  json segments = json::array();
  for (const SegmentView& s : detail.segments) {
    segments.push_back(json{{"seq", s.seq},
                            {"state", s.state},
                            {"modem", Optional(s.modem)},
                            {"mr", Optional(s.mr)},
                            {"sent_at", TimeJson(s.sent_at)},
                            {"reported_at", TimeJson(s.reported_at)}});
  }
  out["segment_states"] = std::move(segments);
  return out;
}

json InboxMessageJson(const store::InboxMessage& m) {
  return json{{"id", m.id},
              {"from", m.sender},
              {"text", m.text},
              {"received_at", TimeJson(m.received_at)},
              {"smsc_time", NonEmpty(m.smsc_time)},
              {"modem", m.modem},
              {"sim", Optional(m.sim)},
              {"parts", m.parts_total},
              {"parts_received", m.parts_received},
              {"partial", m.partial}};
}

std::optional<int> SignalBars(std::optional<int> dbm) {
  if (!dbm) return std::nullopt;
  static constexpr int kThresholds[] = {-73, -83, -93, -103, -109};
  int bars = 5;
  for (int threshold : kThresholds) {
    if (*dbm >= threshold) return bars;
    --bars;
  }
  return 0;
}

json ModemJson(const ModemView& m) {
  return json{{"id", m.id},
              {"state", m.state},
              {"device", m.device},
              {"manufacturer", NonEmpty(m.manufacturer)},
              {"model", NonEmpty(m.model)},
              {"imei", NonEmpty(m.imei)},
              {"imsi", NonEmpty(m.imsi)},
              {"iccid", NonEmpty(m.iccid)},
              {"operator", NonEmpty(m.operator_name)},
              {"signal_dbm", Optional(m.signal_dbm)},
              {"signal_bars", Optional(SignalBars(m.signal_dbm))},
              {"registration", m.registration},
              {"sent_today", m.sent_today},
              {"daily_limit", Optional(m.daily_limit)},
              {"rate_per_minute", Optional(m.rate_per_minute)},
              {"queue_share", m.queue_share},
              {"last_error", Optional(m.last_error)},
              {"sent_total", m.sent_total},
              {"failed_total", m.failed_total}};
}

json HealthJson(const HealthView& h) {
  return json{{"status", h.status},
              {"modems", {{"total", h.modems_total}, {"ready", h.modems_ready}}},
              {"queued", h.queued},
              {"version", h.version}};
}

json PageJson(const char* key, json items, const std::string& next_cursor) {
  return json{{key, std::move(items)}, {"next_cursor", next_cursor.empty() ? json(nullptr) : json(next_cursor)}};
}

}  // namespace tellal::web
