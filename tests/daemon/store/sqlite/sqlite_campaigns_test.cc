// SqliteCampaigns against its contract (campaigns.h), on a real SqliteStore:
// the campaign's messages are made by the store's own outbound queue and
// moved through their states by it, so counts, holds and reports are
// checked against what the queue really writes.
#include "daemon/store/sqlite/sqlite_campaigns.h"

#include <catch2/catch.hpp>
#include <map>
#include <string>
#include <vector>

#include "daemon/store/sqlite/campaigns_sql.h"
#include "store_testing.h"
#include "tests/daemon/store/temp_dir.h"

using namespace tellal::store;
using tellal::ErrorCode;
using tellal::Status;
using tellal::store::testing::MemoryStore;
using tellal::store::testing::MigratedDatabase;
using tellal::store::testing::QueryPlan;

namespace {

constexpr Millis kT0 = 1'780'000'000'000;
constexpr Millis kHour = 3'600'000;

using Fields = std::map<std::string, std::string>;

NewCampaign Draft(const std::string& name, CampaignAudience audience = {}) {
  NewCampaign c;
  c.name = name;
  c.variants = {{"", "Merhaba {name|}", 1}};
  c.audience = std::move(audience);
  return c;
}

CampaignAudience Numbers(std::vector<std::string> numbers) {
  CampaignAudience a;
  a.numbers = std::move(numbers);
  return a;
}

int64_t Create(Campaigns& campaigns, const NewCampaign& c, Millis now = kT0) {
  auto id = campaigns.CreateCampaign(c, now);
  REQUIRE(id.ok());
  return *id;
}

Campaign Get(Campaigns& campaigns, int64_t id) {
  auto c = campaigns.GetCampaign(id);
  REQUIRE(c.ok());
  REQUIRE(c->has_value());
  return **c;
}

int64_t AddContact(Store& store, const std::string& number, const std::string& name, Fields attributes,
                   std::vector<std::string> groups) {
  ContactChange c;
  c.number = number;
  c.name = name;
  for (auto& [k, v] : attributes) c.attributes[k] = v;
  c.groups = std::move(groups);
  auto id = store.contacts().CreateContact(c, /*create_groups=*/true, kT0);
  REQUIRE(id.ok());
  return *id;
}

std::vector<AudienceMember> Members(Campaigns& campaigns, const CampaignAudience& audience) {
  std::vector<AudienceMember> out;
  Status s = campaigns.ForEachAudienceMember(audience, [&](const AudienceMember& m) {
    out.push_back(m);
    return Status::Ok();
  });
  REQUIRE(s.ok());
  return out;
}

std::vector<std::string> NumbersOf(const std::vector<AudienceMember>& members) {
  std::vector<std::string> out;
  for (const AudienceMember& m : members) out.push_back(m.number);
  return out;
}

std::vector<CampaignRecipient> Pending(Campaigns& campaigns, int64_t id, int limit = 1000) {
  auto p = campaigns.PendingRecipients(id, limit);
  REQUIRE(p.ok());
  return *p;
}

// Queues a message for each pending recipient through the real queue and
// records the outcomes, the way the engine does; variant i % variants.
std::vector<int64_t> QueueAll(Store& store, int64_t id, int variants = 1, int segments = 1) {
  std::vector<CampaignRecipient> pending = Pending(store.campaigns(), id);
  std::vector<NewMessage> messages;
  for (const CampaignRecipient& r : pending) {
    NewMessage m;
    m.to = r.number;
    m.text = "Merhaba " + r.fields.at("number");
    m.encoding = "gsm7";
    m.segments = segments;
    m.priority = Priority::kBulk;
    m.category = Category::kCommercial;
    m.campaign_id = id;
    m.report_requested = true;
    messages.push_back(m);
  }
  auto queued = store.queue().EnqueueBatch(messages, kT0);
  REQUIRE(queued.ok());
  std::vector<RecipientOutcome> outcomes;
  std::vector<int64_t> ids;
  for (size_t i = 0; i < pending.size(); ++i) {
    outcomes.push_back({pending[i].seq, (*queued)[i].id, "", static_cast<int>(i) % variants});
    ids.push_back((*queued)[i].id);
  }
  REQUIRE(store.campaigns().RecordOutcomes(id, outcomes).ok());
  return ids;
}

// Claims the next message on `modem` and has the SMSC take all of it at `at`.
int64_t SendNext(Store& store, const std::string& modem, Millis at, int mr = 1) {
  auto m = store.queue().ClaimNext(modem, at);
  REQUIRE(m.ok());
  REQUIRE(m->has_value());
  for (int seq = 1; seq <= (*m)->segments; ++seq) {
    REQUIRE(store.queue().MarkSegmentSent((*m)->id, seq, modem, mr + seq - 1, at).ok());
  }
  REQUIRE(store.queue().MarkSent((*m)->id, at).ok());
  return (*m)->id;
}

MessageState StateOf(Store& store, int64_t message) {
  auto m = store.queue().GetMessage(message);
  REQUIRE(m.ok());
  REQUIRE(m->has_value());
  return (*m)->state;
}

}  // namespace

TEST_CASE("EveryCampaignStateHasANameThatParsesBack", "[store][campaigns]") {
  auto [state, name] = GENERATE(table<CampaignState, std::string>({
      {CampaignState::kDraft, "draft"},
      {CampaignState::kScheduled, "scheduled"},
      {CampaignState::kRunning, "running"},
      {CampaignState::kPaused, "paused"},
      {CampaignState::kCompleted, "completed"},
      {CampaignState::kCancelled, "cancelled"},
  }));
  CHECK(CampaignStateName(state) == name);
  CHECK(ParseCampaignState(name) == state);
  CHECK(ParseCampaignState(name + "x") == std::nullopt);
}

