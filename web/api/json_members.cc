#include "web/api/json_members.h"

namespace tellal::web {

using nlohmann::json;

std::string Got(const json& value) { return std::string("got ") + value.type_name(); }

const json* Member(const json& object, const char* name) {
  auto it = object.find(name);
  if (it == object.end() || it->is_null()) return nullptr;
  return &*it;
}

Result<std::optional<std::string>, ApiError> OptionalString(const json& object, const char* name) {
  const json* v = Member(object, name);
  if (!v) return std::optional<std::string>();
  if (!v->is_string()) return ApiError::InvalidField(name, "must be a string, " + Got(*v));
  return std::optional<std::string>(v->get<std::string>());
}

Result<bool, ApiError> OptionalBool(const json& object, const char* name) {
  const json* v = Member(object, name);
  if (!v) return false;
  if (!v->is_boolean()) return ApiError::InvalidField(name, "must be true or false, " + Got(*v));
  return v->get<bool>();
}

}  // namespace tellal::web
