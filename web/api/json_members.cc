#include "web/api/json_members.h"

#include <algorithm>
#include <utility>

#include "modem/text/ascii.h"
#include "web/api/api_json.h"

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

Result<std::string, ApiError> RequiredString(const json& object, const char* name) {
  auto value = OptionalString(object, name);
  if (!value) return std::move(value).error();
  if (!*value) return ApiError::MissingField(name);
  return std::move(**value);
}

bool HasMediaType(const HttpRequest& request, std::string_view wanted) {
  auto it = request.headers.find("content-type");
  if (it == request.headers.end()) return false;
  std::string media;
  for (char ch : it->second.substr(0, it->second.find(';'))) {
    if (ch != ' ' && ch != '\t') media += ch;
  }
  return text::EqualsIgnoreCase(media, wanted);
}

Result<json, ApiError> ObjectBody(const HttpRequest& request, std::span<const std::string_view> known) {
  if (!HasMediaType(request, "application/json"))
    return ApiError::UnsupportedMediaType("send the body as Content-Type: application/json");
  auto body = ParseJsonBody(request.body);
  if (!body) return ApiError::InvalidJson(body.error().message);
  if (!body->is_object()) return ApiError::InvalidBody("the body must be a JSON object, " + Got(*body));
  for (const auto& [key, value] : body->items()) {
    if (std::find(known.begin(), known.end(), key) == known.end()) return ApiError::UnknownField(key);
  }
  return std::move(body).value();
}

}  // namespace tellal::web
