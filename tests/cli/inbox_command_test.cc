#include "daemon/cli/inbox_command.h"

#include <atomic>
#include <catch2/catch.hpp>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "command_harness.h"
#include "daemon/net/url.h"
#include "support/test_http_server.h"

using nlohmann::json;
using tellal::cli::RunInboxCommand;
using tellal::cli::testing::CommandHarness;
using tellal::cli::testing::CommandRun;
using tellal::testing::RecordedRequest;
using tellal::testing::Reply;
using tellal::testing::ScriptedReply;
using tellal::testing::TestHttpServer;

namespace {

json Inbound(int id, const std::string& at, const std::string& from, const std::string& text, bool partial = false) {
  return json{{"id", id},        {"from", from}, {"text", text},      {"received_at", at},
              {"modem", "sim1"}, {"parts", 1},   {"partial", partial}};
}

std::string Page(const std::vector<json>& messages, const std::optional<std::string>& next = std::nullopt) {
  return json{{"messages", messages}, {"next_cursor", next ? json(*next) : json(nullptr)}}.dump();
}

std::vector<std::string> With(std::vector<std::string> args, const TestHttpServer& server) {
  args.insert(args.end(), {"--url", server.url(), "--token", "t"});
  return args;
}

}  // namespace

TEST_CASE("inbox lists received messages newest first", "[inbox]") {
  TestHttpServer server([](const RecordedRequest&) {
    return Reply(200, Page({Inbound(3, "2024-05-01T10:02:00+03:00", "+905321234567", "Evet, geliyorum"),
                            Inbound(2, "2024-05-01T10:01:00+03:00", "+905329876543", "İptal\nlütfen", true)}));
  });
  CommandHarness h;
  const CommandRun run = h.Run(RunInboxCommand, With({}, server));
  CHECK(run.err == "");
  REQUIRE(run.status == 0);
  CHECK(server.requests().at(0).target == "/api/v1/inbox");
  CHECK(run.out ==
        "RECEIVED                   FROM           MODEM  TEXT\n"
        "2024-05-01T10:02:00+03:00  +905321234567  sim1   Evet, geliyorum\n"
        "2024-05-01T10:01:00+03:00  +905329876543  sim1   (incomplete) İptal\u21B5lütfen\n");
}

TEST_CASE("inbox shows an undecodable message as its reason and raw PDU", "[inbox]") {
  json undecodable = Inbound(4, "2024-05-01T10:03:00+03:00", "", "");
  undecodable["from"] = nullptr;
  undecodable["undecodable"] = true;
  undecodable["raw_pdu"] = "00040B91";
  undecodable["undecodable_reason"] = "malformed-pdu: TP-OA: missing";
  json normal = Inbound(3, "2024-05-01T10:02:00+03:00", "+905321234567", "Evet");
  normal["undecodable"] = false;
  normal["raw_pdu"] = nullptr;
  normal["undecodable_reason"] = nullptr;
  TestHttpServer server([&](const RecordedRequest&) { return Reply(200, Page({undecodable, normal})); });
  CommandHarness h;
  const CommandRun run = h.Run(RunInboxCommand, With({}, server));
  CHECK(run.err == "");
  REQUIRE(run.status == 0);
  CHECK(run.out ==
        "RECEIVED                   FROM           MODEM  TEXT\n"
        "2024-05-01T10:03:00+03:00  -              sim1   (undecodable: malformed-pdu: TP-OA: missing) 00040B91\n"
        "2024-05-01T10:02:00+03:00  +905321234567  sim1   Evet\n");
}

TEST_CASE("inbox passes its filters as query parameters, percent-encoded", "[inbox]") {
  TestHttpServer server([](const RecordedRequest&) { return Reply(200, Page({})); });
  CommandHarness h;
  const CommandRun run =
      h.Run(RunInboxCommand,
            With({"--from", "+905321234567", "--since", "2024-05-01T00:00:00+03:00", "--limit", "5"}, server));
  REQUIRE(run.status == 0);
  CHECK(run.out == "no messages\n");
  const RecordedRequest r = server.requests().at(0);
  CHECK(r.path == "/api/v1/inbox");
  CHECK(r.Param("from") == "%2B905321234567");
  CHECK(r.Param("since") == "2024-05-01T00%3A00%3A00%2B03%3A00");
  CHECK(r.Param("limit") == "5");
  CHECK_FALSE(r.Param("cursor").has_value());
}

