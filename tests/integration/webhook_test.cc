// Webhooks end to end: the real tellald, virtual modems, and a local
// receiver that checks every signature with libsodium itself, as a
// customer's server would. Retries use a short [webhooks] retry_schedule;
// the default schedule is tested in webhook_retry_test.
#include <sodium.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "daemon_harness.h"
#include "support/test_http_server.h"

namespace tellal::integration {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;
using testing::RecordedRequest;
using testing::ScriptedReply;

// 32 key bytes 0x00..0x1f.
constexpr char kSecret[] = "whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
// The default schedule's shape in seconds instead of hours: about 13 s in
// all before a delivery fails, so a receiver that is down for a few seconds
// sees several retries of the first event and no event is given up.
constexpr char kShortRetries[] = "retry_schedule = 100ms, 200ms, 400ms, 800ms, 1s, 1s, 2s, 3s, 5s";

// A webhook receiver: answers 503 while down, 200 otherwise, and keeps
// every request it accepted whose signature verified.
class Receiver {
 public:
  Receiver()
      : server_([this](const RecordedRequest& r) {
          std::lock_guard lock(mutex_);
          if (down_) return testing::Reply(503, "");
          if (!Verifies(r)) {
            bad_signatures_++;
            return testing::Reply(400, "");
          }
          accepted_.push_back(r);
          return testing::Reply(200, "");
        }) {}

  std::string url() const { return server_.Url("/hooks/tellal"); }
  void SetDown(bool down) {
    std::lock_guard lock(mutex_);
    down_ = down;
  }
  std::vector<json> Accepted(const std::string& type = "") {
    std::lock_guard lock(mutex_);
    std::vector<json> bodies;
    for (const RecordedRequest& r : accepted_) {
      json body = json::parse(r.body);
      if (type.empty() || body["type"] == type) bodies.push_back(std::move(body));
    }
    return bodies;
  }
  std::vector<RecordedRequest> AcceptedRequests() {
    std::lock_guard lock(mutex_);
    return accepted_;
  }
  int bad_signatures() {
    std::lock_guard lock(mutex_);
    return bad_signatures_;
  }
  size_t requests() const { return server_.requests().size(); }

 private:
  // Standard Webhooks: v1,<base64 HMAC-SHA256(key, id.timestamp.body)>.
  static bool Verifies(const RecordedRequest& r) {
    auto id = r.Header("webhook-id");
    auto stamp = r.Header("webhook-timestamp");
    auto signature = r.Header("webhook-signature");
    if (!id || !stamp || !signature || !signature->starts_with("v1,")) return false;
    const int64_t sent = std::stoll(*stamp);
    const int64_t now = std::chrono::duration_cast<seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
    if (sent < now - 300 || sent > now + 300) return false;  // the scheme's replay window
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
    const std::string text = *id + "." + *stamp + "." + r.body;
    return crypto_auth_hmacsha256_verify(mac, reinterpret_cast<const unsigned char*>(text.data()), text.size(), key) ==
           0;
  }

