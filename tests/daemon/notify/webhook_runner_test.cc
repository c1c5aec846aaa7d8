#include "daemon/notify/webhook_runner.h"

#include <sodium.h>

#include <boost/asio/io_context.hpp>
#include <catch2/catch.hpp>
#include <mutex>
#include <string>
#include <vector>

#include "daemon/store/sqlite/sqlite_store.h"
#include "support/run_io_until.h"
#include "support/test_http_server.h"

namespace tellal::notify {
namespace {

using std::chrono::milliseconds;
using testing::RecordedRequest;
using testing::RunIoUntil;
using testing::ScriptedReply;
using testing::TestHttpServer;

// 32 key bytes 0x00..0x1f.
constexpr char kSecret[] = "whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

// Checks a request's signature with libsodium alone, as a receiver would.
bool SignatureVerifies(const RecordedRequest& r) {
  auto id = r.Header("webhook-id");
  auto stamp = r.Header("webhook-timestamp");
  auto signature = r.Header("webhook-signature");
  if (!id || !stamp || !signature || !signature->starts_with("v1,")) return false;
  unsigned char key[32];
  for (int i = 0; i < 32; ++i) key[i] = static_cast<unsigned char>(i);
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  size_t size = 0;
  const std::string encoded = signature->substr(3);
  if (sodium_base642bin(mac, sizeof mac, encoded.data(), encoded.size(), nullptr, &size, nullptr,
                        sodium_base64_VARIANT_ORIGINAL) != 0 ||
      size != sizeof mac) {
    return false;
  }
  const std::string signed_text = *id + "." + *stamp + "." + r.body;
  return crypto_auth_hmacsha256_verify(mac, reinterpret_cast<const unsigned char*>(signed_text.data()),
                                       signed_text.size(), key) == 0;
}

struct Rig {
  boost::asio::io_context io;
  std::unique_ptr<store::SqliteStore> store = std::move(store::SqliteStore::OpenInMemory()).value();
  std::mutex mutex;
  std::vector<ScriptedReply> script;  // replies in order; the last repeats
  TestHttpServer server{[this](const RecordedRequest&) {
    std::lock_guard lock(mutex);
    ScriptedReply reply = script.empty() ? testing::Reply(200, "{}") : script.front();
    if (script.size() > 1) script.erase(script.begin());
    return reply;
  }};
  std::unique_ptr<WebhookRunner> runner;

