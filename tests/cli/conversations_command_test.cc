#include "daemon/cli/conversations_command.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "command_harness.h"
#include "support/test_http_server.h"

using nlohmann::json;
using tellal::cli::RunConversationsCommand;
using tellal::cli::testing::CommandHarness;
using tellal::cli::testing::CommandRun;
using tellal::testing::RecordedRequest;
using tellal::testing::Reply;
using tellal::testing::TestHttpServer;

namespace {

json Entry(const std::string& direction, int id, const std::string& at, const std::string& text,
           const json& state = nullptr) {
  return json{{"direction", direction}, {"id", id},       {"text", text},          {"at", at},
              {"modem", "sim2"},        {"state", state}, {"error_code", nullptr}, {"read", nullptr},
              {"undecodable", false}};
}

json Conversation(const std::string& number, const json& name, int unread, const json& last) {
  return json{
      {"number", number}, {"contact_name", name}, {"unread", unread}, {"last_inbound_modem", "sim2"}, {"last", last}};
}

std::vector<std::string> With(std::vector<std::string> args, const TestHttpServer& server) {
  args.insert(args.end(), {"--url", server.url(), "--token", "t"});
  return args;
}

}  // namespace

TEST_CASE("conversations lists one row per number with its last message", "[conversations]") {
  TestHttpServer server([](const RecordedRequest&) {
    json page{{"conversations",
               {Conversation("+905321234567", "Ayşe Yılmaz", 2,
                             Entry("inbound", 7, "2024-05-01T10:02:00+03:00", "Kargo nerede?")),
                Conversation("+905329876543", nullptr, 0,
                             Entry("outbound", 3, "2024-05-01T09:00:00+03:00", "Kodunuz 1234", "sent"))}},
              {"next_cursor", nullptr}};
    return Reply(200, page.dump());
  });
  CommandHarness h;
  const CommandRun run = h.Run(RunConversationsCommand, With({"--search", "+90532", "--limit", "5"}, server));
  CHECK(run.err == "");
  REQUIRE(run.status == 0);
  CHECK(server.requests().at(0).target == "/api/v1/conversations?q=%2B90532&limit=5");
  CHECK(run.out ==
        "LAST                       NUMBER         NAME         UNREAD  REPLY VIA     MESSAGE\n"
        "2024-05-01T10:02:00+03:00  +905321234567  Ayşe Yılmaz  2       sim2       <  Kargo nerede?\n"
        "2024-05-01T09:00:00+03:00  +905329876543  -            0       sim2       >  Kodunuz 1234\n");
}

TEST_CASE("conversations NUMBER shows the thread with the number escaped in the path", "[conversations]") {
  TestHttpServer server([](const RecordedRequest&) {
    json thread = Conversation("+905321234567", nullptr, 1, json::object());
    thread["messages"] = {Entry("inbound", 7, "2024-05-01T10:02:00+03:00", "Kargo nerede?"),
                          Entry("outbound", 9, "2024-05-01T10:05:00+03:00", "Yolda", "queued")};
    thread["next_cursor"] = "t1:0:7";
    return Reply(200, thread.dump());
  });
  CommandHarness h;
  const CommandRun run = h.Run(RunConversationsCommand, With({"+905321234567"}, server));
  REQUIRE(run.status == 0);
  CHECK(server.requests().at(0).target == "/api/v1/conversations/%2B905321234567");
  CHECK(run.out ==
        "+905321234567  -  unread 1  replies via sim2\n"
        "TIME                          MODEM  STATE   TEXT\n"
        "2024-05-01T10:02:00+03:00  <  sim2   -       Kargo nerede?\n"
        "2024-05-01T10:05:00+03:00  >  sim2   queued  Yolda\n");
  CHECK(run.err == "(older messages exist; use --limit N to see more)\n");
}

TEST_CASE("conversations reports the API's refusal and bad usage", "[conversations]") {
  TestHttpServer server([](const RecordedRequest&) {
    return Reply(400, R"({"error": {"code": "invalid_number", "message": "number: too short", "field": "number"}})");
  });
  CommandHarness h;
  const CommandRun refused = h.Run(RunConversationsCommand, With({"12"}, server));
  CHECK(refused.status == 1);
  CHECK_THAT(refused.err, Catch::Contains("number: too short"));
  const CommandRun both = h.Run(RunConversationsCommand, With({"+905321234567", "--search", "a"}, server));
  CHECK(both.status == 2);
  const CommandRun limit = h.Run(RunConversationsCommand, With({"--limit", "0"}, server));
  CHECK(limit.status == 2);
  CHECK_THAT(limit.err, Catch::Contains("--limit"));
}
