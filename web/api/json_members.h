// Reading the members of a JSON request body, with the 400 that names the
// member when it has the wrong type. Shared by every handler that parses a
// body, so a given mistake gets the same answer on every route.
#ifndef TELLAL_WEB_API_JSON_MEMBERS_H_
#define TELLAL_WEB_API_JSON_MEMBERS_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "modem/result.h"
#include "web/api/api_errors.h"

namespace tellal::web {

// "got <type>", for error texts.
std::string Got(const nlohmann::json& value);

// The member's value, or nullptr when it is absent or null.
const nlohmann::json* Member(const nlohmann::json& object, const char* name);

// Absent or null: nullopt; a string: its value; else InvalidField(name).
Result<std::optional<std::string>, ApiError> OptionalString(const nlohmann::json& object, const char* name);

// Absent or null: false; a boolean: its value; else InvalidField(name).
Result<bool, ApiError> OptionalBool(const nlohmann::json& object, const char* name);

}  // namespace tellal::web

#endif  // TELLAL_WEB_API_JSON_MEMBERS_H_
