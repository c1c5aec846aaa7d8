// Campaign records: one message template (or A/B variants) sent to an
// audience, with the schedule and pace a business chose. Values only.
//
// A campaign's life: draft -> scheduled (started, send_at in the future) ->
// running -> completed; running <-> paused; draft | scheduled | running |
// paused -> cancelled. Its recipients are fixed when it starts (the audience
// is resolved then, not when it was drafted); each recipient becomes at most
// one message.
#ifndef TELLAL_DAEMON_STORE_CAMPAIGN_RECORDS_H_
#define TELLAL_DAEMON_STORE_CAMPAIGN_RECORDS_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "daemon/store/records.h"

namespace tellal::store {

enum class CampaignState { kDraft, kScheduled, kRunning, kPaused, kCompleted, kCancelled };
const char* CampaignStateName(CampaignState s);  // "draft", "scheduled", ...
std::optional<CampaignState> ParseCampaignState(std::string_view name);

struct CampaignVariant {
  std::string name;      // unique within the campaign; "" for a single template
  std::string text;      // a text/message_template.h template
  int weight = 1;        // >= 1: share of recipients relative to the others
};

// Who receives a campaign. Members come in this order, a number that comes
// again is skipped (the first occurrence, with its fields, wins):
//  1. `rows` (an uploaded table), in their order;
//  2. `numbers`, in their order;
//  3. contacts, by id: members of any of `groups` (all contacts when
//     `groups` is empty but `filter` is not) whose attributes equal every
//     entry of `filter`.
// A contact's fields are its attributes plus "name" and "number"; a row's are
// its columns (with "number"); a bare number has only "number".
struct CampaignAudience {
  std::vector<std::map<std::string, std::string>> rows;  // each has "number", E.164
  std::vector<std::string> numbers;                      // E.164, normalised by the caller
  std::vector<std::string> groups;
  std::map<std::string, std::string> filter;
};

struct NewCampaign {
  std::string name;
  std::vector<CampaignVariant> variants;  // one or more
  CampaignAudience audience;
  Category category = Category::kCommercial;
  std::optional<Millis> send_at;  // absent: at once when started
  std::optional<Millis> end_at;   // messages not sent by then expire
  int rate_per_minute = 0;        // 0: as fast as the modems go
  bool footer = true;             // append the opt-out footer (commercial only)
};

// How many of a campaign's recipients are where. Recipients that became a
// message count under the message's state.
struct CampaignCounts {
  int64_t recipients = 0;  // resolved at start
  int64_t pending = 0;     // not yet made into a message
  int64_t rejected = 0;    // template field missing, or the text too long
  int64_t queued = 0, sending = 0, sent = 0, delivered = 0, failed = 0, expired = 0, cancelled = 0,
          unknown = 0, suppressed = 0;
};

struct Campaign {
  int64_t id = 0;
  // As created, except spec.audience.rows, which stays in the store (it may
  // hold 100,000 rows): audience_rows says how many there are, and
  // Campaigns::ForEachCampaignMember reads them.
  NewCampaign spec;
  int64_t audience_rows = 0;
  CampaignState state = CampaignState::kDraft;
  Millis created_at = 0;
  std::optional<Millis> started_at;   // when start was asked
  std::optional<Millis> finished_at;  // completed or cancelled
  CampaignCounts counts;
};

// One resolved audience member, before it is a recipient.
struct AudienceMember {
  std::string number;
  std::map<std::string, std::string> fields;
};

// Recipient states before a message exists; after, the message's state
// name is reported instead ("queued", "sent", "suppressed"...).
inline constexpr std::string_view kRecipientPending = "pending";
inline constexpr std::string_view kRecipientRejected = "rejected";
inline constexpr std::string_view kRecipientCancelled = "cancelled";  // cancelled before queued

struct CampaignRecipient {
  int64_t seq = 0;  // 1.. in audience order
  std::string number;
  std::map<std::string, std::string> fields;
  std::string state;                       // see above
  std::optional<std::string> reason;       // rejected: why; suppressed: the message's error_code
  std::optional<int64_t> message_id;
  std::optional<std::string> modem;        // the message's latest modem
};

// What became of one pending recipient (RecordOutcomes).
struct RecipientOutcome {
  int64_t seq = 0;
  std::optional<int64_t> message_id;  // queued as this message
  std::string rejected_reason;        // otherwise: why not
  int variant = 0;                    // index into variants
};

// Per group (a variant, a modem, or the whole campaign). `queued` counts
// every recipient that became a message; `sent` those whose message reached
// the SMSC (sent or delivered); `delivered` those with a delivery report;
// the other states are the messages' current ones. `segments` adds up the
// messages' segments (the cost). `replies` and `opt_outs` count inbound
// messages and RET consents from a recipient within the attribution window
// after its message was sent.
struct CampaignTally {
  int64_t recipients = 0, queued = 0, sent = 0, delivered = 0, failed = 0, expired = 0, cancelled = 0,
          unknown = 0, suppressed = 0, rejected = 0, segments = 0, replies = 0, opt_outs = 0;
  std::map<std::string, int64_t> suppressed_by_reason;  // error_code -> count
};

struct CampaignReport {
  CampaignTally total;
  std::map<std::string, CampaignTally> by_variant;  // variant name ("" for a single template)
  std::map<std::string, CampaignTally> by_modem;    // messages that reached a modem
};

}  // namespace tellal::store

#endif  // TELLAL_DAEMON_STORE_CAMPAIGN_RECORDS_H_