TEST_CASE("ACampaignIsReadBackAsDraftedWithNoRecipientsYet", "[store][campaigns]") {
  auto store = MemoryStore();
  NewCampaign c;
  c.name = "Bahar indirimi";
  c.variants = {{"A", "İndirim {name|}", 3}, {"B", "Fırsat {city|}", 1}};
  c.audience.rows = {{{"number", "+905320000001"}, {"name", "Ayşe"}, {"code", "X1"}}};
  c.audience.numbers = {"+905320000002"};
  c.audience.groups = {"vip"};
  c.audience.filter = {{"city", "Ankara"}};
  c.category = Category::kInformational;
  c.send_at = kT0 + kHour;
  c.end_at = kT0 + 5 * kHour;
  c.rate_per_minute = 120;
  c.footer = false;
  const int64_t id = Create(store->campaigns(), c, kT0 + 7);
  const Campaign got = Get(store->campaigns(), id);
  CHECK(got.id == id);
  CHECK(got.state == CampaignState::kDraft);
  CHECK(got.created_at == kT0 + 7);
  CHECK(got.started_at == std::nullopt);
  CHECK(got.finished_at == std::nullopt);
  CHECK(got.spec.name == c.name);
  REQUIRE(got.spec.variants.size() == 2);
  CHECK(got.spec.variants[0].name == "A");
  CHECK(got.spec.variants[0].text == "İndirim {name|}");
  CHECK(got.spec.variants[0].weight == 3);
  CHECK(got.spec.variants[1].name == "B");
  // The uploaded rows stay in the store: counted here, streamed by
  // ForEachCampaignMember.
  CHECK(got.spec.audience.rows.empty());
  CHECK(got.audience_rows == 1);
  CHECK(got.spec.audience.numbers == c.audience.numbers);
  CHECK(got.spec.audience.groups == c.audience.groups);
  CHECK(got.spec.audience.filter == c.audience.filter);
  CHECK(got.spec.category == Category::kInformational);
  CHECK(got.spec.send_at == kT0 + kHour);
  CHECK(got.spec.end_at == kT0 + 5 * kHour);
  CHECK(got.spec.rate_per_minute == 120);
  CHECK_FALSE(got.spec.footer);
  CHECK(got.counts.recipients == 0);
  CHECK(got.counts.pending == 0);
  auto missing = store->campaigns().GetCampaign(id + 1);
  REQUIRE(missing.ok());
  CHECK_FALSE(missing->has_value());
}

TEST_CASE("AMalformedCampaignIsRefusedNamingTheField", "[store][campaigns]") {
  auto [what, field] = GENERATE(table<std::string, std::string>({
      {"no name", "name"},
      {"no variant", "variants"},
      {"weight 0", "variants[0].weight"},
      {"empty text", "variants[0].text"},
      {"repeated variant", "variants[1].name"},
      {"unnamed variant among several", "variants[1].name"},
      {"row without number", "audience.rows[1].number"},
      {"empty number", "audience.numbers[0]"},
      {"negative rate", "rate_per_minute"},
      {"end before start", "end_at"},
  }));
  NewCampaign c = Draft("x");
  c.audience.rows = {{{"number", "+905320000001"}}};
  if (what == "no name") c.name = "";
  if (what == "no variant") c.variants.clear();
  if (what == "weight 0") c.variants[0].weight = 0;
  if (what == "empty text") c.variants[0].text = "";
  if (what == "repeated variant") c.variants = {{"A", "a", 1}, {"A", "b", 1}};
  if (what == "unnamed variant among several") c.variants = {{"A", "a", 1}, {"", "b", 1}};
  if (what == "row without number") c.audience.rows.push_back({{"name", "Ali"}});
  if (what == "empty number") c.audience.numbers = {""};
  if (what == "negative rate") c.rate_per_minute = -1;
  if (what == "end before start") {
    c.send_at = kT0;
    c.end_at = kT0;
  }
  auto store = MemoryStore();
  auto id = store->campaigns().CreateCampaign(c, kT0);
  INFO(what);
  REQUIRE_FALSE(id.ok());
  CHECK(id.error().code == ErrorCode::kInvalidArgument);
  CHECK_THAT(id.error().message, Catch::Contains(field + ":"));
  auto page = store->campaigns().ListCampaigns(10, "");
  REQUIRE(page.ok());
  CHECK(page->items.empty());
}

TEST_CASE("CampaignsAreListedNewestFirstAPageAtATime", "[store][campaigns]") {
  auto store = MemoryStore();
  std::vector<int64_t> ids;
  for (int i = 0; i < 5; ++i) ids.push_back(Create(store->campaigns(), Draft("c" + std::to_string(i))));
  auto first = store->campaigns().ListCampaigns(2, "");
  REQUIRE(first.ok());
  REQUIRE(first->items.size() == 2);
  CHECK(first->items[0].id == ids[4]);
  CHECK(first->items[1].id == ids[3]);
  REQUIRE_FALSE(first->next_cursor.empty());
  auto second = store->campaigns().ListCampaigns(3, first->next_cursor);
  REQUIRE(second.ok());
  REQUIRE(second->items.size() == 3);
  CHECK(second->items[0].id == ids[2]);
  CHECK(second->items[2].id == ids[0]);
  CHECK(second->next_cursor.empty());
  CHECK(second->items[2].spec.name == "c0");

  auto bad_limit = store->campaigns().ListCampaigns(0, "");
  REQUIRE_FALSE(bad_limit.ok());
  CHECK(bad_limit.error().code == ErrorCode::kInvalidArgument);
  CHECK_THAT(bad_limit.error().message, Catch::Contains("limit"));
  auto foreign = store->campaigns().ListCampaigns(2, "m5");  // a messages cursor
  REQUIRE_FALSE(foreign.ok());
  CHECK(foreign.error().code == ErrorCode::kInvalidArgument);
  CHECK_THAT(foreign.error().message, Catch::Contains("cursor"));
}

TEST_CASE("TransitionIsACompareAndSetThatStampsStartAndFinish", "[store][campaigns]") {
  auto store = MemoryStore();
  Campaigns& campaigns = store->campaigns();
  const int64_t id = Create(campaigns, Draft("c"));
  auto wrong = campaigns.Transition(id, CampaignState::kRunning, CampaignState::kPaused, kT0 + 1);
  REQUIRE(wrong.ok());
  CHECK_FALSE(*wrong);
  CHECK(Get(campaigns, id).state == CampaignState::kDraft);

  auto started = campaigns.Transition(id, CampaignState::kDraft, CampaignState::kScheduled, kT0 + 2);
  REQUIRE(started.ok());
  CHECK(*started);
  CHECK(Get(campaigns, id).state == CampaignState::kScheduled);
  CHECK(Get(campaigns, id).started_at == kT0 + 2);
  // Leaving scheduled does not move the start.
  REQUIRE(*campaigns.Transition(id, CampaignState::kScheduled, CampaignState::kRunning, kT0 + 3));
  REQUIRE(*campaigns.Transition(id, CampaignState::kRunning, CampaignState::kPaused, kT0 + 4));
  REQUIRE(*campaigns.Transition(id, CampaignState::kPaused, CampaignState::kRunning, kT0 + 5));
  CHECK(Get(campaigns, id).started_at == kT0 + 2);
  CHECK(Get(campaigns, id).finished_at == std::nullopt);
  // Two engines racing to finish: only one wins.
  CHECK(*campaigns.Transition(id, CampaignState::kRunning, CampaignState::kCompleted, kT0 + 6));
  CHECK_FALSE(*campaigns.Transition(id, CampaignState::kRunning, CampaignState::kCancelled, kT0 + 7));
  const Campaign done = Get(campaigns, id);
  CHECK(done.state == CampaignState::kCompleted);
  CHECK(done.finished_at == kT0 + 6);
  CHECK_FALSE(*campaigns.Transition(id + 1, CampaignState::kDraft, CampaignState::kRunning, kT0));
}

