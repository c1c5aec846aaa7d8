// The JSON of the audience endpoints (contacts, groups, consents, opt-outs,
// the blocked list), with the conventions of api_json.h: time stamps RFC
// 3339 in local time, absent values null. Consent records carry the field
// names of Turkey's İYS registry (recipient, recipient_type, type, status,
// source, consent_date) so they export without mapping; the CSV export
// has the same columns.
//
// Pure functions, safe from any thread.
#ifndef TELLAL_WEB_API_AUDIENCE_JSON_H_
#define TELLAL_WEB_API_AUDIENCE_JSON_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "daemon/store/contact_records.h"

namespace tellal::web {

// `consent`: the number's current record, if any; `blocked`: on the list.
nlohmann::json ContactJson(const store::Contact& contact, const std::optional<store::ConsentRecord>& consent,
                           bool blocked);
nlohmann::json GroupJson(const store::ContactGroup& group);
nlohmann::json ConsentJson(const store::ConsentRecord& record);
nlohmann::json BlockedJson(const store::BlockedNumber& blocked);

// The CSV export of consent records: the header line, then one line each.
std::string ConsentCsvHeader();
std::string ConsentCsvLine(const store::ConsentRecord& record);

}  // namespace tellal::web

#endif  // TELLAL_WEB_API_AUDIENCE_JSON_H_
