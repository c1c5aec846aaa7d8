#include "daemon/store/sqlite/sqlite_contacts.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "daemon/store/sqlite/contacts_sql.h"
#include "store_testing.h"

using namespace tellal::store;
using tellal::ErrorCode;
using tellal::store::testing::MemoryStore;
using tellal::store::testing::MigratedDatabase;
using tellal::store::testing::QueryPlan;

namespace {

constexpr Millis kT0 = 1'780'000'000'000;

ContactChange NewContact(const std::string& number, const std::string& name) {
  ContactChange c;
  c.number = number;
  c.name = name;
  return c;
}

std::vector<std::string> Numbers(const Page<Contact>& page) {
  std::vector<std::string> out;
  for (const Contact& c : page.items) out.push_back(c.number);
  return out;
}

}  // namespace

TEST_CASE("AContactIsReadBackWithItsAttributesAndGroups", "[store][contacts]") {
  auto store = MemoryStore();
  Contacts& contacts = store->contacts();
  REQUIRE(contacts.CreateGroup("vip", "best customers", kT0).ok());
  ContactChange c = NewContact("+905321234567", "Ayşe Yılmaz");
  c.attributes = {{"city", "İstanbul"}, {"segment", "gold"}};
  c.groups = std::vector<std::string>{"vip"};
  auto id = contacts.CreateContact(c, false, kT0);
  REQUIRE(id.ok());
  auto got = contacts.GetContact(*id);
  REQUIRE(got.ok());
  REQUIRE(got->has_value());
  CHECK((*got)->number == "+905321234567");
  CHECK((*got)->name == "Ayşe Yılmaz");
  CHECK((*got)->attributes == std::map<std::string, std::string>{{"city", "İstanbul"}, {"segment", "gold"}});
  CHECK((*got)->groups == std::vector<std::string>{"vip"});
  CHECK((*got)->created_at == kT0);
  auto group = contacts.GetGroup("vip");
  REQUIRE(group.ok());
  REQUIRE(group->has_value());
  CHECK((*group)->members == 1);
  CHECK((*group)->description == "best customers");
}

TEST_CASE("ASecondContactWithTheSameNumberIsAConflict", "[store][contacts]") {
  auto store = MemoryStore();
  REQUIRE(store->contacts().CreateContact(NewContact("+905321234567", "A"), false, kT0).ok());
  auto again = store->contacts().CreateContact(NewContact("+905321234567", "B"), false, kT0);
  REQUIRE_FALSE(again.ok());
  CHECK(again.error().code == ErrorCode::kConflict);
}

TEST_CASE("AnUnknownGroupIsNotFoundUnlessGroupsMayBeCreated", "[store][contacts]") {
  auto store = MemoryStore();
  ContactChange c = NewContact("+905321234567", "A");
  c.groups = std::vector<std::string>{"nope"};
  auto refused = store->contacts().CreateContact(c, false, kT0);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().code == ErrorCode::kNotFound);
  CHECK_FALSE(store->contacts().FindContact("+905321234567")->has_value());  // rolled back whole
  REQUIRE(store->contacts().CreateContact(c, true, kT0).ok());
  CHECK(store->contacts().GetGroup("nope")->has_value());
}

TEST_CASE("AnUpdateSetsAndRemovesAttributesAndReplacesGroups", "[store][contacts]") {
  auto store = MemoryStore();
  Contacts& contacts = store->contacts();
  ContactChange c = NewContact("+905321234567", "A");
  c.attributes = {{"city", "Ankara"}, {"segment", "gold"}};
  c.groups = std::vector<std::string>{"a", "b"};
  auto id = contacts.CreateContact(c, true, kT0);
  REQUIRE(id.ok());
  ContactChange patch;
  patch.name = "B";
  patch.attributes = {{"city", "İzmir"}, {"segment", std::nullopt}};
  patch.groups = std::vector<std::string>{"b"};
  auto updated = contacts.UpdateContact(*id, patch, true, kT0 + 5);
  REQUIRE(updated.ok());
  CHECK(*updated);
  auto got = contacts.GetContact(*id);
  REQUIRE(got.ok());
  CHECK((*got)->name == "B");
  CHECK((*got)->attributes == std::map<std::string, std::string>{{"city", "İzmir"}});
  CHECK((*got)->groups == std::vector<std::string>{"b"});
  CHECK((*got)->updated_at == kT0 + 5);
  auto missing = contacts.UpdateContact(*id + 100, patch, true, kT0);
  REQUIRE(missing.ok());
  CHECK_FALSE(*missing);
}