TEST_CASE("OnlyScheduledRunningAndPausedCampaignsAreActiveOldestFirst", "[store][campaigns]") {
  auto store = MemoryStore();
  Campaigns& campaigns = store->campaigns();
  const int64_t draft = Create(campaigns, Draft("draft"));
  const int64_t running = Create(campaigns, Draft("running"));
  const int64_t done = Create(campaigns, Draft("done"));
  const int64_t paused = Create(campaigns, Draft("paused"));
  const int64_t scheduled = Create(campaigns, Draft("scheduled"));
  REQUIRE(*campaigns.Transition(running, CampaignState::kDraft, CampaignState::kRunning, kT0));
  REQUIRE(*campaigns.Transition(done, CampaignState::kDraft, CampaignState::kCancelled, kT0));
  REQUIRE(*campaigns.Transition(paused, CampaignState::kDraft, CampaignState::kRunning, kT0));
  REQUIRE(*campaigns.Transition(paused, CampaignState::kRunning, CampaignState::kPaused, kT0));
  REQUIRE(*campaigns.Transition(scheduled, CampaignState::kDraft, CampaignState::kScheduled, kT0));
  auto active = campaigns.ActiveCampaigns();
  REQUIRE(active.ok());
  std::vector<int64_t> ids;
  for (const Campaign& c : *active) ids.push_back(c.id);
  CHECK(ids == std::vector<int64_t>{running, paused, scheduled});
  (void)draft;
}

TEST_CASE("TheAudienceComesRowsThenNumbersThenContactsEachNumberOnce", "[store][campaigns]") {
  auto store = MemoryStore();
  // Contacts by id: 1 vip/Ankara, 2 vip+new/İzmir, 3 no group/Ankara,
  // 4 new/Ankara gold, 5 no group/Bursa.
  AddContact(*store, "+905320000011", "Ali", {{"city", "Ankara"}}, {"vip"});
  AddContact(*store, "+905320000012", "Banu", {{"city", "İzmir"}}, {"vip", "new"});
  AddContact(*store, "+905320000013", "Cem", {{"city", "Ankara"}}, {});
  AddContact(*store, "+905320000014", "Derya", {{"city", "Ankara"}, {"tier", "gold"}}, {"new"});
  AddContact(*store, "+905320000015", "Ece", {{"city", "Bursa"}}, {});

  CampaignAudience rows_and_numbers;
  rows_and_numbers.rows = {{{"number", "+905320000012"}, {"code", "R1"}},
                           {{"number", "+905320000001"}, {"code", "R2"}},
                           {{"number", "+905320000012"}, {"code", "R3"}}};  // repeated: the first wins
  rows_and_numbers.numbers = {"+905320000002", "+905320000001", "+905320000011"};

  auto [name, groups, filter, expected] =
      GENERATE_COPY(table<std::string, std::vector<std::string>, Fields, std::vector<std::string>>({
          {"rows and numbers only", {}, {}, {"+905320000012", "+905320000001", "+905320000002", "+905320000011"}},
          {"a group",
           {"vip"},
           {},
           {"+905320000012", "+905320000001", "+905320000002", "+905320000011"}},  // both vip already came
          {"two groups, by contact id",
           {"new", "vip"},
           {},
           {"+905320000012", "+905320000001", "+905320000002", "+905320000011", "+905320000014"}},
          {"a filter alone reads every contact",
           {},
           {{"city", "Ankara"}},
           {"+905320000012", "+905320000001", "+905320000002", "+905320000011", "+905320000013", "+905320000014"}},
          {"groups and a filter of two attributes",
           {"new", "vip"},
           {{"city", "Ankara"}, {"tier", "gold"}},
           {"+905320000012", "+905320000001", "+905320000002", "+905320000011", "+905320000014"}},
      }));
  CampaignAudience audience = rows_and_numbers;
  audience.groups = groups;
  audience.filter = filter;
  const std::vector<AudienceMember> members = Members(store->campaigns(), audience);
  INFO(name);
  CHECK(NumbersOf(members) == expected);
  // Fields: a row's columns, a bare number's number, a contact's
  // attributes with name and number.
  CHECK(members[0].fields == Fields{{"number", "+905320000012"}, {"code", "R1"}});
  CHECK(members[2].fields == Fields{{"number", "+905320000002"}});
  for (const AudienceMember& m : members) {
    if (m.number == "+905320000014") {
      CHECK(m.fields == Fields{{"city", "Ankara"}, {"tier", "gold"}, {"name", "Derya"}, {"number", "+905320000014"}});
    }
  }

  // Stored, the campaign streams the same members in the same order.
  NewCampaign c = Draft("c", audience);
  const int64_t id = Create(store->campaigns(), c);
  std::vector<AudienceMember> stored;
  Status walked = store->campaigns().ForEachCampaignMember(id, [&](const AudienceMember& m) {
    stored.push_back(m);
    return Status::Ok();
  });
  REQUIRE(walked.ok());
  REQUIRE(stored.size() == members.size());
  for (size_t i = 0; i < stored.size(); ++i) {
    CHECK(stored[i].number == members[i].number);
    CHECK(stored[i].fields == members[i].fields);
  }

  // Resolved, the recipients are the same members in the same order.
  auto resolved = store->campaigns().ResolveRecipients(id);
  REQUIRE(resolved.ok());
  CHECK(*resolved == static_cast<int64_t>(expected.size()));
  const std::vector<CampaignRecipient> pending = Pending(store->campaigns(), id);
  REQUIRE(pending.size() == members.size());
  for (size_t i = 0; i < pending.size(); ++i) {
    CHECK(pending[i].seq == static_cast<int64_t>(i) + 1);
    CHECK(pending[i].number == members[i].number);
    CHECK(pending[i].fields == members[i].fields);
    CHECK(pending[i].state == "pending");
  }
}