  std::mutex mutex_;
  bool down_ = false;
  int bad_signatures_ = 0;
  std::vector<RecordedRequest> accepted_;
  testing::TestHttpServer server_;
};

int64_t Register(DaemonHarness& h, Receiver& receiver, const json& events) {
  ApiReply r = h.Post("/api/v1/webhooks", {{"url", receiver.url()}, {"events", events}, {"secret", kSecret}});
  REQUIRE(r.status == 201);
  return r.body["id"].get<int64_t>();
}

std::string Sender(int i) { return "+90555000" + std::to_string(1000 + i); }

// Texts "tag-0".."tag-(n-1)" from distinct senders, one after another.
std::vector<std::string> ReceiveTexts(DaemonHarness& h, const std::string& tag, int n) {
  std::vector<std::string> texts;
  for (int i = 0; i < n; ++i) {
    texts.push_back(tag + "-" + std::to_string(i));
    h.OnModems([&] { return h.sim(1).ReceiveSms(Sender(i), texts.back()); });
  }
  return texts;
}

// The message.received bodies' texts, in the order they arrived.
std::vector<std::string> ReceivedTexts(Receiver& receiver) {
  std::vector<std::string> texts;
  for (const json& body : receiver.Accepted("message.received")) texts.push_back(body["data"]["body"]);
  return texts;
}

// Each text once, whatever else arrived, in order of the inbox ids.
void CheckAllInOrder(Receiver& receiver, const std::vector<std::string>& expected) {
  std::vector<std::string> got;
  std::set<std::string> seen;
  int64_t last_id = 0;
  for (const json& body : receiver.Accepted("message.received")) {
    const std::string text = body["data"]["body"];
    if (!seen.insert(text).second) continue;  // at-least-once: a repeat is allowed, a gap is not
    CHECK(body["data"]["id"].get<int64_t>() > last_id);
    last_id = body["data"]["id"].get<int64_t>();
    got.push_back(text);
  }
  CHECK(got == expected);
}

TEST_CASE("Webhooks: an inbound SMS and a sent message reach the receiver signed", "[webhooks]") {
  Receiver receiver;
  DaemonHarness h(HarnessOptions().Modems(1).WebhooksIni(kShortRetries));
  const int64_t id = Register(h, receiver, {"message.received", "message.sent", "message.delivered"});
  h.OnModems([&] { return h.sim(1).ReceiveSms("+905551112233", "Randevu saat kaçta?"); });
  REQUIRE(DaemonHarness::WaitUntil([&] { return !receiver.Accepted("message.received").empty(); }, seconds(15)));
  const json received = receiver.Accepted("message.received")[0];
  CHECK(received["data"]["sender"] == "+905551112233");
  CHECK(received["data"]["body"] == "Randevu saat kaçta?");
  CHECK(received["data"]["modem"] == "sim1");
  CHECK(received["timestamp"].get<std::string>().ends_with("Z"));

  const int64_t message = h.Submit(1, "wh-out", {{"report", true}})[0];
  REQUIRE(DaemonHarness::WaitUntil([&] { return !receiver.Accepted("message.delivered").empty(); }, seconds(15)));
  const std::vector<json> sent = receiver.Accepted("message.sent");
  REQUIRE(sent.size() == 1);
  CHECK(sent[0]["data"]["id"] == message);
  CHECK(sent[0]["data"]["state"] == "sent");
  CHECK(receiver.Accepted("message.delivered")[0]["data"]["id"] == message);
  CHECK(receiver.bad_signatures() == 0);

  // Every request carried a distinct webhook-id, and the listing shows them delivered.
  std::set<std::string> ids;
  for (const RecordedRequest& r : receiver.AcceptedRequests()) ids.insert(r.Header("webhook-id").value_or(""));
  CHECK(ids.size() == 3);
  const json page = h.Get("/api/v1/webhooks/" + std::to_string(id) + "/deliveries");
  REQUIRE(page["deliveries"].size() == 3);
  for (const json& d : page["deliveries"]) {
    CHECK(d["state"] == "delivered");
    CHECK(ids.count(d["webhook_message_id"].get<std::string>()) == 1);
    CHECK(d["history"][0]["http_status"] == 200);
  }
}

TEST_CASE("Webhooks: a receiver that is down gets every event in order once it is back", "[webhooks]") {
  Receiver receiver;
  DaemonHarness h(HarnessOptions().Modems(1).WebhooksIni(kShortRetries));
  const int64_t id = Register(h, receiver, {"message.received"});
  receiver.SetDown(true);
  const std::vector<std::string> texts = ReceiveTexts(h, "down", 12);
  // Down until the first delivery went through several retries and every
  // event waits behind it.
  REQUIRE(DaemonHarness::WaitUntil([&] { return receiver.requests() >= 4; }, seconds(15)));
  const std::string deliveries = "/api/v1/webhooks/" + std::to_string(id) + "/deliveries?limit=100";
  REQUIRE(DaemonHarness::WaitUntil([&] { return h.Get(deliveries)["deliveries"].size() == texts.size(); }, seconds(10)));
  CHECK(receiver.Accepted().empty());
  receiver.SetDown(false);
  REQUIRE(DaemonHarness::WaitUntil([&] { return ReceivedTexts(receiver).size() >= texts.size(); }, seconds(20)));
  CheckAllInOrder(receiver, texts);
  CHECK(receiver.bad_signatures() == 0);
  // The first delivery's history holds the 503s before its 200.
  const json page = h.Get(deliveries);
  const json& oldest = page["deliveries"].back();
  CHECK(oldest["state"] == "delivered");
  REQUIRE(oldest["history"].size() >= 2);
  CHECK(oldest["history"][0]["http_status"] == 503);
  CHECK(oldest["history"].back()["http_status"] == 200);
}

TEST_CASE("Webhooks: pending deliveries survive a restart and kill -9", "[webhooks]") {
  const bool kill9 = GENERATE(false, true);
  INFO((kill9 ? "kill -9" : "SIGTERM"));
  Receiver receiver;
  DaemonHarness h(HarnessOptions().Modems(1).WebhooksIni(kShortRetries));
  Register(h, receiver, {"message.received"});
  receiver.SetDown(true);
  const std::vector<std::string> texts = ReceiveTexts(h, kill9 ? "k9" : "term", 8);
  REQUIRE(DaemonHarness::WaitUntil([&] { return receiver.requests() >= 2; }, seconds(15)));
  // Every message is in the inbox (so its event is committed) before the stop.
  REQUIRE(DaemonHarness::WaitUntil(
      [&] { return h.Get("/api/v1/inbox?limit=100")["messages"].size() == texts.size(); }, seconds(15)));
  if (kill9) {
    h.Kill9();
  } else {
    REQUIRE(h.Stop().has_value());
  }
  receiver.SetDown(false);
  h.Restart();  // not running: a fresh connection and Start()
  REQUIRE(DaemonHarness::WaitUntil([&] { return ReceivedTexts(receiver).size() >= texts.size(); }, seconds(20)));
  CheckAllInOrder(receiver, texts);
}

TEST_CASE("Webhooks: a test ping, 410 Gone and a manual retry", "[webhooks]") {
  std::atomic<int> status{410};
  testing::TestHttpServer server([&](const RecordedRequest&) { return testing::Reply(status.load(), ""); });
  DaemonHarness h(HarnessOptions().Modems(1).WebhooksIni(kShortRetries));
  ApiReply created = h.Post("/api/v1/webhooks", {{"url", server.Url("/gone")}, {"events", {"message.received"}}});
  REQUIRE(created.status == 201);
  const std::string path = "/api/v1/webhooks/" + std::to_string(created.body["id"].get<int64_t>());
  ApiReply ping = h.Post(path + "/test", json::object());
  REQUIRE(ping.status == 202);
  REQUIRE(DaemonHarness::WaitUntil([&] { return h.Get(path)["enabled"] == false; }, seconds(15)));
  CHECK(h.Get(path)["disabled_reason"] == "the endpoint answered 410 Gone");
  CHECK(server.requests().size() == 1);
  CHECK_THAT(server.requests()[0].body, Catch::Contains("webhook.test"));
  // Disabled: no event is written for it.
  h.OnModems([&] { return h.sim(1).ReceiveSms("+905551112233", "kimse duymaz"); });
  REQUIRE(DaemonHarness::WaitUntil([&] { return h.Get("/api/v1/inbox")["messages"].size() == 1; }, seconds(15)));
  // Back: enabled again, the ping sent again by hand.
  status = 204;
  REQUIRE(h.Request("PATCH", path, {{"enabled", true}}).status == 200);
  const std::string delivery = std::to_string(ping.body["id"].get<int64_t>());
  REQUIRE(h.Post(path + "/deliveries/" + delivery + "/retry", json::object()).status == 202);
  REQUIRE(DaemonHarness::WaitUntil(
      [&] { return h.Get(path + "/deliveries")["deliveries"][0]["state"] == "delivered"; }, seconds(15)));
  CHECK(server.requests().size() == 2);
  CHECK(h.Get(path + "/deliveries")["deliveries"].size() == 1);
}

}  // namespace
}  // namespace tellal::integration
