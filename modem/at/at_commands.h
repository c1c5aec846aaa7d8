// Builders for the AT commands tellal sends. Each returns an AtCommand that
// carries, besides the command text, what the engine needs to recognise the
// command's answer (response prefix, bare answer, PDU lines, prompt payload).
// Builders taking caller data validate it and return Result.
//
// Pure functions; safe to call from any thread.
#ifndef TELLAL_MODEM_AT_AT_COMMANDS_H_
#define TELLAL_MODEM_AT_AT_COMMANDS_H_

#include <string>
#include <string_view>

#include "modem/at/at_command.h"
#include "modem/result.h"

namespace tellal::at {

// The bytes to write: the command line with its '\r' (V.250 §5.2.1).
std::string CommandBytes(const AtCommand& command);
// The bytes to write after the Prompt: payload + Ctrl-Z (TS 27.005 §3.5.1).
std::string PayloadBytes(const AtCommand& command);

AtCommand At();                // "AT": liveness and resynchronisation
AtCommand Echo(bool on);       // ATE0 / ATE1
AtCommand VerboseResults();    // ATV1
AtCommand Cmee(bool verbose);  // AT+CMEE=2 (verbose) / AT+CMEE=1
AtCommand PduMode();           // AT+CMGF=0
AtCommand Cgmi();              // manufacturer, bare line
AtCommand Cgmm();              // model, bare line
AtCommand Cgmr();              // revision, bare line
AtCommand Cgsn();              // IMEI, bare line
AtCommand Cimi();              // IMSI, bare line
AtCommand Ccid();              // ICCID (SIMCom AT+CCID), bare line
AtCommand Csq();               // +CSQ:
AtCommand CregQuery();         // AT+CREG?  -> +CREG:
AtCommand CgregQuery();        // AT+CGREG? -> +CGREG:
AtCommand CpinQuery();         // AT+CPIN?  -> +CPIN:
AtCommand CopsQuery();         // AT+COPS?  -> +COPS:
AtCommand CnmiTest();          // AT+CNMI=? -> +CNMI:
AtCommand CpmsQuery();         // AT+CPMS?  -> +CPMS:
AtCommand CscaQuery();         // AT+CSCA?  -> +CSCA:
AtCommand Cnma();              // AT+CNMA: acknowledge a routed +CMT
AtCommand CmmsQuery();         // AT+CMMS?  -> +CMMS: (OK means supported)

// ICCID, by family (see modem/at/sim_replies.h for the answers).
AtCommand HuaweiIccid();   // AT^ICCID?  -> ^ICCID: <nibble-swapped>
AtCommand QuectelIccid();  // AT+QCCID   -> +QCCID: <iccid>
AtCommand IccidFromSim();  // AT+CRSM=176,12258,0,0,10 -> +CRSM: 144,0,<EF_ICCID>

// Remaining PIN attempts, by family.
AtCommand Cpinr();        // AT+CPINR="SIM PIN" -> +CPINR: SIM PIN,<n>,<max> (TS 27.007 §8.65)
AtCommand HuaweiCpin();   // AT^CPIN?   -> ^CPIN: <code>,[<n>],<puk>,<pin>,<puk2>,<pin2>
AtCommand QuectelPinc();  // AT+QPINC="SC" -> +QPINC: "SC",<pin>,<puk>
AtCommand SimcomSpic();   // AT+SPIC    -> +SPIC: <pin>,<puk>,<pin2>,<puk2>

Result<AtCommand> Creg(int n);             // AT+CREG=<0..2>, TS 27.007 §7.2
Result<AtCommand> CopsFormat(int format);  // AT+COPS=3,<0..2>, §7.3
// AT+CMMS=<0..2>: keep the relay link open between sends, TS 27.005 §3.5.6.
Result<AtCommand> Cmms(int mode);

// AT+CPIN="<pin>"; a PIN is 4 to 8 digits.
Result<AtCommand> Cpin(std::string_view pin);
// AT+CPIN="<puk>","<new pin>"; the PUK is 8 digits.
Result<AtCommand> CpinWithPuk(std::string_view puk, std::string_view new_pin);

// AT+CNMI=<mode>,<mt>,<bm>,<ds>,<bfr>  TS 27.005 §3.4.1.
Result<AtCommand> Cnmi(int mode, int mt, int bm, int ds, int bfr);

// AT+CPMS="<mem1>"[,"<mem2>"[,"<mem3>"]]  TS 27.005 §3.2.2. An empty
// memory and the ones after it are left out: Wavecom Q2xxx accept at most
// two memories, some only one.
Result<AtCommand> Cpms(std::string_view mem1, std::string_view mem2 = {}, std::string_view mem3 = {});

// AT+CMGS=<length> with the PDU to write after the prompt (TS 27.005 §3.5.1).
// `pdu_hex` is the SMSC address (at least its length octet "00") followed by
// the TPDU; `tpdu_length` counts the TPDU octets only, and must agree with
// the SMSC length octet and the hex length, the classic mistake.
Result<AtCommand> Cmgs(int tpdu_length, std::string_view pdu_hex);
// AT+CMGW=<length>, same payload rules (TS 27.005 §3.5.3).
Result<AtCommand> Cmgw(int tpdu_length, std::string_view pdu_hex);

Result<AtCommand> Cmgr(int index);           // AT+CMGR=<index>, §3.4.3
Result<AtCommand> Cmgl(int stat);            // AT+CMGL=<0..4>, §3.4.2
Result<AtCommand> Cmgd(int index);           // AT+CMGD=<index>, §3.5.4
Result<AtCommand> CmgdAll(int delete_flag);  // AT+CMGD=1,<1..4>

}  // namespace tellal::at

#endif  // TELLAL_MODEM_AT_AT_COMMANDS_H_