TEST_CASE("AContactsAttributeNamedNameOrNumberIsOverriddenByTheContactsOwn", "[store][campaigns]") {
  auto store = MemoryStore();
  AddContact(*store, "+905320000011", "Ali", {{"name", "nickname"}, {"number", "0532"}}, {"vip"});
  CampaignAudience a;
  a.groups = {"vip"};
  const auto members = Members(store->campaigns(), a);
  REQUIRE(members.size() == 1);
  CHECK(members[0].fields == Fields{{"name", "Ali"}, {"number", "+905320000011"}});
}

TEST_CASE("AGroupThatDoesNotExistIsNotFoundAndResolvesNothing", "[store][campaigns]") {
  auto store = MemoryStore();
  AddContact(*store, "+905320000011", "Ali", {}, {"vip"});
  CampaignAudience a = Numbers({"+905320000001"});
  a.groups = {"vip", "ghosts"};
  int visited = 0;
  Status s = store->campaigns().ForEachAudienceMember(a, [&](const AudienceMember&) {
    ++visited;
    return Status::Ok();
  });
  REQUIRE_FALSE(s.ok());
  CHECK(s.error().code == ErrorCode::kNotFound);
  CHECK_THAT(s.error().message, Catch::Contains("ghosts"));
  CHECK(visited == 0);

  const int64_t id = Create(store->campaigns(), Draft("c", a));
  Status stored = store->campaigns().ForEachCampaignMember(id, [&](const AudienceMember&) {
    ++visited;
    return Status::Ok();
  });
  REQUIRE_FALSE(stored.ok());
  CHECK(stored.error().code == ErrorCode::kNotFound);
  CHECK_THAT(stored.error().message, Catch::Contains("ghosts"));
  CHECK(visited == 0);
  Status no_campaign = store->campaigns().ForEachCampaignMember(id + 1, [](const AudienceMember&) { return Status::Ok(); });
  REQUIRE_FALSE(no_campaign.ok());
  CHECK(no_campaign.error().code == ErrorCode::kNotFound);

  auto resolved = store->campaigns().ResolveRecipients(id);
  REQUIRE_FALSE(resolved.ok());
  CHECK(resolved.error().code == ErrorCode::kNotFound);
  CHECK_THAT(resolved.error().message, Catch::Contains("ghosts"));
  CHECK(Pending(store->campaigns(), id).empty());
  // Once the group exists, the campaign resolves.
  REQUIRE(store->contacts().CreateGroup("ghosts", "", kT0).ok());
  CHECK(*store->campaigns().ResolveRecipients(id) == 2);

  auto missing = store->campaigns().ResolveRecipients(id + 1);
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().code == ErrorCode::kNotFound);
}

TEST_CASE("TheVisitorsErrorStopsTheWalkAndComesBack", "[store][campaigns]") {
  auto store = MemoryStore();
  AddContact(*store, "+905320000011", "Ali", {}, {"vip"});
  AddContact(*store, "+905320000012", "Banu", {}, {"vip"});
  auto stop_at = GENERATE(1, 2, 3);  // a number, then each contact
  CampaignAudience a = Numbers({"+905320000001"});
  a.groups = {"vip"};
  int visited = 0;
  Status s = store->campaigns().ForEachAudienceMember(a, [&](const AudienceMember&) -> Status {
    if (++visited == stop_at) return tellal::Error::Unavailable("stop here");
    return Status::Ok();
  });
  REQUIRE_FALSE(s.ok());
  CHECK(s.error().code == ErrorCode::kUnavailable);
  CHECK(s.error().message == "stop here");
  CHECK(visited == stop_at);
}

TEST_CASE("RecipientsAreResolvedOnceAndLaterContactsDoNotJoin", "[store][campaigns]") {
  auto store = MemoryStore();
  AddContact(*store, "+905320000011", "Ali", {}, {"vip"});
  CampaignAudience a = Numbers({"+905320000001"});
  a.groups = {"vip"};
  const int64_t id = Create(store->campaigns(), Draft("c", a));
  CHECK(*store->campaigns().ResolveRecipients(id) == 2);
  AddContact(*store, "+905320000012", "Banu", {}, {"vip"});
  CHECK(*store->campaigns().ResolveRecipients(id) == 2);
  CHECK(Pending(store->campaigns(), id).size() == 2);
  const Campaign c = Get(store->campaigns(), id);
  CHECK(c.counts.recipients == 2);
  CHECK(c.counts.pending == 2);

  // Even an audience of nobody is resolved once.
  CampaignAudience nobody;
  nobody.groups = {"empty"};
  REQUIRE(store->contacts().CreateGroup("empty", "", kT0).ok());
  const int64_t empty = Create(store->campaigns(), Draft("e", nobody));
  CHECK(*store->campaigns().ResolveRecipients(empty) == 0);
  AddContact(*store, "+905320000013", "Cem", {}, {"empty"});
  CHECK(*store->campaigns().ResolveRecipients(empty) == 0);
  CHECK(Pending(store->campaigns(), empty).empty());
}

TEST_CASE("PendingRecipientsBecomeMessagesOrRejectionsAndCountsFollowTheMessages", "[store][campaigns]") {
  auto store = MemoryStore();
  Campaigns& campaigns = store->campaigns();
  const int64_t id =
      Create(campaigns, Draft("c", Numbers({"+905320000001", "+905320000002", "+905320000003", "+905320000004"})));
  REQUIRE(*campaigns.ResolveRecipients(id) == 4);
  const std::vector<CampaignRecipient> first = Pending(campaigns, id, 3);
  REQUIRE(first.size() == 3);
  CHECK(first[0].seq == 1);
  CHECK(first[2].seq == 3);

  NewMessage m;
  m.to = first[0].number;
  m.text = "a";
  m.encoding = "gsm7";
  m.campaign_id = id;
  auto a = store->queue().Enqueue(m, kT0);
  m.to = first[1].number;
  auto b = store->queue().Enqueue(m, kT0);
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  REQUIRE(
      campaigns.RecordOutcomes(id, {{1, a->id, "", 0}, {2, b->id, "", 0}, {3, std::nullopt, "field 'name' missing", 0}})
          .ok());
  // A recipient already decided is left alone.
  REQUIRE(campaigns.RecordOutcomes(id, {{3, std::nullopt, "other", 0}, {1, b->id, "", 0}}).ok());

  const std::vector<CampaignRecipient> rest = Pending(campaigns, id);
  REQUIRE(rest.size() == 1);
  CHECK(rest[0].seq == 4);
  Campaign c = Get(campaigns, id);
  CHECK(c.counts.recipients == 4);
  CHECK(c.counts.pending == 1);
  CHECK(c.counts.rejected == 1);
  CHECK(c.counts.queued == 2);
  CHECK(c.counts.sent == 0);

  SendNext(*store, "sim1", kT0 + 1);                                // a
  REQUIRE(store->queue().ClaimNext("sim1", kT0 + 2)->has_value());  // b: sending
  c = Get(campaigns, id);
  CHECK(c.counts.queued == 0);
  CHECK(c.counts.sending == 1);
  CHECK(c.counts.sent == 1);
  auto list = campaigns.ListRecipients(id, std::nullopt, 10, "");
  REQUIRE(list.ok());
  REQUIRE(list->items.size() == 4);
  CHECK(list->items[0].message_id == a->id);
  CHECK(list->items[0].state == "sent");
  CHECK(list->items[0].modem == "sim1");
  CHECK(list->items[2].state == "rejected");
  CHECK(list->items[2].reason == "field 'name' missing");
  CHECK(list->items[2].message_id == std::nullopt);

  auto bad = campaigns.RecordOutcomes(id, {{4, std::nullopt, "", 0}});
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().code == ErrorCode::kInvalidArgument);
  CHECK_THAT(bad.error().message, Catch::Contains("outcomes[0].rejected_reason"));
  CHECK(Pending(campaigns, id).size() == 1);
  auto zero = campaigns.PendingRecipients(id, 0);
  REQUIRE_FALSE(zero.ok());
  CHECK(zero.error().code == ErrorCode::kInvalidArgument);
}

