#include "web/api/kannel_sendsms.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <optional>
#include <string_view>
#include <utility>

#include "daemon/net/local_address.h"
#include "daemon/net/url.h"
#include "modem/text/ascii.h"
#include "web/api/api_auth.h"
#include "web/api/api_errors.h"
#include "web/api/message_request.h"

namespace tellal::web {
namespace {

constexpr int kMaxDlrMask = 63;  // smsbox accepts the six defined bits
constexpr int64_t kMaxValidityMinutes = kMaxValidForSeconds / 60;
// dlr-mask bits answered by an SMS-STATUS-REPORT: delivered, failed, buffered.
constexpr int kStatusReportBits = 1 | 2 | 4;

// Kannel's own names in its messages, with the parameter that carries them.
constexpr std::array<std::pair<std::string_view, std::string_view>, 7> kUnsupported = {{
    {"udh", "UDH"},
    {"deferred", "Deferred"},
    {"pid", "PID"},
    {"mwi", "MWI"},
    {"alt-dcs", "Alt-DCS"},
    {"rpi", "RPI"},
    {"compress", "Compress"},
}};

KannelReply Reject(std::string text) { return KannelReply{400, std::move(text)}; }

// The first value of `name` or of its Kannel alias, as smsbox reads CGI
// variables.
std::optional<std::string> Param(const QueryParams& query, const char* name, const char* alias = nullptr) {
  auto it = query.find(name);
  if (it == query.end() && alias != nullptr) it = query.find(alias);
  if (it == query.end()) return std::nullopt;
  return it->second;
}

// A non-negative decimal within [0, max]; empty counts as absent.
std::optional<int64_t> Whole(const std::string& value, int64_t max) {
  if (!text::AllDigits(value)) return std::nullopt;
  int64_t n = 0;
  auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
  if (ec != std::errc() || end != value.data() + value.size() || n > max) return std::nullopt;
  return n;
}

}  // namespace

bool KannelAuthorized(const QueryParams& query, const ApiSettings& settings) {
  if (!settings.kannel) return false;
  auto user = Param(query, "username", "user");
  auto pass = Param(query, "password", "pass");
  if (!user || !pass) return false;
  // Both are compared whatever the first's outcome, so the time does not
  // reveal a right user name.
  const bool user_ok = ConstantTimeEquals(*user, settings.kannel->username);
  const bool pass_ok = ConstantTimeEquals(*pass, settings.kannel->password);
  return user_ok & pass_ok;
}

namespace {

std::vector<std::string> SplitOnSpaces(std::string_view text) {
  std::vector<std::string> parts;
  size_t i = 0;
  while (i < text.size()) {
    if (text[i] == ' ') {
      ++i;
      continue;
    }
    const size_t end = std::min(text.find(' ', i), text.size());
    parts.emplace_back(text.substr(i, end - i));
    i = end;
  }
  return parts;
}

}  // namespace

KannelParse ParseKannelSendSms(const QueryParams& query, const ApiSettings& settings, store::Millis now) {
  if (!KannelAuthorized(query, settings)) return KannelRefused();

  auto to = Param(query, "to");
  if (!to) return Reject("Missing receiver number, rejected");
  const std::vector<std::string> receivers = SplitOnSpaces(*to);
  if (receivers.empty()) return Reject("Empty receiver number not allowed, rejected");
  // Query decoding turns an unescaped '+' into a space, so " 905321234567"
  // was "+905321234567"; read as national it would gain a second country
  // code and reach a stranger.
  if (to->size() > 1 && (*to)[0] == ' ' && (*to)[1] >= '0' && (*to)[1] <= '9')
    return Reject("Receiver number misformed (send '+' as %2B), rejected");

  for (const auto& [param, kannel_name] : kUnsupported) {
    auto value = Param(query, std::string(param).c_str());
    if (value && !value->empty()) return Reject(std::string(kannel_name) + " field not supported, rejected");
  }

  pdu::EncodingRequest encoding = pdu::EncodingRequest::kAuto;
  if (auto coding = Param(query, "coding"); coding && !coding->empty()) {
    auto n = Whole(*coding, 2);
    if (!n) return Reject("Coding field misformed, rejected");
    if (*n == 1) return Reject("Coding 1 (8-bit data) not supported, rejected");
    if (*n == 2) encoding = pdu::EncodingRequest::kUcs2;
  }

  if (auto charset = Param(query, "charset"); charset && !charset->empty()) {
    if (!text::EqualsIgnoreCase(*charset, "utf-8") && !text::EqualsIgnoreCase(*charset, "utf8"))
      return Reject("Charset or body misformed, rejected");
  }

  bool flash = false;
  if (auto mclass = Param(query, "mclass"); mclass && !mclass->empty()) {
    auto n = Whole(*mclass, 3);
    if (!n) return Reject("MClass field misformed, rejected");
    if (*n != 0) return Reject("MClass field not supported, rejected");
    flash = true;
  }

  std::optional<store::Millis> valid_until;
  if (auto validity = Param(query, "validity"); validity && !validity->empty()) {
    auto minutes = Whole(*validity, kMaxValidityMinutes);
    if (!minutes || *minutes == 0) return Reject("Validity field misformed, rejected");
    valid_until = now + *minutes * 60'000;
  }

  int dlr_mask = 0;
  if (auto mask = Param(query, "dlr-mask", "dlrmask"); mask && !mask->empty()) {
    auto n = Whole(*mask, kMaxDlrMask);
    if (!n) return Reject("DLR-Mask field misformed, rejected");
    dlr_mask = static_cast<int>(*n);
  }

  std::optional<DeliveryCallback> callback;
  if (auto url = Param(query, "dlr-url", "dlrurl"); url && !url->empty()) {
    auto parsed = net::ParseUrl(*url);
    if (!parsed.ok() || (parsed->scheme != "http" && parsed->scheme != "https"))
      return Reject("DLR-URL field misformed, rejected");
    // Names only; an address a name resolves to is checked when calling.
    if (!settings.dlr_url_allow_local && net::IsLocalHost(parsed->host)) {
      return Reject("DLR-URL field names a loopback or link-local host, rejected");
    }
    callback = DeliveryCallback{*url, dlr_mask};
  }

  std::optional<std::string> modem;
  if (auto smsc = Param(query, "smsc"); smsc && !smsc->empty()) {
    if (!IsConfiguredModem(settings, *smsc)) return Reject("SMSC field names no configured modem, rejected");
    modem = *smsc;
  }

  auto text = Param(query, "text");
  if (!text || text->empty()) return Reject("Empty text not allowed, rejected");
  auto planned = PlanForSending(*text, encoding, settings.max_segments);
  if (!planned) {
    if (planned.error().code == "text_too_long")
      return Reject("Message too long (" + planned.error().message + "), rejected");
    return Reject("Charset or body misformed, rejected");
  }

  std::vector<std::string> numbers;
  for (const std::string& receiver : receivers) {
    auto normalized = NormalizeDestination("to", receiver, settings);
    if (!normalized)
      return Reject("Receiver number '" + receiver + "' misformed (" + normalized.error().message + "), rejected");
    // smsbox sends once per distinct receiver.
    if (std::find(numbers.begin(), numbers.end(), *normalized) == numbers.end())
      numbers.push_back(std::move(normalized).value());
  }
  if (numbers.size() > settings.max_batch)
    return Reject("Too many receivers (" + std::to_string(numbers.size()) + ", at most " +
                  std::to_string(settings.max_batch) + "), rejected");

  std::vector<SubmitItem> items;
  items.reserve(numbers.size());
  for (std::string& number : numbers) {
    SubmitItem item;
    item.message.to = std::move(number);
    item.message.text = *text;
    item.message.encoding = planned->encoding;
    item.message.segments = planned->segments;
    item.message.valid_until = valid_until;
    item.message.report_requested = (dlr_mask & kStatusReportBits) != 0;
    item.message.flash = flash;
    item.message.modem = modem;
    item.callback = callback;
    items.push_back(std::move(item));
  }
  return items;
}

KannelReply KannelRefused() { return KannelReply{403, "Authorization failed for sendsms"}; }

HttpResponse KannelResponse(const KannelReply& reply) {
  HttpResponse response;
  response.status = reply.status;
  response.content_type = "text/plain; charset=utf-8";
  response.body = reply.text;
  return response;
}

HttpResponse HandleKannelSendSms(const QueryParams& query, const ApiSettings& settings, ApiBackend& backend,
                                 store::Millis now) {
  KannelParse parsed = ParseKannelSendSms(query, settings, now);
  if (auto* reply = std::get_if<KannelReply>(&parsed)) return KannelResponse(*reply);
  auto outcomes = backend.Submit(std::move(std::get<std::vector<SubmitItem>>(parsed)));
  // Kannel answers every failure "Sending failed."; the status tells a full
  // or read-only disk (507, 503) from other failures, as the JSON API does.
  if (!outcomes) return KannelResponse(KannelReply{ApiError::Backend(outcomes.error()).status, "Sending failed."});
  return KannelResponse(KannelReply{202, "0: Accepted for delivery"});
}

}  // namespace tellal::web