  explicit Rig(WebhookSchedule schedule = {milliseconds(20), milliseconds(20), milliseconds(20)}) {
    WebhookRunnerOptions o;
    o.schedule = std::move(schedule);
    o.jitter_fraction = 0.0;
    o.request_timeout = milliseconds(2000);
    runner = std::make_unique<WebhookRunner>(io, store->webhooks(), o);
  }
  int64_t AddWebhook(std::vector<std::string> events, const std::string& target = "/hook") {
    auto w = store->webhooks().CreateWebhook(store::NewWebhook{server.Url(target), std::move(events), kSecret, true},
                                             1000);
    REQUIRE(w.ok());
    return w->id;
  }
  void Inbound(const std::string& text, int64_t at = 1700000000000) {
    store::InboundPart part;
    part.modem = "sim1";
    part.sender = "+905551112233";
    part.text = text;
    part.smsc_time = "2026-06-01T10:00:00+03:00";
    part.received_at = at;
    REQUIRE(store->inbox().StoreInboundPart(part).ok());
  }
  bool WaitForRequests(size_t n, milliseconds timeout = milliseconds(5000)) {
    return RunIoUntil(io, [&] { return server.requests().size() >= n; }, timeout);
  }
  bool WaitForState(int64_t webhook, store::DeliveryState state, size_t count) {
    return RunIoUntil(
        io,
        [&] {
          auto page = store->webhooks().ListDeliveries(webhook, 100, "");
          if (!page.ok()) return false;
          size_t n = 0;
          for (const auto& d : page->items) n += d.state == state ? 1 : 0;
          return n >= count;
        },
        milliseconds(5000));
  }
};

TEST_CASE("AnEventIsPostedSignedAndRecordedDelivered", "[webhook_runner]") {
  Rig rig;
  const int64_t w = rig.AddWebhook({"message.received"});
  rig.runner->Start();
  rig.Inbound("merhaba");
  REQUIRE(rig.WaitForState(w, store::DeliveryState::kDelivered, 1));
  auto requests = rig.server.requests();
  REQUIRE(requests.size() == 1);
  const RecordedRequest& r = requests[0];
  CHECK(r.method == "POST");
  CHECK(r.path == "/hook");
  CHECK(r.Header("content-type") == "application/json");
  CHECK(r.Header("webhook-id")->starts_with("msg_"));
  CHECK(SignatureVerifies(r));
  CHECK_THAT(r.body, Catch::Contains(R"("type":"message.received")"));
  CHECK_THAT(r.body, Catch::Contains(R"("body":"merhaba")"));
  auto page = rig.store->webhooks().ListDeliveries(w, 10, "");
  REQUIRE(page.ok());
  REQUIRE(page->items[0].history.size() == 1);
  CHECK(page->items[0].history[0].http_status == 200);
}

TEST_CASE("AFailingEndpointGetsTheSameMessageAgainAndLaterEventsWaitBehindIt", "[webhook_runner]") {
  Rig rig;
  {
    std::lock_guard lock(rig.mutex);
    rig.script = {testing::Reply(503, ""), testing::Reply(500, ""), testing::Reply(200, "")};
  }
  const int64_t w = rig.AddWebhook({"message.received"});
  rig.runner->Start();
  rig.Inbound("first", 1700000000000);
  rig.Inbound("second", 1700000001000);
  REQUIRE(rig.WaitForState(w, store::DeliveryState::kDelivered, 2));
  auto requests = rig.server.requests();
  REQUIRE(requests.size() == 4);
  // Three attempts of the first (one webhook-id, one body), then the second.
  for (int i = 0; i < 3; ++i) {
    CHECK_THAT(requests[i].body, Catch::Contains("first"));
    CHECK(requests[i].Header("webhook-id") == requests[0].Header("webhook-id"));
    CHECK(requests[i].body == requests[0].body);
    CHECK(SignatureVerifies(requests[i]));
  }
  CHECK_THAT(requests[3].body, Catch::Contains("second"));
  CHECK(requests[3].Header("webhook-id") != requests[0].Header("webhook-id"));
  auto page = rig.store->webhooks().ListDeliveries(w, 10, "");
  REQUIRE(page.ok());
  const store::WebhookDelivery& first = page->items[1];
  REQUIRE(first.history.size() == 3);
  CHECK(first.history[0].http_status == 503);
  CHECK(first.history[0].error == "HTTP 503");
  CHECK(first.history[2].http_status == 200);
}

TEST_CASE("ASpentScheduleFailsTheDeliveryAndTheNextOneGoes", "[webhook_runner]") {
  Rig rig({milliseconds(10)});
  {
    std::lock_guard lock(rig.mutex);
    rig.script = {testing::Reply(500, ""), testing::Reply(500, ""), testing::Reply(200, "")};
  }
  const int64_t w = rig.AddWebhook({"message.received"});
  rig.runner->Start();
  rig.Inbound("first", 1700000000000);
  rig.Inbound("second", 1700000001000);
  REQUIRE(rig.WaitForState(w, store::DeliveryState::kDelivered, 1));
  auto page = rig.store->webhooks().ListDeliveries(w, 10, "");
  REQUIRE(page.ok());
  REQUIRE(page->items.size() == 2);
  CHECK(page->items[1].state == store::DeliveryState::kFailed);
  CHECK(page->items[1].attempts == 2);
  CHECK(page->items[0].state == store::DeliveryState::kDelivered);
}

TEST_CASE("GoneDisablesTheEndpoint", "[webhook_runner]") {
  Rig rig;
  {
    std::lock_guard lock(rig.mutex);
    rig.script = {testing::Reply(410, "")};
  }
  const int64_t w = rig.AddWebhook({"message.received"});
  rig.runner->Start();
  rig.Inbound("first");
  REQUIRE(rig.WaitForState(w, store::DeliveryState::kFailed, 1));
  auto hook = rig.store->webhooks().GetWebhook(w);
  REQUIRE(hook.ok());
  CHECK_FALSE((*hook)->enabled);
  CHECK((*hook)->disabled_reason == "the endpoint answered 410 Gone");
  CHECK(rig.server.requests().size() == 1);
}

TEST_CASE("RetryAfterPushesTheNextAttemptBack", "[webhook_runner]") {
  Rig rig;
  ScriptedReply busy = testing::Reply(503, "");
  busy.headers.emplace_back("Retry-After", "120");
  {
    std::lock_guard lock(rig.mutex);
    rig.script = {busy};
  }
  const int64_t w = rig.AddWebhook({"message.received"});
  rig.runner->Start();
  rig.Inbound("first");
  REQUIRE(RunIoUntil(
      rig.io,
      [&] {
        auto page = rig.store->webhooks().ListDeliveries(w, 10, "");
        return page.ok() && !page->items.empty() && page->items[0].attempts == 1;
      },
      milliseconds(5000)));
  auto page = rig.store->webhooks().ListDeliveries(w, 10, "");
  REQUIRE(page.ok());
  const store::WebhookDelivery& d = page->items[0];
  REQUIRE(d.next_attempt_at);
  CHECK(*d.next_attempt_at >= d.history[0].attempted_at + 120'000);
  CHECK(rig.runner->in_flight() == 0);
}

TEST_CASE("AnUnreachableEndpointIsRetriedNotLost", "[webhook_runner]") {
  testing::RefusingPort refusing;
  Rig rig;
  rig.runner->Start();
  auto w = rig.store->webhooks().CreateWebhook(
      store::NewWebhook{"http://127.0.0.1:" + std::to_string(refusing.port()) + "/", {"message.received"}, kSecret,
                        true},
      1000);
  REQUIRE(w.ok());
  rig.Inbound("first");
  REQUIRE(rig.WaitForState(w->id, store::DeliveryState::kFailed, 1));
  auto page = rig.store->webhooks().ListDeliveries(w->id, 10, "");
  REQUIRE(page.ok());
  const store::WebhookDelivery& d = page->items[0];
  CHECK(d.attempts == 4);  // one, then the three retries of the schedule
  CHECK_FALSE(d.history[0].http_status);
  CHECK_FALSE(d.history[0].error.empty());
  // Sent again by hand, to an endpoint that now answers.
  auto patched = rig.store->webhooks().UpdateWebhook(w->id, store::WebhookPatch{rig.server.Url("/back"), {}, {}, {}},
                                                     2000);
  REQUIRE(patched.ok());
  auto retried = rig.store->webhooks().RetryDelivery(w->id, d.id, 2000);
  REQUIRE(retried.ok());
  REQUIRE(rig.WaitForState(w->id, store::DeliveryState::kDelivered, 1));
  REQUIRE(rig.server.requests().size() == 1);
  CHECK(rig.server.requests()[0].path == "/back");
}

TEST_CASE("ATestPingIsSentToItsEndpoint", "[webhook_runner]") {
  Rig rig;
  const int64_t w = rig.AddWebhook({"message.sent"});
  rig.runner->Start();
  auto ping = rig.store->webhooks().QueueTestEvent(w, 5000);
  REQUIRE(ping.ok());
  REQUIRE(rig.WaitForRequests(1));
  CHECK_THAT(rig.server.requests()[0].body, Catch::Contains(R"("type":"webhook.test")"));
  CHECK(SignatureVerifies(rig.server.requests()[0]));
}

}  // namespace
}  // namespace tellal::notify