TEST_CASE("APausedCampaignsQueuedMessagesAreHeldAndReleasedSpacedInIdOrder", "[store][campaigns]") {
  auto store = MemoryStore();
  Campaigns& campaigns = store->campaigns();
  const int64_t id =
      Create(campaigns, Draft("c", Numbers({"+905320000001", "+905320000002", "+905320000003", "+905320000004"})));
  REQUIRE(*campaigns.ResolveRecipients(id) == 4);
  const std::vector<int64_t> ids = QueueAll(*store, id);
  NewMessage other;
  other.to = "+905329999999";
  other.text = "not a campaign's";
  other.encoding = "gsm7";
  other.priority = Priority::kBulk;
  auto outside = store->queue().Enqueue(other, kT0 + 1);
  REQUIRE(outside.ok());

  auto sending = store->queue().ClaimNext("sim1", kT0 + 1);  // ids[0]: sending, not held
  REQUIRE(sending.ok());
  REQUIRE((*sending)->id == ids[0]);
  auto held = campaigns.HoldQueued(id);
  REQUIRE(held.ok());
  CHECK(*held == 3);
  CHECK(*campaigns.HoldQueued(id) == 0);  // already held
  // Only the other message can be claimed while paused.
  auto next = store->queue().ClaimNext("sim1", kT0 + 10 * kHour);
  REQUIRE(next.ok());
  REQUIRE(next->has_value());
  CHECK((*next)->id == outside->id);
  CHECK(*store->queue().ClaimNext("sim1", kT0 + 10 * kHour) == std::nullopt);
  CHECK_FALSE(*campaigns.IsFinished(id));

  auto released = campaigns.ReleaseHeld(id, kT0 + 20 * kHour, 500);
  REQUIRE(released.ok());
  CHECK(*released == 3);
  for (size_t i = 1; i < ids.size(); ++i) {
    auto m = store->queue().GetMessage(ids[i]);
    REQUIRE(m.ok());
    CHECK((*m)->not_before == kT0 + 20 * kHour + static_cast<Millis>(i - 1) * 500);
    CHECK((*m)->state == MessageState::kQueued);
  }
  CHECK(*campaigns.ReleaseHeld(id, kT0 + 30 * kHour, 500) == 0);
  auto resumed = store->queue().ClaimNext("sim1", kT0 + 20 * kHour);
  REQUIRE(resumed.ok());
  REQUIRE(resumed->has_value());
  CHECK((*resumed)->id == ids[1]);
}

TEST_CASE("AMultipartMessageWithPartsOutIsNotHeldByAPause", "[store][campaigns]") {
  // Its remaining parts must follow on the same SIM before resume_until, or
  // the recipient gets half a message.
  auto store = MemoryStore();
  Campaigns& campaigns = store->campaigns();
  const int64_t id = Create(campaigns, Draft("c", Numbers({"+905320000001", "+905320000002"})));
  REQUIRE(*campaigns.ResolveRecipients(id) == 2);
  const std::vector<int64_t> ids = QueueAll(*store, id, 1, /*segments=*/2);
  auto claimed = store->queue().ClaimNext("sim1", kT0);
  REQUIRE(claimed.ok());
  REQUIRE((*claimed)->id == ids[0]);
  REQUIRE(store->queue().MarkSegmentSent(ids[0], 1, "sim1", 7, kT0).ok());
  REQUIRE(store->queue().Pause(ids[0], kT0 + 1000, kT0 + kHour, {"CMS 42", "congestion"}).ok());
  REQUIRE(StateOf(*store, ids[0]) == MessageState::kQueued);
  CHECK(*campaigns.HoldQueued(id) == 1);
  CHECK(store->queue().GetMessage(ids[0])->value().not_before == kT0 + 1000);
  CHECK(store->queue().GetMessage(ids[1])->value().not_before == kHeldByPause);
}

TEST_CASE("CancellingEndsQueuedMessagesAndPendingRecipientsOnly", "[store][campaigns]") {
  auto store = MemoryStore();
  Campaigns& campaigns = store->campaigns();
  const int64_t id = Create(
      campaigns,
      Draft("c", Numbers({"+905320000001", "+905320000002", "+905320000003", "+905320000004", "+905320000005"})));
  REQUIRE(*campaigns.ResolveRecipients(id) == 5);
  // Three become messages; two stay pending.
  std::vector<CampaignRecipient> chunk = Pending(campaigns, id, 3);
  std::vector<NewMessage> messages;
  for (const CampaignRecipient& r : chunk) {
    NewMessage m;
    m.to = r.number;
    m.text = "x";
    m.encoding = "gsm7";
    m.campaign_id = id;
    messages.push_back(m);
  }
  auto queued = store->queue().EnqueueBatch(messages, kT0);
  REQUIRE(queued.ok());
  REQUIRE(
      campaigns
          .RecordOutcomes(id, {{1, (*queued)[0].id, "", 0}, {2, (*queued)[1].id, "", 0}, {3, (*queued)[2].id, "", 0}})
          .ok());
  const int64_t sent = SendNext(*store, "sim1", kT0 + 1);
  CHECK_FALSE(*campaigns.IsFinished(id));

  auto cancelled = campaigns.CancelQueued(id, kT0 + 5);
  REQUIRE(cancelled.ok());
  CHECK(*cancelled == 2);
  CHECK(StateOf(*store, sent) == MessageState::kSent);
  auto m = store->queue().GetMessage((*queued)[1].id);
  REQUIRE(m.ok());
  CHECK((*m)->state == MessageState::kCancelled);
  CHECK((*m)->cancelled_at == kT0 + 5);
  CHECK(Pending(campaigns, id).empty());
  const Campaign c = Get(campaigns, id);
  CHECK(c.counts.cancelled == 4);  // two messages, two recipients never queued
  CHECK(c.counts.sent == 1);
  CHECK(c.counts.pending == 0);
  CHECK(*campaigns.IsFinished(id));
  auto counts = store->queue().CountQueued();
  REQUIRE(counts.ok());
  for (const auto& [priority, n] : *counts) CHECK(n == 0);  // the queue's own counts followed
  auto list = campaigns.ListRecipients(id, std::string("cancelled"), 10, "");
  REQUIRE(list.ok());
  REQUIRE(list->items.size() == 4);
  CHECK(list->items[0].message_id.has_value());
  CHECK(list->items[3].message_id == std::nullopt);
}

