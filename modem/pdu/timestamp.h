// Service-centre time stamps (TS 23.040 §9.2.3.11): seven semi-octet
// swapped fields, the last one the offset from UTC in quarter hours.
#ifndef TELLAL_MODEM_PDU_TIMESTAMP_H_
#define TELLAL_MODEM_PDU_TIMESTAMP_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "modem/result.h"

namespace tellal::pdu {

inline constexpr size_t kTimestampOctets = 7;

struct Timestamp {
  int year = 2000;  // two digits on the air; 00-69 read as 20xx, 70-99 as 19xx
  int month = 1;
  int day = 1;
  int hour = 0;
  int minute = 0;
  int second = 0;
  int utc_offset_minutes = 0;  // a multiple of 15, -12h..+14h in practice
  bool operator==(const Timestamp&) const = default;
};

// `field` names the field in errors ("TP-SCTS", "TP-DT"), which are
// kCorruption: the octets were received.
Result<Timestamp> ParseTimestamp(const uint8_t* data, size_t size, const char* field);
void AppendTimestamp(const Timestamp& ts, std::vector<uint8_t>& out);

// "2026-11-23T14:19:00+03:00".
std::string FormatRfc3339(const Timestamp& ts);

}  // namespace tellal::pdu

#endif  // TELLAL_MODEM_PDU_TIMESTAMP_H_
