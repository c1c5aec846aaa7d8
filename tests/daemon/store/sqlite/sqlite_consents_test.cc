#include "daemon/store/sqlite/sqlite_consents.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "daemon/store/sqlite/bind_and_run.h"
#include "daemon/store/sqlite/consents_sql.h"
#include "store_testing.h"

using namespace tellal::store;
using tellal::ErrorCode;
using tellal::store::testing::MemoryStore;
using tellal::store::testing::MigratedDatabase;
using tellal::store::testing::QueryPlan;

namespace {

constexpr Millis kT0 = 1'780'000'000'000;

NewConsent Consent(const std::string& number, const std::string& status, Millis date,
                   const std::string& source = "HS_WEB") {
  NewConsent c;
  c.number = number;
  c.status = status;
  c.source = source;
  c.consent_date = date;
  return c;
}

}  // namespace

TEST_CASE("TheCurrentStatusIsTheRecordWithTheLatestConsentDate", "[store][consents]") {
  auto store = MemoryStore();
  Consents& consents = store->consents();
  REQUIRE(consents.RecordConsent(Consent("+905320000001", "ONAY", kT0), kT0).ok());
  CHECK(*consents.Suppressed("+905320000001") == Suppression::kNone);
  REQUIRE(consents.RecordConsent(Consent("+905320000001", "RET", kT0 + 10, "HS_MESAJ"), kT0 + 10).ok());
  CHECK(*consents.Suppressed("+905320000001") == Suppression::kOptedOut);
  // An older registry record imported late does not undo the refusal.
  REQUIRE(consents.RecordConsent(Consent("+905320000001", "ONAY", kT0 + 5, "IYS"), kT0 + 20).ok());
  CHECK(*consents.Suppressed("+905320000001") == Suppression::kOptedOut);
  auto current = consents.CurrentConsent("+905320000001");
  REQUIRE(current.ok());
  REQUIRE(current->has_value());
  CHECK((*current)->consent.source == "HS_MESAJ");
  // Opting back in with a newer record.
  REQUIRE(consents.RecordConsent(Consent("+905320000001", "ONAY", kT0 + 30, "HS_MESAJ"), kT0 + 30).ok());
  CHECK(*consents.Suppressed("+905320000001") == Suppression::kNone);
  CHECK(*consents.Suppressed("+905329999999") == Suppression::kNone);
}

TEST_CASE("TheHistoryKeepsEveryRecordAndExportsOldestFirstFromSince", "[store][consents]") {
  auto store = MemoryStore();
  Consents& consents = store->consents();
  NewConsent sms = Consent("+905320000001", "RET", kT0, "HS_MESAJ");
  sms.modem = "gsm1";
  sms.sim = "iccid:8990";
  sms.inbox_id = 7;
  REQUIRE(consents.RecordConsent(sms, kT0).ok());
  REQUIRE(consents.RecordConsent(Consent("+905320000002", "ONAY", kT0), kT0 + 100).ok());
  REQUIRE(consents.RecordConsent(Consent("+905320000001", "ONAY", kT0 + 200), kT0 + 200).ok());
  auto all = consents.ListConsents(std::nullopt, 2, "");
  REQUIRE(all.ok());
  REQUIRE(all->items.size() == 2);
  CHECK(all->items[0].consent.modem == std::optional<std::string>("gsm1"));
  CHECK(all->items[0].consent.sim == std::optional<std::string>("iccid:8990"));
  CHECK(all->items[0].consent.inbox_id == std::optional<int64_t>(7));
  CHECK(all->items[1].consent.number == "+905320000002");
  auto one = consents.GetConsent(all->items[1].id);
  REQUIRE(one.ok());
  REQUIRE(one->has_value());
  CHECK((*one)->consent.number == "+905320000002");
  CHECK_FALSE(consents.GetConsent(all->items[1].id + 100)->has_value());
  auto rest = consents.ListConsents(std::nullopt, 2, all->next_cursor);
  REQUIRE(rest.ok());
  REQUIRE(rest->items.size() == 1);
  CHECK(rest->items[0].recorded_at == kT0 + 200);
  CHECK(rest->next_cursor.empty());
  auto since = consents.ListConsents(kT0 + 100, 10, "");
  REQUIRE(since.ok());
  CHECK(since->items.size() == 2);
}

TEST_CASE("TheHistoryCannotBeRewritten", "[store][consents]") {
  auto db = MigratedDatabase();
  REQUIRE(db->Exec("INSERT INTO consents (number, status, type, recipient_type, source, consent_date, recorded_at)"
                   " VALUES ('+905320000001', 'RET', 'MESAJ', 'BIREYSEL', 'HS_WEB', 1, 1)")
              .ok());
  CHECK_FALSE(db->Exec("UPDATE consents SET status = 'ONAY'").ok());
  CHECK_FALSE(db->Exec("DELETE FROM consents").ok());
}

TEST_CASE("ValuesOutsideTheIysVocabularyAreRefusedNamingTheField", "[store][consents]") {
  auto [field, consent] = GENERATE(table<std::string, NewConsent>({
      {"status", Consent("+905320000001", "YES", kT0)},
      {"source", Consent("+905320000001", "ONAY", kT0, "HS_TELEPATI")},
      {"number", Consent("", "ONAY", kT0)},
  }));
  auto store = MemoryStore();
  auto r = store->consents().RecordConsent(consent, kT0);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == ErrorCode::kInvalidArgument);
  CHECK_THAT(r.error().message, Catch::Contains(field + ":"));
  NewConsent tacir = Consent("+905320000001", "ONAY", kT0);
  tacir.recipient_type = "KURUM";
  CHECK_THAT(store->consents().RecordConsent(tacir, kT0).error().message, Catch::Contains("recipient_type"));
}