TEST_CASE("ACampaignIsFinishedOnlyWhenNothingIsPendingQueuedOrSending", "[store][campaigns]") {
  auto store = MemoryStore();
  Campaigns& campaigns = store->campaigns();
  const int64_t id = Create(campaigns, Draft("c", Numbers({"+905320000001", "+905320000002"})));
  CHECK(*campaigns.IsFinished(id));  // not resolved: nothing to do (the engine resolves first)
  REQUIRE(*campaigns.ResolveRecipients(id) == 2);
  CHECK_FALSE(*campaigns.IsFinished(id));
  QueueAll(*store, id);
  CHECK_FALSE(*campaigns.IsFinished(id));
  SendNext(*store, "sim1", kT0 + 1);
  auto last = store->queue().ClaimNext("sim1", kT0 + 2);
  REQUIRE(last.ok());
  CHECK_FALSE(*campaigns.IsFinished(id));  // sending
  REQUIRE(store->queue().MarkFailed((*last)->id, {"CMS 38", "network out of order"}, kT0 + 3).ok());
  CHECK(*campaigns.IsFinished(id));
}

TEST_CASE("RecipientsAreListedBySeqFilteredByTheirOrTheirMessagesState", "[store][campaigns]") {
  auto store = MemoryStore();
  Campaigns& campaigns = store->campaigns();
  REQUIRE(store->consents().Block("+905320000002", "complained", kT0).ok());
  const int64_t id = Create(
      campaigns,
      Draft("c", Numbers({"+905320000001", "+905320000002", "+905320000003", "+905320000004", "+905320000005"})));
  REQUIRE(*campaigns.ResolveRecipients(id) == 5);
  std::vector<CampaignRecipient> chunk = Pending(campaigns, id, 3);
  std::vector<NewMessage> messages;
  for (const CampaignRecipient& r : chunk) {
    NewMessage m;
    m.to = r.number;
    m.text = "x";
    m.encoding = "gsm7";
    m.campaign_id = id;
    m.category = Category::kCommercial;
    messages.push_back(m);
  }
  auto queued = store->queue().EnqueueBatch(messages, kT0);
  REQUIRE(queued.ok());
  REQUIRE(campaigns
              .RecordOutcomes(id, {{1, (*queued)[0].id, "", 0},
                                   {2, (*queued)[1].id, "", 0},
                                   {3, (*queued)[2].id, "", 0},
                                   {4, std::nullopt, "too long", 0}})
              .ok());
  SendNext(*store, "sim1", kT0 + 1);                        // seq 1: sent
  const int64_t third = SendNext(*store, "sim2", kT0 + 2);  // seq 2 is blocked: suppressed on the way
  CHECK(third == (*queued)[2].id);
  CHECK(StateOf(*store, (*queued)[1].id) == MessageState::kSuppressed);

  auto [state, seqs, reason] = GENERATE(table<std::string, std::vector<int64_t>, std::optional<std::string>>({
      {"sent", {1, 3}, std::nullopt},
      {"suppressed", {2}, std::string(kSuppressedBlocked)},
      {"rejected", {4}, std::string("too long")},
      {"pending", {5}, std::nullopt},
      {"queued", {}, std::nullopt},
      {"delivered", {}, std::nullopt},
  }));
  auto page = campaigns.ListRecipients(id, state, 10, "");
  REQUIRE(page.ok());
  std::vector<int64_t> got;
  for (const CampaignRecipient& r : page->items) {
    got.push_back(r.seq);
    CHECK(r.state == state);
    CHECK(r.reason == reason);
  }
  INFO(state);
  CHECK(got == seqs);

  // Paging by seq.
  auto first = campaigns.ListRecipients(id, std::nullopt, 2, "");
  REQUIRE(first.ok());
  REQUIRE(first->items.size() == 2);
  CHECK(first->items[1].seq == 2);
  CHECK(first->items[1].modem == std::nullopt);  // suppressed before any modem took it
  auto second = campaigns.ListRecipients(id, std::nullopt, 2, first->next_cursor);
  REQUIRE(second.ok());
  REQUIRE(second->items.size() == 2);
  CHECK(second->items[0].seq == 3);
  CHECK(second->items[0].modem == "sim2");
  CHECK(second->items[0].fields == Fields{{"number", "+905320000003"}});
  auto third_page = campaigns.ListRecipients(id, std::nullopt, 2, second->next_cursor);
  REQUIRE(third_page.ok());
  REQUIRE(third_page->items.size() == 1);
  CHECK(third_page->next_cursor.empty());

  auto unknown_state = campaigns.ListRecipients(id, std::string("lost"), 10, "");
  REQUIRE_FALSE(unknown_state.ok());
  CHECK(unknown_state.error().code == ErrorCode::kInvalidArgument);
  CHECK_THAT(unknown_state.error().message, Catch::Contains("state"));
  auto missing = campaigns.ListRecipients(id + 1, std::nullopt, 10, "");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().code == ErrorCode::kNotFound);
}

