// kJoined: string constants joined at compile time, so statements that
// share a column list are still named constants (and the query-plan tests
// read exactly what runs). Internal to daemon/store/sqlite.
//
//   inline constexpr std::string_view kGet = kJoined<kSelectColumns, kWhereId>;
#ifndef TELLAL_DAEMON_STORE_SQLITE_SQL_JOIN_H_
#define TELLAL_DAEMON_STORE_SQLITE_SQL_JOIN_H_

#include <array>
#include <cstddef>
#include <string_view>

namespace tellal::store::sql {

template <const std::string_view&... Parts>
struct JoinedSql {
  static constexpr size_t kSize = (Parts.size() + ...);
  static constexpr std::array<char, kSize + 1> kText = [] {
    std::array<char, kSize + 1> text{};  // ends with a NUL
    size_t at = 0;
    for (std::string_view part : {Parts...}) {
      for (char c : part) text[at++] = c;
    }
    return text;
  }();
};

template <const std::string_view&... Parts>
inline constexpr std::string_view kJoined{JoinedSql<Parts...>::kText.data(), JoinedSql<Parts...>::kSize};

}  // namespace tellal::store::sql

#endif  // TELLAL_DAEMON_STORE_SQLITE_SQL_JOIN_H_