TEST_CASE("OptOutsListNumbersWhoseCurrentStatusIsRet", "[store][consents]") {
  auto store = MemoryStore();
  Consents& consents = store->consents();
  REQUIRE(consents.RecordConsent(Consent("+905320000001", "RET", kT0), kT0).ok());
  REQUIRE(consents.RecordConsent(Consent("+905320000002", "RET", kT0), kT0).ok());
  REQUIRE(consents.RecordConsent(Consent("+905320000002", "ONAY", kT0 + 1), kT0 + 1).ok());
  REQUIRE(consents.RecordConsent(Consent("+905320000003", "RET", kT0), kT0).ok());
  auto page = consents.ListOptOuts(1, "");
  REQUIRE(page.ok());
  REQUIRE(page->items.size() == 1);
  CHECK(page->items[0].consent.number == "+905320000003");
  auto next = consents.ListOptOuts(10, page->next_cursor);
  REQUIRE(next.ok());
  REQUIRE(next->items.size() == 1);
  CHECK(next->items[0].consent.number == "+905320000001");
}

TEST_CASE("ABlockedNumberIsSuppressedEvenWithConsent", "[store][consents]") {
  auto store = MemoryStore();
  Consents& consents = store->consents();
  REQUIRE(consents.RecordConsent(Consent("+905320000001", "ONAY", kT0), kT0).ok());
  auto blocked = consents.Block("+905320000001", "complained", kT0);
  REQUIRE(blocked.ok());
  CHECK(*blocked);
  CHECK_FALSE(*consents.Block("+905320000001", "again", kT0));
  CHECK((*consents.GetBlocked("+905320000001"))->reason == "complained");
  CHECK(*consents.Suppressed("+905320000001") == Suppression::kBlocked);
  CHECK(consents.ListBlocked(10, "")->items.size() == 1);
  REQUIRE(*consents.Unblock("+905320000001"));
  CHECK_FALSE(*consents.Unblock("+905320000001"));
  CHECK(*consents.Suppressed("+905320000001") == Suppression::kNone);
}

TEST_CASE("TheClaimTimeCheckIsTwoIndexLookups", "[store][consents]") {
  auto db = MigratedDatabase();
  const std::string plan = QueryPlan(*db, sql::kSuppressed);
  CHECK_THAT(plan, Catch::Contains("SEARCH blocked USING COVERING INDEX sqlite_autoindex_blocked_1 (number=?)"));
  CHECK_THAT(plan, Catch::Contains("SEARCH consent_status USING PRIMARY KEY (number=?)"));
  CHECK_THAT(plan, !Catch::Contains("SCAN blocked"));
  CHECK_THAT(plan, !Catch::Contains("SCAN consent_status"));
}

TEST_CASE("OneNumbersHistoryIsItsRecordsOnlyOldestFirstPageByPage", "[store][consents]") {
  auto store = MemoryStore();
  Consents& consents = store->consents();
  const std::string ayse = "+905320000001";
  REQUIRE(consents.RecordConsent(Consent(ayse, "ONAY", kT0), kT0).ok());
  REQUIRE(consents.RecordConsent(Consent("+905320000002", "ONAY", kT0), kT0 + 100).ok());
  REQUIRE(consents.RecordConsent(Consent(ayse, "RET", kT0 + 200, "HS_MESAJ"), kT0 + 200).ok());
  REQUIRE(consents.RecordConsent(Consent("+905320000002", "RET", kT0 + 300), kT0 + 300).ok());
  REQUIRE(consents.RecordConsent(Consent(ayse, "ONAY", kT0 + 400, "HS_FIZIKSEL_ORTAM"), kT0 + 400).ok());

  auto first = consents.ListConsentsOf(ayse, std::nullopt, 2, "");
  REQUIRE(first.ok());
  REQUIRE(first->items.size() == 2);
  CHECK(first->items[0].recorded_at == kT0);
  CHECK(first->items[1].recorded_at == kT0 + 200);
  REQUIRE_FALSE(first->next_cursor.empty());
  auto rest = consents.ListConsentsOf(ayse, std::nullopt, 2, first->next_cursor);
  REQUIRE(rest.ok());
  REQUIRE(rest->items.size() == 1);
  CHECK(rest->items[0].consent.source == "HS_FIZIKSEL_ORTAM");
  CHECK(rest->next_cursor.empty());
  for (const auto& page : {*first, *rest}) {
    for (const ConsentRecord& r : page.items) CHECK(r.consent.number == ayse);
  }

  auto since = consents.ListConsentsOf(ayse, kT0 + 200, 10, "");
  REQUIRE(since.ok());
  CHECK(since->items.size() == 2);
  auto nobody = consents.ListConsentsOf("+905329999999", std::nullopt, 10, "");
  REQUIRE(nobody.ok());
  CHECK(nobody->items.empty());
  CHECK(consents.ListConsentsOf(ayse, std::nullopt, 0, "").error().Is(ErrorCode::kInvalidArgument));
  CHECK(consents.ListConsentsOf(ayse, std::nullopt, 10, "garbage").error().Is(ErrorCode::kInvalidArgument));
}

TEST_CASE("OneNumbersHistorySeeksItsRecords", "[store][consents]") {
  auto db = MigratedDatabase();
  const std::string plan = QueryPlan(*db, sql::kListConsentsOfQuery);
  INFO(plan);
  CHECK_THAT(plan, Catch::Contains("SEARCH c USING INDEX consents_by_number (number=?)"));
  CHECK_THAT(plan, !Catch::Contains("SCAN c"));
}