TEST_CASE("inbox --limit follows the cursor until it has enough", "[inbox]") {
  TestHttpServer server([](const RecordedRequest& r) {
    if (!r.Param("cursor")) {
      return Reply(
          200,
          Page({Inbound(9, "2024-05-01T10:09:00Z", "+1", "a"), Inbound(8, "2024-05-01T10:08:00Z", "+1", "b")}, "c2"));
    }
    return Reply(200, Page({Inbound(7, "2024-05-01T10:07:00Z", "+1", "c")}, "c3"));
  });
  CommandHarness h;
  const CommandRun run = h.Run(RunInboxCommand, With({"--limit", "3", "--json"}, server));
  REQUIRE(run.status == 0);
  const auto requests = server.requests();
  REQUIRE(requests.size() == 2);
  CHECK(requests[0].Param("limit") == "3");
  CHECK(requests[1].Param("limit") == "1");
  CHECK(requests[1].Param("cursor") == "c2");
  const json out = json::parse(run.out);
  REQUIRE(out["messages"].size() == 3);
  CHECK(out["messages"][2]["id"] == 7);
  CHECK(out["next_cursor"] == "c3");
}

TEST_CASE("inbox --limit above the API's page size is fetched in pages of at most 1000", "[inbox]") {
  std::atomic<int> id{0};
  TestHttpServer server([&id](const RecordedRequest& r) {
    std::vector<json> page;
    const int n = std::stoi(r.Param("limit").value_or("0"));
    for (int i = 0; i < n; ++i) page.push_back(Inbound(++id, "2024-05-01T10:00:00.000Z", "+1", "x"));
    return Reply(200, Page(page, "p" + std::to_string(id.load())));
  });
  CommandHarness h;
  const CommandRun run = h.Run(RunInboxCommand, With({"--limit", "2500", "--json"}, server));
  REQUIRE(run.status == 0);
  const auto requests = server.requests();
  REQUIRE(requests.size() == 3);
  CHECK(requests[0].Param("limit") == "1000");
  CHECK(requests[1].Param("limit") == "1000");
  CHECK(requests[1].Param("cursor") == "p1000");
  CHECK(requests[2].Param("limit") == "500");
  CHECK(json::parse(run.out)["messages"].size() == 2500);
}

TEST_CASE("inbox --json prints the server's JSON as received", "[inbox]") {
  const std::string page = Page({Inbound(1, "2024-05-01T10:00:00Z", "+1", "x")}, "next");
  TestHttpServer server([&page](const RecordedRequest&) { return Reply(200, page); });
  CommandHarness h;
  const CommandRun run = h.Run(RunInboxCommand, With({"--json"}, server));
  REQUIRE(run.status == 0);
  CHECK(run.out == page + "\n");
  CHECK(run.err == "");
}

TEST_CASE("inbox without --limit says when older messages exist", "[inbox]") {
  TestHttpServer server(
      [](const RecordedRequest&) { return Reply(200, Page({Inbound(1, "2024-05-01T10:00:00Z", "+1", "x")}, "more")); });
  CommandHarness h;
  const CommandRun run = h.Run(RunInboxCommand, With({}, server));
  REQUIRE(run.status == 0);
  CHECK(run.err == "(older messages exist; use --limit N to list more)\n");
}

TEST_CASE("inbox --follow prints arrivals oldest first, each once", "[inbox]") {
  // The inbox grows while the command follows it; polls see what has
  // arrived by then, newest first, from `since` on (inclusive).
  std::mutex mutex;
  std::vector<json> inbox = {Inbound(1, "2024-05-01T10:00:00Z", "+1", "first"),
                             Inbound(2, "2024-05-01T10:00:05Z", "+2", "second")};
  TestHttpServer server([&](const RecordedRequest& r) {
    std::lock_guard<std::mutex> lock(mutex);
    const std::string since = tellal::net::PercentDecode(r.Param("since").value_or(""));
    std::vector<json> page;
    for (auto it = inbox.rbegin(); it != inbox.rend(); ++it) {
      if ((*it)["received_at"].get<std::string>() >= since) page.push_back(*it);
    }
    return Reply(200, Page(page));
  });
  CommandHarness h;
  h.before_poll = [&](int poll) {
    std::lock_guard<std::mutex> lock(mutex);
    if (poll == 1) {
      inbox.push_back(Inbound(3, "2024-05-01T10:00:07Z", "+3", "third"));
      inbox.push_back(Inbound(4, "2024-05-01T10:00:07Z", "+4", "fourth, same second"));
    }
    return poll <= 3;  // the fourth wait is "interrupted"
  };
  const CommandRun run = h.Run(RunInboxCommand, With({"--follow"}, server));
  CHECK(run.err == "");
  REQUIRE(run.status == 0);
  CHECK(run.out ==
        "2024-05-01T10:00:00Z  +1  sim1  first\n"
        "2024-05-01T10:00:05Z  +2  sim1  second\n"
        "2024-05-01T10:00:07Z  +3  sim1  third\n"
        "2024-05-01T10:00:07Z  +4  sim1  fourth, same second\n");
  const auto requests = server.requests();
  REQUIRE(requests.size() == 4);  // the listing, then three polls
  CHECK_FALSE(requests[0].Param("since").has_value());
  CHECK(requests[1].Param("since") == "2024-05-01T10%3A00%3A05Z");
  CHECK(requests[2].Param("since") == "2024-05-01T10%3A00%3A07Z");
  CHECK(requests[3].Param("since") == "2024-05-01T10%3A00%3A07Z");
  CHECK(server.connections() == 1);
}

