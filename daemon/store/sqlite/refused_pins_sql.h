// The SQL of SqliteRefusedPins, shared with the tests that check its query
// plans (refused_pins_sql_test.cc). Internal to daemon/store/sqlite.
#ifndef TELLAL_DAEMON_STORE_SQLITE_REFUSED_PINS_SQL_H_
#define TELLAL_DAEMON_STORE_SQLITE_REFUSED_PINS_SQL_H_

#include <string_view>

namespace tellal::store::sql {

// ?1 sim. Seeks the (sim, pin_fingerprint) primary key; a SIM has at most a
// few rows.
inline constexpr std::string_view kRefusalsFor =
    "SELECT sim, pin_fingerprint, reason, refused_at FROM refused_pins WHERE sim = ?1 ORDER BY refused_at, "
    "pin_fingerprint";

// ?1 sim, ?2 pin_fingerprint, ?3 reason, ?4 refused_at. A second refusal of
// the same PIN (entered by hand meanwhile) renews the row.
inline constexpr std::string_view kRecordRefusal =
    "INSERT INTO refused_pins (sim, pin_fingerprint, reason, refused_at) VALUES (?1, ?2, ?3, ?4) "
    "ON CONFLICT (sim, pin_fingerprint) DO UPDATE SET reason = excluded.reason, refused_at = excluded.refused_at";

// ?1 sim.
inline constexpr std::string_view kForgetRefusals = "DELETE FROM refused_pins WHERE sim = ?1";

}  // namespace tellal::store::sql

#endif  // TELLAL_DAEMON_STORE_SQLITE_REFUSED_PINS_SQL_H_
