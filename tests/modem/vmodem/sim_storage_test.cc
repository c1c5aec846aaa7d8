#include "modem/vmodem/sim_storage.h"

#include <catch2/catch.hpp>

namespace tellal::vmodem {
namespace {

TEST_CASE("StoresAtTheLowestFreeIndexUntilFull") {
  SimStorage sim(3);
  CHECK(sim.store("A", 1, SmsStat::kReceivedUnread) == 1);
  CHECK(sim.store("B", 1, SmsStat::kReceivedUnread) == 2);
  CHECK(sim.remove(1));
  CHECK_FALSE(sim.remove(1));
  CHECK(sim.store("C", 1, SmsStat::kReceivedUnread) == 1);
  CHECK(sim.store("D", 1, SmsStat::kReceivedUnread) == 3);
  CHECK_FALSE(sim.store("E", 1, SmsStat::kReceivedUnread));
  CHECK(sim.size() == 3);
}

TEST_CASE("ReadingMarksUnreadAsRead") {
  SimStorage sim;
  REQUIRE(sim.store("A", 1, SmsStat::kReceivedUnread));
  REQUIRE(sim.store("B", 1, SmsStat::kReceivedUnread));
  CHECK_FALSE(sim.read(7));
  CHECK(sim.read(1)->stat == SmsStat::kReceivedUnread);
  CHECK(sim.read(1)->stat == SmsStat::kReceivedRead);
  CHECK(sim.list(0).size() == 1);  // only B was still unread
  CHECK(sim.list(0).empty());
  CHECK(sim.list(kStatAll).size() == 2);
}

TEST_CASE("DeleteFlagsFollowTs27005") {
  SimStorage sim;
  REQUIRE(sim.store("unread", 1, SmsStat::kReceivedUnread));
  REQUIRE(sim.store("read", 1, SmsStat::kReceivedRead));
  REQUIRE(sim.store("unsent", 1, SmsStat::kStoredUnsent));
  REQUIRE(sim.store("sent", 1, SmsStat::kStoredSent));
  sim.remove_by_flag(1);
  CHECK(sim.size() == 3);
  sim.remove_by_flag(2);
  CHECK(sim.size() == 2);
  sim.remove_by_flag(3);
  CHECK(sim.size() == 1);
  CHECK(sim.list(kStatAll).front().pdu_hex == "unread");
  sim.remove_by_flag(4);
  CHECK(sim.size() == 0);
}

}  // namespace
}  // namespace tellal::vmodem