TEST_CASE("inbox --follow orders arrivals by instant when the offset changes", "[inbox]") {
  // 07:30Z is later than 10:00+03:00 (07:00Z) though it sorts before it as text.
  std::atomic<int> calls{0};
  TestHttpServer server([&calls](const RecordedRequest&) {
    const json old = Inbound(1, "2024-05-01T10:00:00.000+03:00", "+1", "old");
    if (++calls == 1) return Reply(200, Page({old}));
    return Reply(200, Page({Inbound(2, "2024-05-01T07:30:00.000Z", "+2", "new"), old}));
  });
  CommandHarness h;
  h.before_poll = [](int poll) { return poll <= 2; };
  const CommandRun run = h.Run(RunInboxCommand, With({"--follow"}, server));
  REQUIRE(run.status == 0);
  CHECK(run.out ==
        "2024-05-01T10:00:00.000+03:00  +1  sim1  old\n"
        "2024-05-01T07:30:00.000Z  +2  sim1  new\n");
  const auto requests = server.requests();
  REQUIRE(requests.size() == 3);
  CHECK(requests[1].Param("since") == "2024-05-01T10%3A00%3A00.000%2B03%3A00");
  CHECK(requests[2].Param("since") == "2024-05-01T07%3A30%3A00.000Z");
}

TEST_CASE("inbox --follow --json prints one object per line", "[inbox]") {
  std::atomic<int> calls{0};
  TestHttpServer server([&calls](const RecordedRequest&) {
    if (++calls == 1) return Reply(200, Page({}));
    return Reply(200,
                 Page({Inbound(2, "2024-05-01T10:00:02Z", "+2", "b"), Inbound(1, "2024-05-01T10:00:01Z", "+1", "a")}));
  });
  CommandHarness h;
  h.before_poll = [](int poll) { return poll == 1; };
  const CommandRun run = h.Run(RunInboxCommand, With({"--follow", "--json"}, server));
  REQUIRE(run.status == 0);
  CHECK(run.out == Inbound(1, "2024-05-01T10:00:01Z", "+1", "a").dump() + "\n" +
                       Inbound(2, "2024-05-01T10:00:02Z", "+2", "b").dump() + "\n");
}

TEST_CASE("inbox --follow rides out a daemon restart but stops on a 401", "[inbox]") {
  std::atomic<int> calls{0};
  TestHttpServer server([&calls](const RecordedRequest&) {
    const int n = ++calls;
    if (n == 2 || n == 3) return Reply(503, R"({"error":{"code":"starting","message":"daemon is starting"}})");
    if (n == 5) return Reply(401, R"({"error":{"code":"unauthorized","message":"wrong token"}})");
    return Reply(200, Page({}));
  });
  CommandHarness h;
  h.before_poll = [](int) { return true; };
  const CommandRun run = h.Run(RunInboxCommand, With({"--follow"}, server));
  CHECK(run.status == 1);
  CHECK(h.polls == 4);
  CHECK(run.err ==
        "tellal inbox: HTTP 503 starting: daemon is starting (still trying)\n"
        "tellal inbox: reconnected\n"
        "tellal inbox: HTTP 401 unauthorized: wrong token\n"
        "  the token came from --token\n");
}

TEST_CASE("inbox usage errors exit 2", "[inbox]") {
  auto [args, message] = GENERATE(table<std::vector<std::string>, std::string>({
      {{"--since", "yesterday"},
       "tellal inbox: --since: 'yesterday' is not an RFC 3339 time such as 2024-05-01T00:00:00+03:00"},
      {{"--limit", "0"}, "tellal inbox: --limit: 0 is outside 1..1000000"},
      {{"--limit", "ten"}, "tellal inbox: --limit: 'ten' is not a whole number"},
      {{"extra"}, "tellal inbox: unexpected argument 'extra'"},
  }));
  CommandHarness h;
  const CommandRun run = h.Run(RunInboxCommand, args);
  CHECK(run.status == 2);
  CHECK(run.err.substr(0, run.err.find('\n')) == message);
}
