// Records of the audience a business sends to: contacts, their groups,
// consent (with the field names of Turkey's İYS registry, so a history
// exports without mapping) and the blocked list. Values only, like
// records.h; times are milliseconds since the Unix epoch, UTC.
#ifndef TELLAL_DAEMON_STORE_CONTACT_RECORDS_H_
#define TELLAL_DAEMON_STORE_CONTACT_RECORDS_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "daemon/store/records.h"
#include "modem/result.h"

namespace tellal::store {

struct Contact {
  int64_t id = 0;
  std::string number;  // E.164, normalised by the caller; unique
  std::string name;
  std::map<std::string, std::string> attributes;  // free string fields: city, segment...
  std::vector<std::string> groups;                // names, sorted
  Millis created_at = 0;
  Millis updated_at = 0;
};

// A change to one contact, or a new one. Absent members are left alone.
struct ContactChange {
  std::optional<std::string> number;  // required for a new contact
  std::optional<std::string> name;
  // true: the attributes become exactly the set values of `attributes`;
  // false: each entry is set, or removed when nullopt, others stay.
  bool replace_attributes = false;
  std::map<std::string, std::optional<std::string>> attributes;
  std::optional<std::vector<std::string>> groups;  // exactly these groups
  std::vector<std::string> add_groups;             // also these groups
};

struct ContactFilter {
  std::optional<std::string> group;
  // Part of the name (compared folded, text/turkish_fold.h) or of the number.
  std::optional<std::string> query;
  std::map<std::string, std::string> attributes;  // each must be equal
};

struct ContactGroup {
  std::string name;
  std::string description;
  int64_t members = 0;
  Millis created_at = 0;
};

struct UpsertOutcome {
  int64_t created = 0;
  int64_t updated = 0;
};

// İYS vocabulary. Values outside these lists are refused by the store.
inline constexpr std::string_view kConsentApproved = "ONAY";  // status
inline constexpr std::string_view kConsentRefused = "RET";
inline constexpr std::string_view kConsentTypeMessage = "MESAJ";  // type: SMS
inline constexpr std::string_view kSourceSms = "HS_MESAJ";
bool IsConsentStatus(std::string_view s);  // ONAY, RET
bool IsConsentType(std::string_view s);    // MESAJ (the box sends SMS only)
bool IsRecipientType(std::string_view s);  // BIREYSEL, TACIR
bool IsConsentSource(std::string_view s);  // HS_* and IYS
std::string_view ConsentSourcesList();     // for error messages

struct NewConsent {
  std::string number;
  std::string status;  // ONAY | RET
  std::string type = std::string(kConsentTypeMessage);
  std::string recipient_type = "BIREYSEL";
  std::string source;
  Millis consent_date = 0;
  std::string evidence;
  // Consent given or withdrawn by SMS: which modem and SIM received it, and
  // the inbox entry.
  std::optional<std::string> modem;
  std::optional<std::string> sim;
  std::optional<int64_t> inbox_id;
};

struct ConsentRecord {
  int64_t id = 0;
  NewConsent consent;
  Millis recorded_at = 0;
};

struct BlockedNumber {
  int64_t id = 0;
  std::string number;
  std::string reason;
  Millis blocked_at = 0;
};

// Why a number must not be sent to, as the dispatcher asks at claim time.
enum class Suppression { kNone, kBlocked, kOptedOut };
const char* SuppressionName(Suppression s);  // "none", "blocked", "opted_out"

}  // namespace tellal::store

#endif  // TELLAL_DAEMON_STORE_CONTACT_RECORDS_H_
