// Destination and sender numbers in one canonical form, so the same person
// is the same string in the queue, the blacklist and status-report matching.
//
// Canonical forms:
//   "+<country><subscriber>"  international (E.164, 8..15 digits after '+')
//   alphanumeric sender ids ("Design@Home") and short codes ("4545") are kept
//   as given (short codes: 3..7 digits), because they have no country.
//
// Pure functions; safe to call from any thread.
#ifndef TELLAL_DAEMON_CORE_PHONE_NUMBER_H_
#define TELLAL_DAEMON_CORE_PHONE_NUMBER_H_

#include <string>
#include <string_view>

#include "modem/result.h"

namespace tellal::core {

// Normalises a destination typed by a person or a program:
//   "+90 532 123 45 67", "0090 532-123-4567", "(0532) 123 45 67" with
//   default_country "90", "5321234567" with default_country "90".
// Spaces, dashes, dots and parentheses are ignored. A leading "00" is the
// international prefix; a single leading "0" is the national trunk prefix
// and is replaced by default_country. Numbers without either prefix get
// default_country too, unless they are short codes (3..7 digits) or
// already begin with default_country and have 11 or more digits
// ("905321234567" is +905321234567, not +90905321234567).
// Fails with a reason naming what is wrong: empty, a stray character,
// too short or too long for E.164, or national without a default country.
Result<std::string> NormalizeNumber(std::string_view input, std::string_view default_country);

// Normalises an address read from a PDU (TP-OA, TP-RA): already
// international ones ("+90…") are kept, national ones get default_country
// the same way as above, anything else (alphanumeric) is returned unchanged.
// Never fails: a report must still be matchable by what the SMSC wrote.
std::string NormalizeReceived(std::string_view address, std::string_view default_country);

}  // namespace tellal::core

#endif  // TELLAL_DAEMON_CORE_PHONE_NUMBER_H_
