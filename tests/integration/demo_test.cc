// `tellald --demo` as a newcomer meets it: it starts with four virtual
// modems, prints the API address and a token that work (and a `tellal send`
// line that works), sends and delivers, its virtual recipients answer into
// the inbox, and SIGTERM ends it with status 0.
#include <signal.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "daemon/cli/api_client.h"
#include "daemon/net/blocking_http_client.h"
#include "daemon_harness.h"
#include "http_tools.h"
#include "process_tools.h"

namespace tellal::integration {
namespace {

using namespace std::chrono_literals;

// What the demo printed for the newcomer.
struct Banner {
  std::string url;  // "http://127.0.0.1:<port>"
  std::string token;
  std::string directory;                 // where its database lives
  std::vector<std::string> tellal_send;  // the printed `tellal send ...` line, split
  std::string panel;                     // "panel: <url>/  password: <pw>": the url
  std::string panel_password;
};

// The text after `label` on the line that starts with it, trimmed.
std::optional<std::string> After(const std::string& text, const std::string& label) {
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    const size_t at = line.find(label);
    if (at == std::string::npos) continue;
    std::string rest = line.substr(at + label.size());
    rest.erase(0, rest.find_first_not_of(' '));
    return rest;
  }
  return std::nullopt;
}

// Splits a shell line of plain words and '...' quoted ones.
std::vector<std::string> ShellWords(const std::string& line) {
  std::vector<std::string> words;
  std::string word;
  bool quoted = false, any = false;
  for (char c : line) {
    if (c == '\'') {
      quoted = !quoted;
      any = true;
    } else if (c == ' ' && !quoted) {
      if (any) words.push_back(word);
      word.clear();
      any = false;
    } else {
      word += c;
      any = true;
    }
  }
  if (any) words.push_back(word);
  return words;
}

std::optional<Banner> ParseBanner(const std::string& out) {
  Banner b;
  auto url = After(out, "  API ");
  auto token = After(out, "  token ");
  auto directory = After(out, "database in ");
  auto send = After(out, "  tellal send ");
  if (!url || !token || !directory || !send || token->empty()) return std::nullopt;
  b.url = *url;
  b.token = *token;
  b.directory = *directory;
  b.tellal_send = ShellWords("send " + *send);
  if (auto panel = After(out, "  panel: ")) {
    b.panel = panel->substr(0, panel->find(' '));
    b.panel_password = After(*panel, "password: ").value_or("");
  }
  return b;
}

// A running demo and a client for its API.
class Demo {
 public:
  explicit Demo(const std::string& latency_ms) : scratch_("tellal-demo") {
    constexpr int kAttempts = 3;
    for (int attempt = 1;; ++attempt) {
      port_ = FreeLoopbackPort();
      const std::string stem = scratch_.path() + "/demo" + std::to_string(attempt);
      process_.reset();
      process_.emplace(std::vector<std::string>{TELLALD_PATH, "--demo", "--listen",
                                                "127.0.0.1:" + std::to_string(port_), "--demo-latency-ms", latency_ms},
                       // Its temporary directory goes inside ours, so
                       // nothing is left behind even if it is killed.
                       EnvChanges{{"TMPDIR", scratch_.path()}}, stem + ".out", stem + ".err");
      process_->WatchForFailures();
      std::optional<Banner> banner;
      const bool ended = DaemonHarness::WaitUntil(
          [&] { return (banner = ParseBanner(process_->StdOut())) || !process_->Running(); }, 30s);
      if (banner) {
        banner_ = *banner;
        break;
      }
      // The port was free when chosen; with tests running side by side
      // another process can take it first. Anything else is the demo's.
      const bool port_taken = process_->StdErr().find("Address already in use") != std::string::npos;
      if (!ended || !port_taken || attempt == kAttempts) FAIL("tellald --demo printed no banner; see its output");
    }
    auto url = cli::ParseApiUrl(banner_.url);
    REQUIRE(url.ok());
    client_.emplace(*url);
  }

  uint16_t port() const { return port_; }
  const Banner& banner() const { return banner_; }
  ChildProcess& Process() { return *process_; }
  const ScratchDir& scratch() const { return scratch_; }

