// The shape rules of contact fields the API accepts, shared by the JSON
// requests and the CSV import: each returns why a value is refused, or
// nothing when it is fine.
//
// Pure functions; safe from any thread.
#ifndef TELLAL_WEB_API_CONTACT_FIELDS_H_
#define TELLAL_WEB_API_CONTACT_FIELDS_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace tellal::web {

inline constexpr std::size_t kMaxNameBytes = 256;
inline constexpr std::size_t kMaxGroupNameBytes = 64;
inline constexpr std::size_t kMaxAttributeKeyBytes = 64;
inline constexpr std::size_t kMaxAttributeValueBytes = 1024;

// 1-64 bytes, no control characters, no '/' (it names a path segment) and
// no '|' (it separates groups in a CSV cell).
std::optional<std::string> GroupNameProblem(std::string_view name);
// 1-64 bytes, no control characters, no '=' or '&' (attribute.<key>= in a
// query string).
std::optional<std::string> AttributeKeyProblem(std::string_view key);
std::optional<std::string> AttributeValueProblem(std::string_view value);
std::optional<std::string> NameProblem(std::string_view name);

}  // namespace tellal::web

#endif  // TELLAL_WEB_API_CONTACT_FIELDS_H_