TEST_CASE("TheReportTalliesPerVariantAndModemWithRepliesAndOptOutsInsideTheWindow", "[store][campaigns]") {
  auto store = MemoryStore();
  Campaigns& campaigns = store->campaigns();
  NewCampaign draft = Draft("c", Numbers({"+905320000001", "+905320000002", "+905320000003", "+905320000004",
                                          "+905320000005", "+905320000006"}));
  draft.variants = {{"A", "a {number}", 1}, {"B", "b {number}", 1}};
  const int64_t id = Create(campaigns, draft);
  REQUIRE(*campaigns.ResolveRecipients(id) == 6);
  REQUIRE(store->consents().Block("+905320000005", "", kT0).ok());
  // Five become 2-segment messages (variants A B A B A), the sixth is rejected.
  std::vector<CampaignRecipient> pending = Pending(campaigns, id, 5);
  std::vector<NewMessage> messages;
  for (const CampaignRecipient& r : pending) {
    NewMessage m;
    m.to = r.number;
    m.text = "x";
    m.encoding = "gsm7";
    m.segments = 2;
    m.campaign_id = id;
    m.category = Category::kCommercial;
    m.report_requested = true;
    messages.push_back(m);
  }
  auto queued = store->queue().EnqueueBatch(messages, kT0);
  REQUIRE(queued.ok());
  std::vector<RecipientOutcome> outcomes;
  for (size_t i = 0; i < pending.size(); ++i) outcomes.push_back({pending[i].seq, (*queued)[i].id, "", int(i % 2)});
  outcomes.push_back({6, std::nullopt, "too long", 1});
  REQUIRE(campaigns.RecordOutcomes(id, outcomes).ok());

  const Millis sent_at = kT0 + kHour;
  SendNext(*store, "sim1", sent_at, 10);                        // +..01, A, sim1
  SendNext(*store, "sim2", sent_at, 20);                        // +..02, B, sim2
  const int64_t third = SendNext(*store, "sim1", sent_at, 30);  // +..03, A, sim1
  // +..04 (B) fails before being sent on sim2; +..05 (A) is blocked: suppressed.
  auto fourth = store->queue().ClaimNext("sim2", sent_at);
  REQUIRE(fourth.ok());
  REQUIRE(fourth->has_value());
  REQUIRE(store->queue().MarkFailed((*fourth)->id, {"CMS 21", "rejected"}, sent_at).ok());
  CHECK(*store->queue().ClaimNext("sim2", sent_at) == std::nullopt);  // the fifth was suppressed
  // +..03 is delivered (both parts).
  for (int mr : {30, 31}) {
    StatusReport report{"sim1", mr, "+905320000003", 0, "2026-06-01T10:00:00+03:00"};
    REQUIRE(store->queue().ApplyStatusReport(report, sent_at + 1000, kHour).ok());
  }
  REQUIRE(StateOf(*store, third) == MessageState::kDelivered);

  const Millis window = 72 * kHour;
  auto reply = [&](const std::string& from, Millis at, int ref) {
    InboundPart p;
    p.modem = "sim1";
    p.sender = from;
    p.ref = ref;
    p.text = "cevap " + std::to_string(ref);
    p.smsc_time = "2026-06-01T10:00:00+03:00";
    p.received_at = at;
    auto r = store->inbox().StoreInboundPart(p);
    REQUIRE(r.ok());
    REQUIRE(r->outcome == InboundOutcome::kCompleted);
  };
  reply("+905320000001", sent_at + 5000, 1);        // inside: A, sim1
  reply("+905320000001", sent_at + window, 2);      // inside, at the edge
  reply("+905320000002", sent_at + window + 1, 3);  // too late
  reply("+905320000002", sent_at - 1, 4);           // before it was sent
  reply("+905320000004", sent_at + 10, 5);          // its message was never sent
  reply("+905329999999", sent_at + 10, 6);          // not a recipient
  auto opt_out = [&](const std::string& number, Millis at) {
    NewConsent c;
    c.number = number;
    c.status = "RET";
    c.source = "HS_MESAJ";
    c.consent_date = at;
    REQUIRE(store->consents().RecordConsent(c, at).ok());
  };
  opt_out("+905320000002", sent_at + 2 * kHour);   // inside: B, sim2
  opt_out("+905320000003", sent_at + window + 5);  // too late

  auto report = campaigns.Report(id, window);
  REQUIRE(report.ok());
  const CampaignTally& t = report->total;
  CHECK(t.recipients == 6);
  CHECK(t.queued == 5);
  CHECK(t.sent == 3);
  CHECK(t.delivered == 1);
  CHECK(t.failed == 1);
  CHECK(t.suppressed == 1);
  CHECK(t.suppressed_by_reason == std::map<std::string, int64_t>{{std::string(kSuppressedBlocked), 1}});
  CHECK(t.rejected == 1);
  CHECK(t.segments == 6);  // three messages the SMSC took, two parts each
  CHECK(t.replies == 2);
  CHECK(t.opt_outs == 1);

  REQUIRE(report->by_variant.size() == 2);
  const CampaignTally& a = report->by_variant.at("A");
  CHECK(a.recipients == 3);
  CHECK(a.sent == 2);
  CHECK(a.delivered == 1);
  CHECK(a.suppressed == 1);
  CHECK(a.replies == 2);
  CHECK(a.opt_outs == 0);
  const CampaignTally& b = report->by_variant.at("B");
  CHECK(b.recipients == 3);
  CHECK(b.queued == 2);
  CHECK(b.sent == 1);
  CHECK(b.failed == 1);
  CHECK(b.rejected == 1);
  CHECK(b.opt_outs == 1);
  CHECK(b.segments == 2);

  REQUIRE(report->by_modem.size() == 2);
  CHECK(report->by_modem.at("sim1").sent == 2);
  CHECK(report->by_modem.at("sim1").segments == 4);
  CHECK(report->by_modem.at("sim1").replies == 2);
  CHECK(report->by_modem.at("sim2").sent == 1);
  CHECK(report->by_modem.at("sim2").failed == 1);
  CHECK(report->by_modem.at("sim2").opt_outs == 1);

  // A narrower window drops the reply at its edge.
  CHECK(campaigns.Report(id, window - 1)->total.replies == 1);
  auto missing = campaigns.Report(id + 1, window);
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().code == ErrorCode::kNotFound);
}

