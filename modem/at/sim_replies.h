// Parsers for the SIM identity and PIN-counter answers, which differ by
// modem family (see the command builders in modem/at/at_commands.h).
//
// Pure functions; safe to call from any thread.
#ifndef TELLAL_MODEM_AT_SIM_REPLIES_H_
#define TELLAL_MODEM_AT_SIM_REPLIES_H_

#include <string>
#include <string_view>

#include "modem/result.h"

namespace tellal::at {

// The ICCID (ITU-T E.118) in the printed order, from any of the answers
// modems give: a bare number (SIMCom AT+CCID), "+CCID: …" (u-blox, quoted on
// Quectel M26), "^ICCID: …" (Huawei, nibble-swapped), "+QCCID: …",
// "+ICCID: …", "#CCID: …", "!ICCID: …", or "+CRSM: 144,0,<EF_ICCID>" (the raw
// file, always nibble-swapped, TS 31.102 §4.2.2). A swapped value is told by
// its leading "98" (every ICCID starts with 89, the telecom industry prefix).
// The 'F' filler of a 19-digit ICCID is dropped; the result is upper case.
Result<std::string> ParseIccid(std::string_view line);

// Remaining SIM PIN (PIN1) attempts from:
//   "+CPINR: SIM PIN,<n>,<max>" (TS 27.007 §8.65; quoted or not),
//   "^CPIN: <code>,[<times>],<puk>,<pin>,<puk2>,<pin2>" (Huawei; <times> is
//     the count for the code asked for, empty when READY),
//   "+QPINC: "SC",<pin>,<puk>" (Quectel),
//   "+SPIC: <pin>,..." (SIMCom; the sources disagree on the order of the
//     other three fields, but all put PIN1 first).
Result<int> ParsePinAttempts(std::string_view line);

}  // namespace tellal::at

#endif  // TELLAL_MODEM_AT_SIM_REPLIES_H_