TEST_CASE("ListingFiltersByGroupFoldedNameAndAttributesAndPagesNewestFirst", "[store][contacts]") {
  auto store = MemoryStore();
  Contacts& contacts = store->contacts();
  for (int i = 0; i < 5; ++i) {
    ContactChange c = NewContact("+90532000000" + std::to_string(i), i % 2 ? "ŞEYMA Işık" : "Ali Veli");
    c.attributes = {{"city", i < 3 ? "İstanbul" : "Ankara"}};
    if (i >= 2) c.groups = std::vector<std::string>{"vip"};
    REQUIRE(contacts.CreateContact(c, true, kT0).ok());
  }
  ContactFilter by_name;
  by_name.query = "seyma ISIK";
  CHECK(Numbers(*contacts.ListContacts(by_name, 10, "")) == std::vector<std::string>{"+905320000003", "+905320000001"});
  ContactFilter by_number;
  by_number.query = "0000004";
  CHECK(Numbers(*contacts.ListContacts(by_number, 10, "")) == std::vector<std::string>{"+905320000004"});
  ContactFilter wildcard;
  wildcard.query = "%";
  CHECK(contacts.ListContacts(wildcard, 10, "")->items.empty());  // a literal %, not a wildcard
  ContactFilter in_group_and_city;
  in_group_and_city.group = "vip";
  in_group_and_city.attributes = {{"city", "İstanbul"}};
  CHECK(Numbers(*contacts.ListContacts(in_group_and_city, 10, "")) == std::vector<std::string>{"+905320000002"});

  auto first = contacts.ListContacts({}, 2, "");
  REQUIRE(first.ok());
  CHECK(Numbers(*first) == std::vector<std::string>{"+905320000004", "+905320000003"});
  auto second = contacts.ListContacts({}, 2, first->next_cursor);
  REQUIRE(second.ok());
  CHECK(Numbers(*second) == std::vector<std::string>{"+905320000002", "+905320000001"});
  auto bad = contacts.ListContacts({}, 2, "m5");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().code == ErrorCode::kInvalidArgument);
}

TEST_CASE("AnUpsertCreatesNewNumbersAndUpdatesKnownOnesInOneTransaction", "[store][contacts]") {
  auto store = MemoryStore();
  Contacts& contacts = store->contacts();
  REQUIRE(contacts.CreateContact(NewContact("+905320000001", "Old"), false, kT0).ok());
  std::vector<ContactChange> rows = {NewContact("+905320000001", "New"), NewContact("+905320000002", "Two"),
                                     NewContact("+905320000002", "Two again")};
  rows[1].add_groups = {"imported"};
  auto outcome = contacts.UpsertContacts(rows, kT0);
  REQUIRE(outcome.ok());
  CHECK(outcome->created == 1);
  CHECK(outcome->updated == 2);
  CHECK((*contacts.FindContact("+905320000001"))->name == "New");
  CHECK((*contacts.FindContact("+905320000002"))->name == "Two again");
  CHECK((*contacts.FindContact("+905320000002"))->groups == std::vector<std::string>{"imported"});

  std::vector<ContactChange> broken = {NewContact("+905320000003", "Three"), ContactChange{}};
  REQUIRE_FALSE(contacts.UpsertContacts(broken, kT0).ok());
  CHECK_FALSE(contacts.FindContact("+905320000003")->has_value());
}

TEST_CASE("DeletingAGroupKeepsItsMembersAndRenamingCarriesThem", "[store][contacts]") {
  auto store = MemoryStore();
  Contacts& contacts = store->contacts();
  ContactChange c = NewContact("+905320000001", "A");
  c.groups = std::vector<std::string>{"old"};
  auto id = contacts.CreateContact(c, true, kT0);
  REQUIRE(id.ok());
  REQUIRE(*contacts.UpdateGroup("old", std::string("new"), std::nullopt));
  CHECK((*contacts.GetContact(*id))->groups == std::vector<std::string>{"new"});
  REQUIRE(contacts.CreateGroup("other", "", kT0).ok());
  auto clash = contacts.UpdateGroup("new", std::string("other"), std::nullopt);
  REQUIRE_FALSE(clash.ok());
  CHECK(clash.error().code == ErrorCode::kConflict);
  REQUIRE(*contacts.DeleteGroup("new"));
  CHECK((*contacts.GetContact(*id))->groups.empty());
  CHECK_FALSE(*contacts.DeleteGroup("new"));
  REQUIRE(*contacts.DeleteContact(*id));
  CHECK_FALSE(contacts.GetContact(*id)->has_value());
}

TEST_CASE("ContactLookupsUseTheirIndexes", "[store][contacts]") {
  auto db = MigratedDatabase();
  CHECK_THAT(QueryPlan(*db, sql::kFindContactId), Catch::Contains("USING COVERING INDEX sqlite_autoindex_contacts_1"));
  CHECK_THAT(QueryPlan(*db, sql::kGroupsOf), Catch::Contains("group_members_by_contact"));
}
