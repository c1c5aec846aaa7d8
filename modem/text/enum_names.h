// Enum <-> name conversion from one table per enum: a constant array of
// {value, name} rows (EnumName, or any struct with members `value` and
// `name`, which may carry more columns), looked up by the functions below.
// The table is the single place a name is spelt, so printing and parsing
// cannot drift apart. A table may list several names for one value
// (aliases); NameOf returns the first.
//
// Pure: standard library only, no I/O, no logging.
#ifndef TELLAL_MODEM_TEXT_ENUM_NAMES_H_
#define TELLAL_MODEM_TEXT_ENUM_NAMES_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace tellal::text {

template <typename Enum>
struct EnumName {
  Enum value;
  std::string_view name;
};

// The first name of `value` in `table`, or `fallback` for a value the table
// lacks (an integer cast to the enum).
template <typename Row, std::size_t N>
constexpr std::string_view NameOf(const Row (&table)[N], decltype(Row::value) value, std::string_view fallback = "?") {
  for (const Row& row : table) {
    if (row.value == value) return row.name;
  }
  return fallback;
}

// The value named exactly `name` in `table`, if any.
template <typename Row, std::size_t N>
constexpr std::optional<decltype(Row::value)> EnumFromName(const Row (&table)[N], std::string_view name) {
  for (const Row& row : table) {
    if (row.name == name) return row.value;
  }
  return std::nullopt;
}

// The table's names joined by `separator`, for help texts and error
// messages ("accepted, every_change, process").
template <typename Row, std::size_t N>
std::string JoinNames(const Row (&table)[N], std::string_view separator) {
  std::string out;
  for (const Row& row : table) {
    if (!out.empty()) out += separator;
    out += row.name;
  }
  return out;
}

}  // namespace tellal::text

#endif  // TELLAL_MODEM_TEXT_ENUM_NAMES_H_
