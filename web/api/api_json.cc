#include "web/api/api_json.h"

#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "daemon/text/rfc3339.h"

namespace tellal::web {
namespace {

using nlohmann::json;

json Optional(const std::optional<std::string>& value) { return value ? json(*value) : json(nullptr); }
json Optional(const std::optional<int>& value) { return value ? json(*value) : json(nullptr); }
json Optional(const std::optional<int64_t>& value) { return value ? json(*value) : json(nullptr); }
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

// Finds the first member name that appears twice in one object, and
// nesting deeper than kMaxJsonDepth, by SAX:
// nlohmann's callback parser could do it while building the value, but it
// rescans the enclosing array after every object it closes, which makes a
// batch of n messages cost O(n^2) (seconds for 10,000 in a debug build).
class StructureChecker final : public json::json_sax_t {
 public:
  std::optional<std::string> duplicate;
  bool too_deep = false;

  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override {
    open_objects_.emplace_back();
    return Enter();
  }
  bool key(string_t& name) override {
    // The first repeat is the one reported; reading goes on so that the
    // depth is checked over the whole body.
    if (!open_objects_.back().insert(name).second && !duplicate) duplicate = name;
    return true;
  }
  bool end_object() override {
    open_objects_.pop_back();
    --depth_;
    return true;
  }
  bool start_array(std::size_t) override { return Enter(); }
  bool end_array() override {
    --depth_;
    return true;
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override { return false; }

 private:
  bool Enter() {
    if (++depth_ <= kMaxJsonDepth) return true;
    too_deep = true;
    return false;  // stops the parse: nothing deeper is read
  }

  int depth_ = 0;
  // One set of member names per object being read, innermost last.
  std::vector<std::unordered_set<std::string>> open_objects_;
};

}  // namespace

Result<json> ParseJsonBody(std::string_view body) {
  if (body.find_first_not_of(" \t\r\n") == std::string_view::npos)
    return Error::InvalidArgument("the request body is empty");
  // The SAX pass comes first so that a hostile nesting depth is refused
  // before any value is built for it.
  StructureChecker checker;
  json::sax_parse(body, &checker, json::input_format_t::json, /*strict=*/true, /*ignore_comments=*/false);
  if (checker.too_deep) {
    return Error::InvalidArgument("the body nests arrays and objects deeper than " + std::to_string(kMaxJsonDepth) +
                                  " levels");
  }
  json value;
  try {
    value = json::parse(body, nullptr, /*allow_exceptions=*/true, /*ignore_comments=*/false);
  } catch (const json::exception& e) {
    return Error::InvalidArgument(WithoutExceptionId(e.what()));
  }
  if (checker.duplicate)
    return Error::InvalidArgument("member '" + *checker.duplicate + "' appears twice in one object");
  return value;
}

std::string DumpJson(const json& value) { return value.dump(-1, ' ', false, json::error_handler_t::replace); }

HttpResponse JsonResponse(int status, const json& value) {
  HttpResponse response;
  response.status = status;
  response.content_type = "application/json";
  response.body = DumpJson(value);
  return response;
}

json TimeJson(std::optional<store::Millis> at) { return at ? json(text::FormatRfc3339Local(*at)) : json(nullptr); }

json SubmittedJson(int64_t id, std::string_view state, std::string_view to, std::string_view encoding, int segments) {
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
              {"unknown_at", TimeJson(m.unknown_at)},
              {"suppressed_at", TimeJson(m.suppressed_at)},
              {"category", store::CategoryName(m.category)},
              {"campaign_id", Optional(m.campaign_id)}};
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
              // Only an undecodable PDU can come without a readable sender.
              {"from", NonEmpty(m.sender)},
              {"text", m.text},
              {"received_at", TimeJson(m.received_at)},
              {"smsc_time", NonEmpty(m.smsc_time)},
              {"modem", m.modem},
              {"sim", Optional(m.sim)},
              {"parts", m.parts_total},
              {"parts_received", m.parts_received},
              {"partial", m.partial},
              {"undecodable", m.undecodable},
              {"raw_pdu", Optional(m.raw_pdu)},
              {"undecodable_reason", Optional(m.undecodable_reason)}};
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
              {"lock_reason", NonEmpty(m.lock_reason)},
              {"pin_attempts_left", Optional(m.pin_attempts_left)},
              {"sim_storage", m.sim_total > 0 ? json{{"used", m.sim_used}, {"total", m.sim_total}, {"full", m.sim_full}}
                                              : json(nullptr)},
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
