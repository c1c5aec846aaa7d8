#include "modem/driver/send_result.h"
#include "modem/text/enum_names.h"

#include <utility>

#include "modem/at/at_replies.h"
#include "modem/at/cms_cme_errors.h"

namespace tellal::modem {
namespace {

SendError FromClass(at::ErrorClass error_class) {
  switch (error_class) {
    case at::ErrorClass::kPermanent:
      return SendError::kPermanent;
    case at::ErrorClass::kTemporary:
      return SendError::kTemporary;
    case at::ErrorClass::kModem:
      return SendError::kModem;
  }
  return SendError::kTemporary;
}

}  // namespace

constexpr text::EnumName<SendError> kSendErrorNames[] = {
    {SendError::kNone, "none"},   {SendError::kPermanent, "permanent"}, {SendError::kTemporary, "temporary"},
    {SendError::kModem, "modem"}, {SendError::kTimeout, "timeout"},     {SendError::kUnavailable, "unavailable"}};

std::string_view ToString(SendError error) { return text::NameOf(kSendErrorNames, error, "?"); }

SendResult SendUnavailable(std::string why) {
  SendResult r;
  r.error = SendError::kUnavailable;
  r.detail = std::move(why);
  return r;
}

SendResult SendResultFromReply(const CommandReply& reply) {
  SendResult r;
  switch (reply.status) {
    case ReplyStatus::kTimeout:
      if (!reply.prompt_seen) return SendUnavailable("no prompt after AT+CMGS");
      r.error = SendError::kTimeout;
      r.detail = "no answer to the PDU: outcome unknown";
      return r;
    case ReplyStatus::kAborted:
      if (!reply.prompt_seen) return SendUnavailable(reply.why);
      r.error = SendError::kTimeout;
      r.detail = "aborted after the PDU was written (" + reply.why + "): outcome unknown";
      return r;
    case ReplyStatus::kFinal:
      break;
  }
  const at::Final& final = reply.final;
  switch (final.kind) {
    case at::FinalKind::kOk: {
      r.ok = true;
      if (std::optional<std::string> line = reply.LineWith("+CMGS:")) {
        Result<int> mr = at::ParseCmgs(*line);
        if (mr.ok()) r.message_reference = *mr;
      }
      return r;
    }
    case at::FinalKind::kCmsError:
    case at::FinalKind::kCmeError: {
      const at::ErrorDescription d =
          final.kind == at::FinalKind::kCmsError ? at::DescribeCmsError(final.code) : at::DescribeCmeError(final.code);
      r.error = FromClass(d.error_class);
      r.code = final.code;
      r.table = final.kind == at::FinalKind::kCmsError ? ErrorTable::kCms : ErrorTable::kCme;
      r.detail = final.text + " (" + d.meaning + ")";
      return r;
    }
    case at::FinalKind::kError:
      // A bare ERROR says nothing about the cause (AT+CMEE not in effect,
      // or a firmware that rejects the length): worth one more try.
      r.error = SendError::kTemporary;
      r.detail = final.text;
      return r;
  }
  return r;
}

}  // namespace tellal::modem
