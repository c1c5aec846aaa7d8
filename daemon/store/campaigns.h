// Campaigns: a template sent to an audience, and what became of each
// recipient. The engine (daemon/core/campaign_runner.h) drives a campaign:
// it resolves the audience into recipients at start, turns pending
// recipients into queued messages a chunk at a time, and asks here when the
// campaign is finished; the outbound queue sends those messages like any
// other (commercial policy included).
//
// Contract for every implementation:
//  - Every call is one transaction (inside an open Group: part of it), so a
//    chunk's messages and its recipients' outcomes are durable together:
//    after a crash a recipient is either pending or has exactly one message.
//  - A recipient's number is unique within its campaign.
//  - State changes are compare-and-set: Transition answers false when the
//    campaign is not in `from`.
//  - Errors: a malformed limit or cursor is kInvalidArgument naming the
//    field; a group named in an audience that does not exist is kNotFound
//    naming it; storage failures keep the storage's code.
//
// Thread affinity: single thread (the daemon's io_context thread). Lifetime:
// owned by its Store; nothing returned refers back into it.
#ifndef TELLAL_DAEMON_STORE_CAMPAIGNS_H_
#define TELLAL_DAEMON_STORE_CAMPAIGNS_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "daemon/store/campaign_records.h"
#include "daemon/store/records.h"
#include "modem/result.h"

namespace tellal::store {

class Campaigns {
 public:
  virtual ~Campaigns() = default;

  // A new campaign in state draft. Returns its id.
  virtual Result<int64_t> CreateCampaign(const NewCampaign& campaign, Millis now) = 0;
  // With counts. nullopt: no such campaign.
  virtual Result<std::optional<Campaign>> GetCampaign(int64_t id) = 0;
  // Newest first, with counts. limit: 1..kMaxPageSize.
  virtual Result<Page<Campaign>> ListCampaigns(int limit, const std::string& cursor) = 0;
  // Campaigns in scheduled, running or paused, oldest first: what the
  // engine picks up again after a restart.
  virtual Result<std::vector<Campaign>> ActiveCampaigns() = 0;

  // Calls `visit` for each member of `audience` in the order
  // campaign_records.h gives, each number once, reading the contacts as they
  // are now. Stops at the first error `visit` returns, and returns it.
  virtual Status ForEachAudienceMember(const CampaignAudience& audience,
                                       const std::function<Status(const AudienceMember&)>& visit) = 0;

  // ForEachAudienceMember over campaign `id`'s stored audience (its
  // uploaded rows included), streamed from the store. kNotFound when there
  // is no such campaign.
  virtual Status ForEachCampaignMember(int64_t id, const std::function<Status(const AudienceMember&)>& visit) = 0;

  // Compare-and-set of the state. Entering scheduled or running from draft
  // sets started_at = now; entering completed or cancelled sets
  // finished_at = now. false: the campaign is not in `from` (or missing).
  virtual Result<bool> Transition(int64_t id, CampaignState from, CampaignState to, Millis now) = 0;

  // Resolves the campaign's audience (ForEachAudienceMember) into its
  // recipients, all pending, seq 1.. in order. Only once per campaign: a
  // second call adds nothing. Returns how many recipients it has.
  virtual Result<int64_t> ResolveRecipients(int64_t id) = 0;
  // Up to `limit` pending recipients, by seq.
  virtual Result<std::vector<CampaignRecipient>> PendingRecipients(int64_t id, int limit) = 0;
  // Records each outcome: queued as a message, or rejected with a reason.
  // A recipient that is no longer pending is left alone.
  virtual Status RecordOutcomes(int64_t id, const std::vector<RecipientOutcome>& outcomes) = 0;

  // Pause: the campaign's queued messages (not those with parts already
  // out) stop being claimed: their not_before moves to kHeldByPause.
  // Returns how many.
  virtual Result<int64_t> HoldQueued(int64_t id) = 0;
  // Resume: held messages get not_before = now + i * spacing (i = 0, 1, ...
  // in id order). Returns how many.
  virtual Result<int64_t> ReleaseHeld(int64_t id, Millis now, Millis spacing) = 0;
  // Cancel: queued messages become cancelled (cancelled_at = now), pending
  // recipients cancelled. Returns how many messages.
  virtual Result<int64_t> CancelQueued(int64_t id, Millis now) = 0;
  // No pending recipient and no message queued or sending.
  virtual Result<bool> IsFinished(int64_t id) = 0;

  // By seq. `state`: a recipient state or a message state name, or nullopt
  // for all. limit: 1..kMaxPageSize.
  virtual Result<Page<CampaignRecipient>> ListRecipients(int64_t id, const std::optional<std::string>& state, int limit,
                                                         const std::string& cursor) = 0;
  // Replies and opt-outs count when they arrive within `attribution` of
  // the recipient's message being sent.
  virtual Result<CampaignReport> Report(int64_t id, Millis attribution) = 0;
};

// Far in the future: a paused campaign's messages wait here (not_before)
// until it resumes. Chosen so that adding any realistic delay cannot overflow.
inline constexpr Millis kHeldByPause = Millis{1} << 60;

}  // namespace tellal::store

#endif  // TELLAL_DAEMON_STORE_CAMPAIGNS_H_
