// SqliteCampaigns: the Campaigns in the campaigns and campaign_recipients
// tables (schema version 12), with the campaign's messages read from and
// held, released or cancelled in the messages table.
//
// A campaign's variants and audience are stored as JSON (its spec); the
// audience is read back from it in SQL when it is resolved, so resolving
// an uploaded table of 100,000 rows never holds the table in memory.
//
// Thread affinity and lifetime: those of the SqliteStore that owns it; it
// uses the store's connection, which must outlive it.
#ifndef TELLAL_DAEMON_STORE_SQLITE_SQLITE_CAMPAIGNS_H_
#define TELLAL_DAEMON_STORE_SQLITE_SQLITE_CAMPAIGNS_H_

#include <string>
#include <vector>

#include "daemon/store/campaigns.h"
#include "daemon/store/sqlite/sqlite_handle.h"

namespace tellal::store {

class SqliteCampaigns final : public Campaigns {
 public:
  explicit SqliteCampaigns(Database& db) : db_(db) {}

  Result<int64_t> CreateCampaign(const NewCampaign& campaign, Millis now) override;
  Result<std::optional<Campaign>> GetCampaign(int64_t id) override;
  Result<Page<Campaign>> ListCampaigns(int limit, const std::string& cursor) override;
  Result<std::vector<Campaign>> ActiveCampaigns() override;
  Status ForEachAudienceMember(const CampaignAudience& audience,
                               const std::function<Status(const AudienceMember&)>& visit) override;
  Status ForEachCampaignMember(int64_t id, const std::function<Status(const AudienceMember&)>& visit) override;
  Result<bool> Transition(int64_t id, CampaignState from, CampaignState to, Millis now) override;
  Result<int64_t> ResolveRecipients(int64_t id) override;
  Result<std::vector<CampaignRecipient>> PendingRecipients(int64_t id, int limit) override;
  Status RecordOutcomes(int64_t id, const std::vector<RecipientOutcome>& outcomes) override;
  Result<int64_t> HoldQueued(int64_t id) override;
  Result<int64_t> ReleaseHeld(int64_t id, Millis now, Millis spacing) override;
  Result<int64_t> CancelQueued(int64_t id, Millis now) override;
  Result<bool> IsFinished(int64_t id) override;
  Result<Page<CampaignRecipient>> ListRecipients(int64_t id, const std::optional<std::string>& state, int limit,
                                                 const std::string& cursor) override;
  Result<CampaignReport> Report(int64_t id, Millis attribution) override;

 private:
  // kNotFound naming the first of `groups` that does not exist.
  Status CheckGroups(const std::vector<std::string>& groups);
  // Each contact of an audience (groups: a JSON array, filter: a JSON
  // object) with its fields as JSON text, in id order, streamed.
  Status ForEachContact(const std::string& groups_json, const std::string& filter_json,
                        const std::function<Status(const std::string& number, const std::string& fields)>& visit);
  Status MustExist(int64_t id);  // kNotFound when there is no campaign `id`

  Database& db_;
};

}  // namespace tellal::store

#endif  // TELLAL_DAEMON_STORE_SQLITE_SQLITE_CAMPAIGNS_H_
