// Reading the members of a JSON request body, with the 400 that names the
// member when it has the wrong type. Shared by every handler that parses a
// body, so a given mistake gets the same answer on every route.
#ifndef TELLAL_WEB_API_JSON_MEMBERS_H_
#define TELLAL_WEB_API_JSON_MEMBERS_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "modem/result.h"
#include "web/api/api_errors.h"
#include "web/http/http_types.h"

namespace tellal::web {

// "got <type>", for error texts.
std::string Got(const nlohmann::json& value);

// The member's value, or nullptr when it is absent or null.
const nlohmann::json* Member(const nlohmann::json& object, const char* name);

// Absent or null: nullopt; a string: its value; else InvalidField(name).
Result<std::optional<std::string>, ApiError> OptionalString(const nlohmann::json& object, const char* name);

// Absent or null: false; a boolean: its value; else InvalidField(name).
Result<bool, ApiError> OptionalBool(const nlohmann::json& object, const char* name);

// Absent or null: MissingField(name); a string: its value; else InvalidField(name).
Result<std::string, ApiError> RequiredString(const nlohmann::json& object, const char* name);

// Whether the request's Content-Type is `wanted` (parameters ignored).
bool HasMediaType(const HttpRequest& request, std::string_view wanted);

// The body as a JSON object whose members are all in `known`: 415 unless
// it is sent as application/json, 400 for bad JSON, another shape, or an
// unknown member (named).
Result<nlohmann::json, ApiError> ObjectBody(const HttpRequest& request, std::span<const std::string_view> known);

}  // namespace tellal::web

#endif  // TELLAL_WEB_API_JSON_MEMBERS_H_
