#include "modem/vmodem/sim_storage.h"

#include <catch2/catch.hpp>

namespace tellal::vmodem {
namespace {

TEST_CASE("StoresAtTheLowestFreeIndexUntilFull") {
  SimStorage sim(3);
  CHECK(sim.store("A", 1, SmsStat::kReceivedUnread) == 1);
  CHECK(sim.store("B", 1, SmsStat::kReceivedUnread) == 2);
  CHECK(sim.Remove(1));
  CHECK_FALSE(sim.Remove(1));
  CHECK(sim.store("C", 1, SmsStat::kReceivedUnread) == 1);
  CHECK(sim.store("D", 1, SmsStat::kReceivedUnread) == 3);
  CHECK_FALSE(sim.store("E", 1, SmsStat::kReceivedUnread));
  CHECK(sim.size() == 3);
}

TEST_CASE("ReadingMarksUnreadAsRead") {
  SimStorage sim;
  REQUIRE(sim.store("A", 1, SmsStat::kReceivedUnread));
  REQUIRE(sim.store("B", 1, SmsStat::kReceivedUnread));
  CHECK_FALSE(sim.Read(7));
  CHECK(sim.Read(1)->stat == SmsStat::kReceivedUnread);
  CHECK(sim.Read(1)->stat == SmsStat::kReceivedRead);
  CHECK(sim.List(0).size() == 1);  // only B was still unread
  CHECK(sim.List(0).empty());
  CHECK(sim.List(kStatAll).size() == 2);
}

TEST_CASE("DeleteFlagsFollowTs27005") {
  SimStorage sim;
  REQUIRE(sim.store("unread", 1, SmsStat::kReceivedUnread));
  REQUIRE(sim.store("read", 1, SmsStat::kReceivedRead));
  REQUIRE(sim.store("unsent", 1, SmsStat::kStoredUnsent));
  REQUIRE(sim.store("sent", 1, SmsStat::kStoredSent));
  sim.RemoveByFlag(1);
  CHECK(sim.size() == 3);
  sim.RemoveByFlag(2);
  CHECK(sim.size() == 2);
  sim.RemoveByFlag(3);
  CHECK(sim.size() == 1);
  CHECK(sim.List(kStatAll).front().pdu_hex == "unread");
  sim.RemoveByFlag(4);
  CHECK(sim.size() == 0);
}

}  // namespace
}  // namespace tellal::vmodem
