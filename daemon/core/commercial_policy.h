// CommercialPolicy: [campaigns]' quiet hours and frequency caps as the rules
// the queue applies when a commercial message comes up
// (store::CommercialRules, outbound_queue.h ClaimNext). Quiet hours are
// local wall-clock time (the process's time zone, local_time.h): a person
// chose them as hours of the day, so they follow the wall clock even when
// it steps.
//
// RulesAt is asked before every claim, so it caches its answer until the
// next boundary (a quiet-hours edge or local midnight) instead of doing the
// calendar arithmetic per message.
//
// Thread affinity: one thread (the dispatcher's).
#ifndef TELLAL_DAEMON_CORE_COMMERCIAL_POLICY_H_
#define TELLAL_DAEMON_CORE_COMMERCIAL_POLICY_H_

#include <optional>
#include <string>
#include <string_view>

#include "daemon/config/config.h"
#include "daemon/store/records.h"
#include "modem/result.h"

namespace tellal::core {

// The first instant after `at` whose local time of day is `minute` (minutes
// after midnight; across a DST change the wall time may not exist that day,
// and mktime moves it by the change).
store::Millis NextLocalTimeOfDay(store::Millis at, int minute);

// When the quiet hours that contain `at` end; nullopt when `at` is outside
// them. The window includes its start and excludes its end.
std::optional<store::Millis> QuietHoursEnd(const config::QuietHours& quiet, store::Millis at);

// The footer a commercial message ends with ([campaigns] footer), with
// {number} replaced by reply_number. Empty footer: "". Fails, saying which
// setting is missing, when the footer names {number} and no reply_number
// is set: a footer must tell the recipient where to send RET.
Result<std::string> RenderFooter(std::string_view footer, std::string_view reply_number);

class CommercialPolicy {
 public:
  CommercialPolicy(std::optional<config::QuietHours> quiet_hours, int cap_per_day, int cap_per_30_days);

  store::CommercialRules RulesAt(store::Millis now);

 private:
  std::optional<config::QuietHours> quiet_hours_;
  int cap_per_day_;
  int cap_per_30_days_;
  // The cached answer, valid for [from, until).
  store::CommercialRules cached_;
  store::Millis cached_from_ = 0;
  store::Millis cached_until_ = 0;
};

}  // namespace tellal::core

#endif  // TELLAL_DAEMON_CORE_COMMERCIAL_POLICY_H_
