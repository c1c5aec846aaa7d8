#include "daemon/core/outbound_pdus.h"

#include <algorithm>

namespace tellal::core {
namespace {

constexpr int kMaxValidityMinutes = 63 * 7 * 24 * 60;  // TP-VP relative maximum

}  // namespace

Result<pdu::PlanOptions> PlanOptionsFor(const std::string& encoding) {
  pdu::PlanOptions options;
  if (encoding == "ucs2") {
    options.encoding = pdu::EncodingRequest::kUcs2;
  } else if (encoding == "gsm7") {
    options.encoding = pdu::EncodingRequest::kGsm7;
    options.allow_national_shift = false;
  } else if (encoding == "gsm7-turkish") {
    options.encoding = pdu::EncodingRequest::kGsm7;
    options.allow_national_shift = true;
  } else {
    return Error::InvalidArgument("encoding '" + encoding + "' is not one tellal sends");
  }
  return options;
}

Result<std::vector<pdu::EncodedPdu>> BuildSubmitPdus(const store::Message& message, store::Millis now) {
  auto plan_options = PlanOptionsFor(message.encoding);
  if (!plan_options) return plan_options.error();
  pdu::SubmitOptions options;
  options.to = message.to;
  options.plan = *plan_options;
  options.status_report = message.report_requested;
  options.flash = message.flash;
  options.concat_ref = static_cast<uint8_t>(message.concat_ref.value_or(static_cast<int>(message.id & 0xFF)));
  if (message.valid_until) {
    const store::Millis left = *message.valid_until - now;
    const int minutes = static_cast<int>(std::clamp<store::Millis>((left + 59'999) / 60'000, 1, kMaxValidityMinutes));
    options.validity_minutes = minutes;
  }
  auto pdus = pdu::EncodeSubmit(message.text, options);
  if (!pdus) return pdus.error();
  if (static_cast<int>(pdus->size()) != message.segments) {
    return Error::InvalidArgument("the text now needs " + std::to_string(pdus->size()) + " segments, not the " +
                                  std::to_string(message.segments) + " it was accepted with");
  }
  return pdus;
}

}  // namespace tellal::core
