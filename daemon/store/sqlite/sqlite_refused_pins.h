// SqliteRefusedPins: RefusedPins in the refused_pins table, keyed (sim,
// pin_fingerprint). Each refusal is its own transaction whose commit waits
// for the disk (fsync) even on a connection run at synchronous=NORMAL: a
// refusal is rare and must outlive a power cut.
//
// Thread affinity and lifetime: those of the SqliteStore that owns it; it
// uses the store's connection, which must outlive it.
#ifndef TELLAL_DAEMON_STORE_SQLITE_SQLITE_REFUSED_PINS_H_
#define TELLAL_DAEMON_STORE_SQLITE_SQLITE_REFUSED_PINS_H_

#include <string>
#include <vector>

#include "daemon/store/refused_pins.h"
#include "daemon/store/sqlite/sqlite_handle.h"

namespace tellal::store {

class SqliteRefusedPins final : public RefusedPins {
 public:
  // `synchronous_full`: the connection already fsyncs every commit.
  SqliteRefusedPins(Database& db, bool synchronous_full) : db_(db), synchronous_full_(synchronous_full) {}

  Result<std::vector<RefusedPin>> RefusalsFor(const std::string& sim) override;
  Status RecordRefusal(const RefusedPin& refusal) override;
  Result<int> ForgetRefusals(const std::string& sim) override;

 private:
  Result<Transaction> BeginDurable();

  Database& db_;
  bool synchronous_full_;
};

}  // namespace tellal::store

#endif  // TELLAL_DAEMON_STORE_SQLITE_SQLITE_REFUSED_PINS_H_