TEST_CASE("CampaignsSurviveReopeningTheFile", "[store][campaigns]") {
  // What the engine picks up after a restart: the campaign, its state and
  // its recipients, none queued twice.
  tellal::store::testing::TempDir dir;
  const std::string path = dir.File("campaigns.db");
  int64_t id = 0;
  {
    auto store = tellal::store::testing::FileStore(path);
    id = Create(store->campaigns(), Draft("c", Numbers({"+905320000001", "+905320000002"})));
    REQUIRE(*store->campaigns().Transition(id, CampaignState::kDraft, CampaignState::kRunning, kT0));
    REQUIRE(*store->campaigns().ResolveRecipients(id) == 2);
    const std::vector<CampaignRecipient> one = Pending(store->campaigns(), id, 1);
    NewMessage m;
    m.to = one[0].number;
    m.text = "x";
    m.encoding = "gsm7";
    m.campaign_id = id;
    auto queued = store->queue().Enqueue(m, kT0);
    REQUIRE(queued.ok());
    REQUIRE(store->campaigns().RecordOutcomes(id, {{one[0].seq, queued->id, "", 0}}).ok());
  }
  auto store = tellal::store::testing::FileStore(path);
  auto active = store->campaigns().ActiveCampaigns();
  REQUIRE(active.ok());
  REQUIRE(active->size() == 1);
  CHECK((*active)[0].id == id);
  CHECK((*active)[0].counts.recipients == 2);
  CHECK((*active)[0].counts.pending == 1);
  CHECK((*active)[0].counts.queued == 1);
  const std::vector<CampaignRecipient> rest = Pending(store->campaigns(), id);
  REQUIRE(rest.size() == 1);
  CHECK(rest[0].number == "+905320000002");
}

// --- Query plans ---------------------------------------------------------------------

TEST_CASE("EveryCampaignStatementSeeksItsRowsWithoutSorting", "[store][campaigns][plan]") {
  auto [name, statement, seek] = GENERATE(table<const char*, std::string_view, const char*>({
      {"kPendingRecipients", sql::kPendingRecipients,
       "SEARCH campaign_recipients USING INDEX campaign_recipients_by_state (campaign_id=? AND state=?)"},
      {"kRecipientCounts", sql::kRecipientCounts,
       "SEARCH campaign_recipients USING COVERING INDEX campaign_recipients_by_state (campaign_id=?)"},
      {"kAnyPending", sql::kAnyPending,
       "SEARCH campaign_recipients USING COVERING INDEX campaign_recipients_by_state (campaign_id=? AND state=?)"},
      {"kCancelPending", sql::kCancelPending, "campaign_recipients_by_state (campaign_id=? AND state=?)"},
      {"kRecipientQueued", sql::kRecipientQueued,
       "SEARCH campaign_recipients USING PRIMARY KEY (campaign_id=? AND seq=?)"},
      {"kRecipientRejected", sql::kRecipientRejected,
       "SEARCH campaign_recipients USING PRIMARY KEY (campaign_id=? AND seq=?)"},
      {"kMessageCounts", sql::kMessageCounts, "SEARCH messages USING INDEX messages_by_campaign (campaign_id=?)"},
      {"kAnyInFlight", sql::kAnyInFlight, "SEARCH messages USING INDEX messages_by_campaign (campaign_id=?)"},
      {"kHoldQueued", sql::kHoldQueued, "SEARCH messages USING INDEX messages_by_campaign (campaign_id=?)"},
      {"kCancelQueued", sql::kCancelQueued, "SEARCH messages USING INDEX messages_by_campaign (campaign_id=?)"},
      {"kReleaseHeld", sql::kReleaseHeld, "SEARCH messages USING INDEX messages_by_campaign (campaign_id=?)"},
      {"kListRecipients", sql::kListRecipients, "SEARCH r USING PRIMARY KEY (campaign_id=? AND seq>?)"},
      {"kListCampaigns", sql::kListCampaigns, "SEARCH campaigns USING INTEGER PRIMARY KEY (rowid<?)"},
      {"kActiveCampaigns", sql::kActiveCampaigns, "campaigns_active"},
      {"kGetCampaign", sql::kGetCampaign, "SEARCH campaigns USING INTEGER PRIMARY KEY (rowid=?)"},
      {"kSetRecipients", sql::kSetRecipients, "SEARCH campaigns USING INTEGER PRIMARY KEY (rowid=?)"},
      {"kTransition", sql::kTransition, "SEARCH campaigns USING INTEGER PRIMARY KEY (rowid=?)"},
  }));
  auto db = MigratedDatabase();
  const std::string plan = QueryPlan(*db, statement);
  INFO(name << ":\n" << plan);
  CHECK_THAT(plan, Catch::Contains(seek));
  CHECK_THAT(plan, !Catch::Contains("SCAN campaign_recipients") && !Catch::Contains("SCAN messages") &&
                       !Catch::Contains("SCAN r") && !Catch::Contains("SCAN m"));
  CHECK_THAT(plan, !Catch::Contains("TEMP B-TREE"));
}

TEST_CASE("TheReportSeeksEachRecipientsRepliesAndOptOuts", "[store][campaigns][plan]") {
  auto db = MigratedDatabase();
  const std::string plan = QueryPlan(*db, sql::kReportRows);
  INFO(plan);
  CHECK_THAT(plan, Catch::Contains("SEARCH r USING PRIMARY KEY (campaign_id=?)"));
  CHECK_THAT(plan, Catch::Contains("SEARCH m USING INTEGER PRIMARY KEY (rowid=?)"));
  CHECK_THAT(plan, Catch::Contains("SEARCH i USING INDEX inbox_by_sender (sender=?)"));
  CHECK_THAT(plan, Catch::Contains("SEARCH k USING INDEX consents_by_number (number=? AND consent_date>? AND "
                                   "consent_date<?)"));
  CHECK_THAT(plan, !Catch::Contains("SCAN i") && !Catch::Contains("SCAN k"));
}

TEST_CASE("AudienceContactsStreamInIdOrderWithoutATemporaryTable", "[store][campaigns][plan]") {
  // The walk is the contacts table in rowid order: a sort or a temporary
  // b-tree would hold the whole audience before the first member.
  auto db = MigratedDatabase();
  const std::string plan = QueryPlan(*db, sql::kAudienceContacts);
  INFO(plan);
  CHECK_THAT(plan, Catch::Contains("SCAN c"));
  CHECK_THAT(plan, Catch::Contains("SEARCH m USING COVERING INDEX group_members_by_contact (contact_id=?"));
  CHECK_THAT(plan, Catch::Contains("SEARCH x USING PRIMARY KEY (contact_id=? AND key=?)"));
  CHECK_THAT(plan, !Catch::Contains("TEMP B-TREE"));
  for (std::string_view source : {sql::kSpecRows, sql::kSpecNumbers}) {
    const std::string spec = QueryPlan(*db, source);
    INFO(spec);
    CHECK_THAT(spec, Catch::Contains("SEARCH c USING INTEGER PRIMARY KEY (rowid=?)"));
    CHECK_THAT(spec, !Catch::Contains("TEMP B-TREE"));
  }
}
