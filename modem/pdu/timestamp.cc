#include "modem/pdu/timestamp.h"

#include <cstdio>
#include <cstdlib>

namespace tellal::pdu {
namespace {

// Swapped semi-octets: the first digit sits in the low nibble.
int ReadSwapped(uint8_t octet) {
  const int lo = octet & 0x0F;
  const int hi = octet >> 4;
  if (lo > 9 || hi > 9) return -1;
  return lo * 10 + hi;
}

uint8_t WriteSwapped(int value) { return static_cast<uint8_t>((value % 10) << 4 | (value / 10 % 10)); }

}  // namespace

Result<Timestamp> ParseTimestamp(const uint8_t* data, size_t size, const char* field) {
  const std::string f(field);
  if (size < kTimestampOctets) return Error::Corruption(f + ": truncated (" + std::to_string(size) + " of 7 octets)");
  static constexpr const char* kNames[] = {"year", "month", "day", "hour", "minute", "second"};
  static constexpr int kMin[] = {0, 1, 1, 0, 0, 0};
  static constexpr int kMax[] = {99, 12, 31, 23, 59, 59};
  int v[6];
  for (int i = 0; i < 6; ++i) {
    v[i] = ReadSwapped(data[i]);
    if (v[i] < 0) return Error::Corruption(f + ": " + kNames[i] + " is not a decimal semi-octet pair");
    if (v[i] < kMin[i] || v[i] > kMax[i]) {
      return Error::Corruption(f + ": " + kNames[i] + " " + std::to_string(v[i]) + " out of range");
    }
  }
  // Time zone: bit 3 of the first (low) semi-octet is the sign.
  const uint8_t tz = data[6];
  const int tens = tz & 0x07;
  const int units = tz >> 4;
  if (units > 9) return Error::Corruption(f + ": time zone is not a decimal semi-octet pair");
  const int quarters = tens * 10 + units;
  if (quarters > 4 * 14)
    return Error::Corruption(f + ": time zone offset of " + std::to_string(quarters) + " quarter hours");
  Timestamp ts;
  ts.year = v[0] < 70 ? 2000 + v[0] : 1900 + v[0];
  ts.month = v[1];
  ts.day = v[2];
  ts.hour = v[3];
  ts.minute = v[4];
  ts.second = v[5];
  ts.utc_offset_minutes = (tz & 0x08 ? -15 : 15) * quarters;
  return ts;
}

void AppendTimestamp(const Timestamp& ts, std::vector<uint8_t>& out) {
  out.push_back(WriteSwapped(ts.year % 100));
  out.push_back(WriteSwapped(ts.month));
  out.push_back(WriteSwapped(ts.day));
  out.push_back(WriteSwapped(ts.hour));
  out.push_back(WriteSwapped(ts.minute));
  out.push_back(WriteSwapped(ts.second));
  const int quarters = std::abs(ts.utc_offset_minutes) / 15;
  uint8_t tz = WriteSwapped(quarters);
  if (ts.utc_offset_minutes < 0) tz |= 0x08;
  out.push_back(tz);
}

std::string FormatRfc3339(const Timestamp& ts) {
  const int offset = std::abs(ts.utc_offset_minutes);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", ts.year, ts.month, ts.day, ts.hour,
                ts.minute, ts.second, ts.utc_offset_minutes < 0 ? '-' : '+', offset / 60, offset % 60);
  return buf;
}

}  // namespace tellal::pdu
