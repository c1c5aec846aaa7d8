// Which AT+CNMI to ask for, from what the modem offers in its AT+CNMI=?
// answer (TS 27.005 §3.4.1).
//
// Preferences: new messages stored and announced with +CMTI (mt=1), so
// nothing is lost if tellal is down when one arrives and it is deleted only
// after the daemon has stored it; status reports routed directly as +CDS
// (ds=1), else stored and announced as +CDSI (ds=2); indications buffered
// while the link is busy and flushed afterwards (mode=2, bfr=0); no cell
// broadcast (bm=0).
//
// Pure functions; safe to call from any thread.
#ifndef TELLAL_MODEM_DRIVER_CNMI_CHOICE_H_
#define TELLAL_MODEM_DRIVER_CNMI_CHOICE_H_

#include <string>
#include <vector>

#include "modem/at/at_replies.h"

namespace tellal::modem {

struct CnmiSetting {
  int mode = 2;
  int mt = 1;
  int bm = 0;
  int ds = 1;
  int bfr = 0;
  bool operator==(const CnmiSetting&) const = default;
};

std::string ToString(const CnmiSetting& setting);  // "2,1,0,1,0"

// The best setting `support` allows. A group the modem left empty is taken
// as "not specified": the preferred value is assumed, and the set command's
// answer decides.
CnmiSetting ChooseCnmi(const at::CnmiSupport& support);

// Settings to try in order, without repeats: the choice first, then a step
// down through what `support` offers (all groups empty when AT+CNMI=?
// failed): mode 2, then 1 (Huawei, ZTE, SIMCom, Quectel, Novatel advertise
// mode 2 and refuse it, oFono drivers/atmodem/sms.c), then 3; mt 1, then 2;
// ds 1, then 2, then 0 (SIM800 refuses ds=2, Cinterion PHS8 takes only 0);
// bfr 0, then 1 (Cinterion MC75i takes only 1, gammu#1207).
std::vector<CnmiSetting> CnmiCandidates(const at::CnmiSupport& support);

}  // namespace tellal::modem

#endif  // TELLAL_MODEM_DRIVER_CNMI_CHOICE_H_
