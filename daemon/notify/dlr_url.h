// Kannel-compatible delivery-report callbacks: the dlr-url template an
// application passed to sendsms, expanded for one delivery state, and the
// dlr-mask test that decides whether that state is reported at all.
//
// Kannel's escape codes, as its smsbox fills them for a DLR (gw/urltrans.c):
//   %d  DLR type (DlrType)                 %A  the answer text
//   %p  destination of the SMS             %P  sender of the SMS
//   %q  like %p, a leading 00 becomes %2B  %Q  like %P, the same
//   %t  time, UTC, "YYYY-MM-DD+HH:MM:SS"   %T  time, unix seconds
//   %I  message id                         %i  SMSC id (the modem here)
//   %F  foreign id (the SMSC's reference)  %n  sendsms user name
//   %a  words of the answer, joined by +   %b  the answer, whole
//   %k  first word of the answer           %s  next word of the answer
//   %S  like %s, '*' becomes '~', not encoded
//   %r  the answer's words %s did not take %%  a single %
// Each value is URL-encoded as Kannel's octstr_url_encode does: letters,
// digits and -_.!~*'() stay, a space becomes +, any other byte becomes %XX.
// Kannel prints %t with '+' for the space and the colons left as they are;
// so does this, so existing receivers parse it unchanged.
// Codes Kannel knows but tellal has no value for (%B %c %C %D %f %m %M %o %O
// %R %u %v %V and %#group#param#) expand to nothing, as they do in Kannel
// when the message lacks the field. Any other %x stays in the URL as written,
// again like Kannel; so does a % at the very end.
//
// Pure: no I/O, no logging.
#ifndef TELLAL_DAEMON_NOTIFY_DLR_URL_H_
#define TELLAL_DAEMON_NOTIFY_DLR_URL_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace tellal::notify {

// Kannel's DLR types; a dlr-mask is an OR of them.
enum DlrType : int {
  kDlrDeliveredToPhone = 1,
  kDlrNotDeliveredToPhone = 2,
  kDlrQueuedOnSmsc = 4,
  kDlrDeliveredToSmsc = 8,
  kDlrNotDeliveredToSmsc = 16,
};

// What a delivery report says, in Kannel's terms.
struct DlrReport {
  int type = 0;                 // %d, one DlrType
  std::string destination;      // %p, the phone the SMS went to
  std::string sender;           // %P, who sent it (the modem id here)
  std::string answer;           // %A, e.g. "Delivered" or the status-report text
  std::int64_t unix_time = 0;   // %t, %T: when the state was reached
  std::int64_t message_id = 0;  // %I
  std::string smsc_id;          // %i, the modem that carried the SMS
  std::string foreign_id;       // %F, e.g. the TP-MR; empty when unknown
  std::string service;          // %n, the sendsms user; empty when none
};

// The dlr-url template with every escape code replaced.
std::string ExpandDlrUrl(std::string_view url_template, const DlrReport& report);

// Whether `dlr_type` is one of the bits set in the application's dlr-mask.
bool ShouldNotify(int mask, int dlr_type);

// Kannel's URL encoding of one value (see above). Exposed for tests.
std::string KannelUrlEncode(std::string_view value);

}  // namespace tellal::notify

#endif  // TELLAL_DAEMON_NOTIFY_DLR_URL_H_