  struct Reply {
    int status = 0;
    json body;
  };
  // With the printed token unless `token` says otherwise ("" for none).
  Reply Call(const std::string& method, const std::string& path, const json& body = nullptr,
             std::optional<std::string> token = std::nullopt) {
    net::HttpHeaders headers;
    const std::string bearer = token.value_or(banner_.token);
    if (!bearer.empty()) headers.emplace_back("Authorization", "Bearer " + bearer);
    std::string payload;
    if (!body.is_null()) {
      headers.emplace_back("Content-Type", "application/json");
      payload = body.dump();
    }
    auto reply = client_->Request(method, path, payload, headers);
    if (!reply) FAIL(method << " " << path << ": " << reply.error().message);
    return Reply{reply->status, json::parse(reply->body, nullptr, false)};
  }
  json Get(const std::string& path) {
    Reply r = Call("GET", path);
    INFO("GET " << path << ": " << r.body.dump());
    REQUIRE(r.status == 200);
    return r.body;
  }
  bool AllReady() {
    json modems = Get("/api/v1/modems")["modems"];
    for (json& m : modems) {
      if (m.value("state", "") != "ready" && m.value("state", "") != "busy") return false;
    }
    return modems.size() == 4;
  }

 private:
  ScratchDir scratch_;
  uint16_t port_ = 0;
  std::optional<ChildProcess> process_;
  Banner banner_;
  std::optional<net::BlockingHttpClient> client_;
};

TEST_CASE("Demo: tellald --demo prints a working token, runs four different modems, and exits 0 on SIGTERM", "[demo]") {
  Demo demo("20");
  const Banner& banner = demo.banner();
  CHECK(banner.url == "http://127.0.0.1:" + std::to_string(demo.port()));
  CHECK(banner.token.size() == 32);
  CHECK(banner.directory.starts_with(demo.scratch().path() + "/"));
  // The web panel's address and a random password that logs in.
  CHECK(banner.panel == banner.url + "/");
  CHECK(banner.panel_password.size() == 16);
  CHECK(demo.Call("POST", "/api/v1/session", json{{"password", "not-the-password"}}, "").status == 401);
  auto login = demo.Call("POST", "/api/v1/session", json{{"password", banner.panel_password}}, "");
  CHECK(login.status == 200);
  CHECK(login.body["csrf_token"].is_string());

  CHECK(demo.Call("GET", "/api/v1/health", nullptr, "").status == 200);
  CHECK(demo.Call("GET", "/api/v1/modems", nullptr, "").status == 401);
  CHECK(demo.Call("GET", "/api/v1/modems", nullptr, "0123456789abcdef0123456789abcdef").status == 401);
  REQUIRE(DaemonHarness::WaitUntil([&] { return demo.AllReady(); }, 30s, 100ms));

  json modems = demo.Get("/api/v1/modems")["modems"];
  REQUIRE(modems.size() == 4);
  std::vector<std::string> ids, operators;
  std::set<std::string> makers, imsis;
  std::set<int> signals;
  for (json& m : modems) {
    ids.push_back(m.value("id", ""));
    operators.push_back(m.value("operator", ""));
    makers.insert(m.value("manufacturer", ""));
    imsis.insert(m.value("imsi", ""));
    if (m["signal_dbm"].is_number_integer()) signals.insert(m["signal_dbm"].get<int>());
  }
  CHECK(ids == std::vector<std::string>{"sim1", "sim2", "sim3", "sim4"});
  CHECK(operators == std::vector<std::string>{"Turkcell", "Vodafone TR", "Turk Telekom", "Turkcell"});
  CHECK(makers.size() == 3);  // Huawei, SIMCom and a generic modem
  CHECK(imsis.size() == 4);
  CHECK(signals.size() == 4);  // four different signal levels

  demo.Process().Signal(SIGTERM);
  const std::optional<int> status = demo.Process().Wait(30s);
  REQUIRE(status.has_value());
  CHECK(*status == 0);
  // The demo cleans up after itself.
  CHECK(!std::filesystem::exists(banner.directory));
}

TEST_CASE("Demo: a message sent with the printed token is delivered, and virtual recipients reply into the inbox",
          "[demo]") {
  Demo demo("0");
  REQUIRE(DaemonHarness::WaitUntil([&] { return demo.AllReady(); }, 30s, 100ms));

  // The `tellal send` line the banner prints works as printed.
  std::vector<std::string> send = demo.banner().tellal_send;
  send.insert(send.begin(), TELLAL_CLI_PATH);
  const ProcessResult printed =
      RunProcess(send, {{"TELLAL_URL", std::nullopt}, {"TELLAL_TOKEN", std::nullopt}}, demo.scratch().path());
  INFO("tellal send: exit " << printed.status << "\n" << printed.out << printed.err);
  CHECK(printed.status == 0);

  Demo::Reply posted =
      demo.Call("POST", "/api/v1/messages",
                {{"to", "05321234567"}, {"text", "Merhaba! Randevunuz yarın 10:00."}, {"report", true}});
  INFO(posted.body.dump());
  REQUIRE(posted.status == 202);
  const std::string path = "/api/v1/messages/" + std::to_string(posted.body["id"].get<int64_t>());
  REQUIRE(DaemonHarness::WaitUntil([&] { return demo.Get(path)["state"] == "delivered"; }, 30s, 100ms));
  json delivered = demo.Get(path);
  CHECK(delivered["to"] == "+905321234567");
  CHECK(delivered["delivered_at"].is_string());

  // A tenth of the demo's recipients answer, 3 to 20 s after their message,
  // from a random stream with a fixed seed: the same ones every run. Thirty
  // more recipients make a reply all but certain even if the seed changed.
  json batch = json::array();
  for (int i = 0; i < 30; ++i) {
    batch.push_back({{"to", "0532100" + std::to_string(1000 + i)}, {"text", "Kampanya " + std::to_string(i)}});
  }
  REQUIRE(demo.Call("POST", "/api/v1/messages", {{"messages", batch}}).status == 202);

  json replies;
  REQUIRE(DaemonHarness::WaitUntil(
      [&] {
        replies = demo.Get("/api/v1/inbox")["messages"];
        return !replies.empty();
      },
      45s, 250ms));
  // Each reply comes from someone the demo sent to, on the modem that
  // carried the message to them.
  std::map<std::string, std::set<std::string>> modems_of;  // recipient -> modems that sent to them
  json listed = demo.Get("/api/v1/messages?limit=1000");
  for (json& m : listed["messages"]) {
    if (m["modem"].is_string()) modems_of[m.value("to", "")].insert(m["modem"].get<std::string>());
  }
  for (json& reply : replies) {
    INFO(reply.dump());
    const std::string from = reply.value("from", "");
    REQUIRE(modems_of.count(from));
    CHECK(modems_of[from].count(reply.value("modem", "")) == 1);
    CHECK(!reply.value("text", "").empty());
    CHECK(reply["partial"] == false);
  }

  demo.Process().Signal(SIGTERM);
  const std::optional<int> status = demo.Process().Wait(30s);
  REQUIRE(status.has_value());
  CHECK(*status == 0);
}

TEST_CASE("Demo: the echo number answers every message, on the modem that sent it, quoting it", "[demo]") {
  Demo demo("0");
  REQUIRE(DaemonHarness::WaitUntil([&] { return demo.AllReady(); }, 30s, 100ms));
  // The banner names it, so a newcomer knows whom to write to.
  REQUIRE(demo.Process().StdOut().find("+905550000000") != std::string::npos);

  // Three messages, one long enough to go in parts: each gets its own reply.
  const std::vector<std::string> texts = {"Merhaba yankı", "İkinci mesaj: çalışıyor mu?",
                                          std::string(200, 'a') + " uzun"};
  for (const std::string& text : texts) {
    Demo::Reply posted = demo.Call("POST", "/api/v1/messages", {{"to", "05550000000"}, {"text", text}});
    INFO(posted.body.dump());
    REQUIRE(posted.status == 202);
  }
  json replies;
  REQUIRE(DaemonHarness::WaitUntil(
      [&] {
        replies = demo.Get("/api/v1/inbox?from=%2B905550000000")["messages"];
        return replies.size() >= texts.size();
      },
      45s, 250ms));
  CHECK(replies.size() == texts.size());
  std::set<std::string> quoted;
  for (json& reply : replies) quoted.insert(reply.value("text", ""));
  for (const std::string& text : texts) CHECK(quoted.count("Yankı: " + text) == 1);

  std::map<std::string, std::string> modem_of;  // text -> the modem that sent it
  // Held in a variable: a range-for over a member of the temporary Get()
  // returns would outlive it.
  json sent = demo.Get("/api/v1/messages?to=%2B905550000000")["messages"];
  REQUIRE(sent.size() == texts.size());
  for (json& m : sent) {
    REQUIRE(m["modem"].is_string());
    modem_of[m.value("text", "")] = m["modem"].get<std::string>();
  }
  for (json& reply : replies) {
    INFO(reply.dump());
    const std::string text = reply.value("text", "");
    REQUIRE(text.rfind("Yankı: ", 0) == 0);
    CHECK(reply.value("modem", "") == modem_of[text.substr(std::string("Yankı: ").size())]);
    CHECK(reply["partial"] == false);
  }

  demo.Process().Signal(SIGTERM);
  const std::optional<int> status = demo.Process().Wait(30s);
  REQUIRE(status.has_value());
  CHECK(*status == 0);
}

}  // namespace
}  // namespace tellal::integration
