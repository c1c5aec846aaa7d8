#include "web/api/session_store.h"

#include <catch2/catch.hpp>
#include <set>
#include <string>

namespace tellal::web {
namespace {

struct SteppedClock {
  store::Millis now = 1'000'000;
  SessionStore::Clock fn() {
    return [this] { return now; };
  }
};

bool IsBase64Url(const std::string& s) {
  for (char ch : s) {
    if (!std::isalnum(static_cast<unsigned char>(ch)) && ch != '-' && ch != '_') return false;
  }
  return true;
}

TEST_CASE("A new session has two independent 32-byte base64url secrets and expires after its lifetime") {
  SteppedClock clock;
  SessionStore store(clock.fn(), 60'000);
  auto s = store.Create();
  REQUIRE(s);
  CHECK(s->id.size() == 43);
  CHECK(s->csrf_token.size() == 43);
  CHECK(IsBase64Url(s->id));
  CHECK(IsBase64Url(s->csrf_token));
  CHECK(s->id != s->csrf_token);
  CHECK(s->expires_at == clock.now + 60'000);
}

TEST_CASE("Session ids never repeat") {
  SteppedClock clock;
  SessionStore store(clock.fn(), 60'000, 1000);
  std::set<std::string> ids;
  for (int i = 0; i < 200; ++i) ids.insert(store.Create()->id);
  CHECK(ids.size() == 200);
}

TEST_CASE("A session is found until its expiry and not from that millisecond on, even if used") {
  SteppedClock clock;
  SessionStore store(clock.fn(), 60'000);
  auto s = store.Create();
  REQUIRE(s);
  clock.now += 30'000;
  REQUIRE(store.Find(s->id));
  CHECK(store.Find(s->id)->csrf_token == s->csrf_token);
  clock.now += 29'999;
  CHECK(store.Find(s->id));
  clock.now += 1;
  CHECK_FALSE(store.Find(s->id));
  CHECK(store.size() == 0);  // forgotten on the way
}

TEST_CASE("Unknown, empty, altered and removed ids find nothing") {
  SteppedClock clock;
  SessionStore store(clock.fn());
  auto s = store.Create();
  REQUIRE(s);
  std::string altered = s->id;
  altered.back() = altered.back() == 'A' ? 'B' : 'A';
  CHECK_FALSE(store.Find(""));
  CHECK_FALSE(store.Find(altered));
  CHECK_FALSE(store.Find(s->csrf_token));
  CHECK_FALSE(store.Find(s->id.substr(0, 42)));
  store.Remove(s->id);
  CHECK_FALSE(store.Find(s->id));
}

TEST_CASE("At capacity a login ends the session closest to expiring") {
  SteppedClock clock;
  SessionStore store(clock.fn(), 60'000, 3);
  auto first = store.Create();
  clock.now += 10;
  auto second = store.Create();
  clock.now += 10;
  auto third = store.Create();
  clock.now += 10;
  auto fourth = store.Create();
  CHECK(store.size() == 3);
  CHECK_FALSE(store.Find(first->id));
  CHECK(store.Find(second->id));
  CHECK(store.Find(third->id));
  CHECK(store.Find(fourth->id));
}

TEST_CASE("Expired sessions are dropped before one is evicted for room") {
  SteppedClock clock;
  SessionStore store(clock.fn(), 60'000, 2);
  auto old = store.Create();
  clock.now += 50'000;
  auto young = store.Create();
  clock.now += 20'000;  // `old` has expired
  auto fresh = store.Create();
  CHECK(store.Find(young->id));
  CHECK(store.Find(fresh->id));
  CHECK_FALSE(store.Find(old->id));
}

TEST_CASE("The CSRF token must be sent whole and exact") {
  SteppedClock clock;
  SessionStore store(clock.fn());
  auto s = store.Create();
  REQUIRE(s);
  const std::string exact = s->csrf_token;
  std::string wrong_last = exact;
  wrong_last.back() = wrong_last.back() == 'x' ? 'y' : 'x';
  CHECK(CsrfTokenMatches(*s, &exact));
  const std::string cases[] = {"", exact.substr(0, 42), exact + "x", wrong_last, s->id, exact + exact};
  for (const std::string& given : cases) {
    INFO(given);
    CHECK_FALSE(CsrfTokenMatches(*s, &given));
  }
  CHECK_FALSE(CsrfTokenMatches(*s, nullptr));
}

}  // namespace
}  // namespace tellal::web
