// Keyword rules as the API shows them: the same shape POST /api/v1/rules
// takes (rule_request.h), plus id and times, so a client can send back
// what it read.
#ifndef TELLAL_WEB_API_RULE_JSON_H_
#define TELLAL_WEB_API_RULE_JSON_H_

#include <nlohmann/json.hpp>

#include "daemon/store/rule_records.h"

namespace tellal::web {

// {"match", "modem", "actions", "order", "enabled"}: a valid request body.
nlohmann::json RuleSpecJson(const store::RuleSpec& spec);
// RuleSpecJson plus "id", "created_at", "updated_at".
nlohmann::json RuleJson(const store::Rule& rule);

}  // namespace tellal::web

#endif  // TELLAL_WEB_API_RULE_JSON_H_
