#include "web/api/contacts_import.h"

#include <catch2/catch.hpp>
#include <string>

namespace tellal::web {
namespace {

ApiSettings Turkey() {
  ApiSettings s;
  s.default_country = "90";
  return s;
}

TEST_CASE("ColumnsAreRecognisedByTurkishHeadersAndTheRestBecomeAttributes", "[contacts_import]") {
  auto plan = PlanImport("Telefon;Ad Soyad;Şehir;Gruplar\n0532 123 45 67;Ayşe Yılmaz;İzmir;vip | 2024\n", Turkey());
  REQUIRE(plan.ok());
  REQUIRE(plan->upserts.size() == 1);
  const store::ContactChange& c = plan->upserts[0];
  CHECK(c.number == std::optional<std::string>("+905321234567"));
  CHECK(c.name == std::optional<std::string>("Ayşe Yılmaz"));
  REQUIRE(c.attributes.size() == 1);
  CHECK(c.attributes.at("Şehir") == std::optional<std::string>("İzmir"));
  CHECK(c.add_groups == std::vector<std::string>{"vip", "2024"});
  CHECK_FALSE(c.replace_attributes);
  CHECK(plan->rejected.empty());
}

TEST_CASE("EmptyCellsLeaveTheirFieldAlone", "[contacts_import]") {
  auto plan = PlanImport("number,name,city\n+905320000001,,\n", Turkey());
  REQUIRE(plan.ok());
  REQUIRE(plan->upserts.size() == 1);
  CHECK_FALSE(plan->upserts[0].name);
  CHECK(plan->upserts[0].attributes.empty());
}

TEST_CASE("BadRowsAreRejectedWithTheirRowAndFieldAndTheOthersKept", "[contacts_import]") {
  auto plan = PlanImport(
      "number,name,groups\n"
      "+905320000001,Ali,\n"     // row 2: fine
      ",Veli,\n"                 // row 3: no number
      "12ab,Can,\n"              // row 4: not a number
      "+905320000004,Ece\n"      // row 5: a field short
      "+905320000005,Ada,a/b\n"  // row 6: a group with '/'
      "\"+905320000006,Oya,\n",  // row 7: a quote never closed
      Turkey());
  REQUIRE(plan.ok());
  REQUIRE(plan->upserts.size() == 1);
  REQUIRE(plan->rejected.size() == 5);
  CHECK(plan->rejected[0].row == 3);
  CHECK(plan->rejected[0].field == std::optional<std::string>("number"));
  CHECK(plan->rejected[1].row == 4);
  CHECK(plan->rejected[1].field == std::optional<std::string>("number"));
  CHECK(plan->rejected[2].row == 5);
  CHECK_FALSE(plan->rejected[2].field);
  CHECK(plan->rejected[3].row == 6);
  CHECK(plan->rejected[3].field == std::optional<std::string>("groups"));
  CHECK(plan->rejected[4].row == 7);
  CHECK_FALSE(plan->rejected[4].field);
}

TEST_CASE("AFileWithoutANumberColumnOrWithATwiceNamedColumnIsRefusedWhole", "[contacts_import]") {
  auto [csv, field] = GENERATE(table<std::string, std::string>({
      {"name,city\nAli,Van\n", "number"},
      {"number,city,city\n+905320000001,a,b\n", "header"},
      {"number,,city\n+905320000001,a,b\n", "header"},
      {"number,phone\n+905320000001,+905320000002\n", "header"},
      {"", "header"},
  }));
  auto plan = PlanImport(csv, Turkey());
  REQUIRE_FALSE(plan.ok());
  CHECK(plan.error().field == field);
}

}  // namespace
}  // namespace tellal::web
