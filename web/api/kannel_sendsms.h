// Kannel's smsbox sendsms interface, so applications written for Kannel
// switch to tellal by changing the host name:
//
//   GET /cgi-bin/sendsms?username=&password=&to=&text=&coding=&dlr-mask=
//       &dlr-url=&validity=&smsc=&mclass=&charset=
//
// Answers are Kannel's plain-text lines with Kannel's status codes:
//   202 "0: Accepted for delivery"
//   403 "Authorization failed for sendsms" (also when no [kannel] user is set)
//   400 "<Field> field misformed, rejected" and the other smsbox texts
//   500 "Sending failed." when the daemon could not queue the messages
//
// Parameters (Kannel's aliases user, pass, dlrurl, dlrmask are accepted too):
//   to        one or more numbers separated by spaces; one message each,
//             queued all or nothing (Kannel would send to the valid ones and
//             list the others; a partial send is hard for a client to retry).
//             A leading '+' must be sent as %2B: a value starting with a
//             space and a digit is an unescaped '+' and is rejected
//   text      UTF-8 (charset, if given, must be UTF-8), not empty
//   coding    0 or absent: automatic (GSM 7-bit when it fits), 2: UCS-2;
//             1 (8-bit data) is not supported
//   dlr-mask  0..63, Kannel's bits; 1, 2 or 4 ask the SMSC for a status report
//   dlr-url   http:// or https://, with Kannel's %-escapes left for the daemon;
//             a loopback or link-local host is refused unless
//             [http] dlr_url_allow_local = yes
//   validity  minutes, 1..63 weeks
//   smsc      the modem to send through (one of the configured modem ids)
//   mclass    0: flash SMS; other classes are not supported
// Parameters that would change what is sent and that tellal cannot honour
// (udh, deferred, pid, mwi, alt-dcs, rpi, compress) are rejected rather than
// ignored. Others Kannel knows but that change nothing here (from — a modem
// always sends with its SIM's number —, account, priority, binfo,
// meta-data) are ignored, as Kannel ignores unknown ones.
//
// Pure except HandleKannelSendSms, which calls the backend.
#ifndef TELLAL_WEB_API_KANNEL_SENDSMS_H_
#define TELLAL_WEB_API_KANNEL_SENDSMS_H_

#include <string>
#include <variant>
#include <vector>

#include "web/api/api_backend.h"
#include "web/api/api_settings.h"
#include "web/api/request_params.h"
#include "web/http/http_types.h"

namespace tellal::web {

struct KannelReply {
  int status = 202;
  std::string text;
};

// The messages to queue, or the reply that rejects the request.
using KannelParse = std::variant<std::vector<SubmitItem>, KannelReply>;
KannelParse ParseKannelSendSms(const QueryParams& query, const ApiSettings& settings, store::Millis now);

// Whether the query carries the configured [kannel] credentials; false when
// none are configured. Checked before the request's body is read too.
bool KannelAuthorized(const QueryParams& query, const ApiSettings& settings);
// The answer Kannel gives to wrong or missing credentials.
KannelReply KannelRefused();

HttpResponse KannelResponse(const KannelReply& reply);

HttpResponse HandleKannelSendSms(const QueryParams& query, const ApiSettings& settings, ApiBackend& backend,
                                 store::Millis now);

}  // namespace tellal::web

#endif  // TELLAL_WEB_API_KANNEL_SENDSMS_H_
