#include "modem/at/at_commands.h"

#include <array>
#include <cctype>
#include <utility>

namespace tellal::at {
namespace {

constexpr char kCtrlZ = 0x1A;

// SMS-SUBMIT at its largest: 1 + 1 + 12 (TP-DA) + 1 + 1 + 7 (TP-VP) + 1 + 140
// octets (TS 23.040 §9.2.2.2); an SMS-DELIVER for AT+CMGW is one shorter.
constexpr int kMaxTpduLength = 164;
// TS 24.011 §8.2.5.2: the RP-Destination-Address value is at most 11 octets.
constexpr int kMaxSmscLength = 11;

AtCommand Plain(std::string text) {
  AtCommand c;
  c.text = std::move(text);
  return c;
}

AtCommand Prefixed(std::string text, std::string prefix) {
  AtCommand c;
  c.text = std::move(text);
  c.response_prefix = std::move(prefix);
  return c;
}

AtCommand Bare(std::string text) {
  AtCommand c;
  c.text = std::move(text);
  c.bare_response = true;
  return c;
}

Status CheckRange(std::string_view what, int value, int min, int max) {
  if (value < min || value > max) {
    return Error::InvalidArgument(std::string(what) + ": " + std::to_string(value) + " is outside " +
                                  std::to_string(min) + ".." + std::to_string(max));
  }
  return Status::Ok();
}

Status CheckDigits(std::string_view what, std::string_view text, std::size_t min, std::size_t max) {
  if (text.size() < min || text.size() > max) {
    return Error::InvalidArgument(std::string(what) + ": must be " + std::to_string(min) + " to " +
                                  std::to_string(max) + " digits");
  }
  for (char c : text) {
    if (!std::isdigit(static_cast<unsigned char>(c))) {
      return Error::InvalidArgument(std::string(what) + ": must be digits only");
    }
  }
  return Status::Ok();
}

int HexValue(char c) {
  const auto uc = static_cast<unsigned char>(c);
  return std::isdigit(uc) ? c - '0' : std::toupper(uc) - 'A' + 10;
}

Result<AtCommand> PduCommand(std::string_view name, int tpdu_length, std::string_view pdu_hex) {
  const std::string what(name);
  if (Status s = CheckRange(what + " <length>", tpdu_length, 1, kMaxTpduLength); !s) {
    return s.error();
  }
  if (pdu_hex.size() < 2 || pdu_hex.size() % 2 != 0) {
    return Error::InvalidArgument(what + " PDU: hex must have an even number of digits");
  }
  for (char c : pdu_hex) {
    if (!std::isxdigit(static_cast<unsigned char>(c))) {
      return Error::InvalidArgument(what + " PDU: '" + std::string(1, c) + "' is not hex");
    }
  }
  // TS 27.005 §3.5.1: <length> excludes the SMSC address, whose own first
  // octet gives its length.
  const int smsc_length = HexValue(pdu_hex[0]) * 16 + HexValue(pdu_hex[1]);
  if (smsc_length > kMaxSmscLength) {
    return Error::InvalidArgument(what + " PDU: SMSC address length " + std::to_string(smsc_length) + " exceeds " +
                                  std::to_string(kMaxSmscLength));
  }
  const auto octets = static_cast<int>(pdu_hex.size() / 2);
  if (octets != 1 + smsc_length + tpdu_length) {
    return Error::InvalidArgument(what + " <length>: " + std::to_string(tpdu_length) +
                                  " TPDU octets, but the PDU has " + std::to_string(octets) + " octets with a " +
                                  std::to_string(smsc_length) + "-octet SMSC address");
  }
  AtCommand c;
  c.text = "AT" + what + "=" + std::to_string(tpdu_length);
  c.response_prefix = what + ":";
  c.payload = std::string(pdu_hex);
  return c;
}

}  // namespace

std::string CommandBytes(const AtCommand& command) { return command.text + "\r"; }

std::string PayloadBytes(const AtCommand& command) { return command.payload + kCtrlZ; }

AtCommand At() { return Plain("AT"); }
AtCommand Echo(bool on) { return Plain(on ? "ATE1" : "ATE0"); }
AtCommand VerboseResults() { return Plain("ATV1"); }
AtCommand Cmee(bool verbose) { return Plain(verbose ? "AT+CMEE=2" : "AT+CMEE=1"); }
AtCommand PduMode() { return Plain("AT+CMGF=0"); }
AtCommand Cgmi() { return Bare("AT+CGMI"); }
AtCommand Cgmm() { return Bare("AT+CGMM"); }
AtCommand Cgmr() { return Bare("AT+CGMR"); }
AtCommand Cgsn() { return Bare("AT+CGSN"); }
AtCommand Cimi() { return Bare("AT+CIMI"); }
AtCommand Ccid() { return Bare("AT+CCID"); }
AtCommand Csq() { return Prefixed("AT+CSQ", "+CSQ:"); }
AtCommand CregQuery() { return Prefixed("AT+CREG?", "+CREG:"); }
Result<AtCommand> Creg(int n) {
  if (Status s = CheckRange("+CREG <n>", n, 0, 2); !s) return s.error();
  return Plain("AT+CREG=" + std::to_string(n));
}
AtCommand CgregQuery() { return Prefixed("AT+CGREG?", "+CGREG:"); }
AtCommand CpinQuery() { return Prefixed("AT+CPIN?", "+CPIN:"); }
AtCommand CopsQuery() { return Prefixed("AT+COPS?", "+COPS:"); }
Result<AtCommand> CopsFormat(int format) {
  if (Status s = CheckRange("+COPS <format>", format, 0, 2); !s) {
    return s.error();
  }
  return Plain("AT+COPS=3," + std::to_string(format));
}
AtCommand CnmiTest() { return Prefixed("AT+CNMI=?", "+CNMI:"); }
AtCommand CpmsQuery() { return Prefixed("AT+CPMS?", "+CPMS:"); }
AtCommand CscaQuery() { return Prefixed("AT+CSCA?", "+CSCA:"); }
AtCommand Cnma() { return Plain("AT+CNMA"); }
AtCommand CmmsQuery() { return Prefixed("AT+CMMS?", "+CMMS:"); }
AtCommand HuaweiIccid() { return Prefixed("AT^ICCID?", "^ICCID:"); }
AtCommand QuectelIccid() { return Prefixed("AT+QCCID", "+QCCID:"); }
AtCommand IccidFromSim() { return Prefixed("AT+CRSM=176,12258,0,0,10", "+CRSM:"); }
AtCommand Cpinr() { return Prefixed("AT+CPINR=\"SIM PIN\"", "+CPINR:"); }
AtCommand HuaweiCpin() { return Prefixed("AT^CPIN?", "^CPIN:"); }
AtCommand QuectelPinc() { return Prefixed("AT+QPINC=\"SC\"", "+QPINC:"); }
AtCommand SimcomSpic() { return Prefixed("AT+SPIC", "+SPIC:"); }
Result<AtCommand> Cmms(int mode) {
  if (Status s = CheckRange("+CMMS <n>", mode, 0, 2); !s) return s.error();
  return Plain("AT+CMMS=" + std::to_string(mode));
}

Result<AtCommand> Cpin(std::string_view pin) {
  if (Status s = CheckDigits("PIN", pin, 4, 8); !s) return s.error();
  return Plain("AT+CPIN=\"" + std::string(pin) + "\"");
}

Result<AtCommand> CpinWithPuk(std::string_view puk, std::string_view new_pin) {
  if (Status s = CheckDigits("PUK", puk, 8, 8); !s) return s.error();
  if (Status s = CheckDigits("new PIN", new_pin, 4, 8); !s) return s.error();
  return Plain("AT+CPIN=\"" + std::string(puk) + "\",\"" + std::string(new_pin) + "\"");
}

Result<AtCommand> Cnmi(int mode, int mt, int bm, int ds, int bfr) {
  // Value ranges of TS 27.005 §3.4.1.
  const std::array<std::pair<const char*, std::pair<int, int>>, 5> checks{{
      {"+CNMI <mode>", {mode, 3}},
      {"+CNMI <mt>", {mt, 3}},
      {"+CNMI <bm>", {bm, 3}},
      {"+CNMI <ds>", {ds, 2}},
      {"+CNMI <bfr>", {bfr, 1}},
  }};
  for (const auto& [what, value_max] : checks) {
    if (Status s = CheckRange(what, value_max.first, 0, value_max.second); !s) {
      return s.error();
    }
  }
  return Plain("AT+CNMI=" + std::to_string(mode) + "," + std::to_string(mt) + "," + std::to_string(bm) + "," +
               std::to_string(ds) + "," + std::to_string(bfr));
}

Result<AtCommand> Cpms(std::string_view mem1, std::string_view mem2, std::string_view mem3) {
  // TS 27.005 §3.1 <mem1>: "BM", "ME", "MT", "SM", "TA", "SR".
  static constexpr std::array<std::string_view, 6> kMemories{"BM", "ME", "MT", "SM", "TA", "SR"};
  std::string text = "AT+CPMS=";
  for (std::string_view mem : {mem1, mem2, mem3}) {
    if (mem.empty() && text.back() != '=') break;
    bool known = false;
    for (std::string_view m : kMemories) known = known || m == mem;
    if (!known) {
      return Error::InvalidArgument("+CPMS: unknown memory \"" + std::string(mem) + "\"");
    }
    if (text.back() != '=') text += ",";
    text += "\"" + std::string(mem) + "\"";
  }
  return Prefixed(std::move(text), "+CPMS:");
}

Result<AtCommand> Cmgs(int tpdu_length, std::string_view pdu_hex) { return PduCommand("+CMGS", tpdu_length, pdu_hex); }

Result<AtCommand> Cmgw(int tpdu_length, std::string_view pdu_hex) { return PduCommand("+CMGW", tpdu_length, pdu_hex); }

Result<AtCommand> Cmgr(int index) {
  if (Status s = CheckRange("+CMGR <index>", index, 0, 65535); !s) {
    return s.error();
  }
  AtCommand c = Prefixed("AT+CMGR=" + std::to_string(index), "+CMGR:");
  c.pdu_follows_header = true;
  return c;
}

Result<AtCommand> Cmgl(int stat) {
  // PDU mode <stat>: 0 unread, 1 read, 2 unsent, 3 sent, 4 all.
  if (Status s = CheckRange("+CMGL <stat>", stat, 0, 4); !s) return s.error();
  AtCommand c = Prefixed("AT+CMGL=" + std::to_string(stat), "+CMGL:");
  c.pdu_follows_header = true;
  return c;
}

Result<AtCommand> Cmgd(int index) {
  if (Status s = CheckRange("+CMGD <index>", index, 0, 65535); !s) {
    return s.error();
  }
  return Plain("AT+CMGD=" + std::to_string(index));
}

Result<AtCommand> CmgdAll(int delete_flag) {
  // <delflag> 1..4: the index is then ignored, but must be present.
  if (Status s = CheckRange("+CMGD <delflag>", delete_flag, 1, 4); !s) {
    return s.error();
  }
  return Plain("AT+CMGD=1," + std::to_string(delete_flag));
}

}  // namespace tellal::at
