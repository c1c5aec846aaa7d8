// What a reload (SIGHUP) changes: which modems to open, close or reconfigure,
// and which settings outside [modem.*] changed but only take effect on a
// restart. Pure: compares two parsed configurations and touches nothing.
#ifndef TELLAL_DAEMON_CONFIG_CONFIG_DIFF_H_
#define TELLAL_DAEMON_CONFIG_CONFIG_DIFF_H_

#include <string>
#include <vector>

#include "daemon/config/config.h"

namespace tellal::config {

// A modem present, under the same id, before and after.
struct ModemChange {
  ModemSettings before;
  ModemSettings after;
  // device, baud, pin or hardware_flow_control differ: the modem must be
  // closed and opened again with the new settings.
  bool connection_changed = false;
  // rate_per_minute or daily_limit differ: applied in place, keeping the
  // counts already made today.
  bool limits_changed = false;
  // enabled differs: the modem is to be opened (now enabled) or closed.
  bool enabled_changed = false;

  bool operator==(const ModemChange&) const = default;
};

struct ConfigDiff {
  std::vector<ModemSettings> added;    // in the new file's order
  std::vector<ModemSettings> removed;  // in the old file's order
  std::vector<ModemChange> changed;    // in the new file's order
  // Settings outside [modem.*] that differ, named as in the file ("[http]
  // listen"). A reload applies modems and their limits only, so the daemon
  // can report these as waiting for a restart.
  std::vector<std::string> daemon_wide_changed;

  bool empty() const { return added.empty() && removed.empty() && changed.empty() && daemon_wide_changed.empty(); }
  bool operator==(const ConfigDiff&) const = default;
};

// Modems are matched by id; a renamed modem is one removed and one added.
ConfigDiff DiffModems(const Config& before, const Config& after);

}  // namespace tellal::config

#endif  // TELLAL_DAEMON_CONFIG_CONFIG_DIFF_H_
