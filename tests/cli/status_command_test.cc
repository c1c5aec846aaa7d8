#include "daemon/cli/status_command.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "command_harness.h"
#include "support/test_http_server.h"

using nlohmann::json;
using tellal::cli::FormatMessageStatus;
using tellal::cli::RunStatusCommand;
using tellal::cli::testing::CommandHarness;
using tellal::cli::testing::CommandRun;
using tellal::testing::RecordedRequest;
using tellal::testing::Reply;
using tellal::testing::TestHttpServer;

namespace {

// Shaped as tellald writes it: the segment list is segment_states, and an
// error is {"code", "text"}.
const char* const kMessage = R"({
  "id": 42, "client_ref": null, "to": "+905321234567", "text": "Merhaba Ayşe,\nrandevunuz yarın",
  "state": "delivered", "priority": "normal", "encoding": "gsm7-turkish", "segments": 2, "modem": "sim1",
  "attempts": 1, "error": null, "created_at": "2024-05-01T09:00:00.000+03:00",
  "sent_at": "2024-05-01T09:00:04.250+03:00", "delivered_at": "2024-05-01T09:00:09.000+03:00",
  "expired_at": null, "batch": "b7",
  "segment_states": [
    {"seq": 1, "state": "delivered", "modem": "sim1", "mr": 17, "sent_at": "2024-05-01T09:00:03.000+03:00",
     "reported_at": "2024-05-01T09:00:08.000+03:00"},
    {"seq": 2, "state": "pending", "modem": "sim1", "mr": 18, "sent_at": "2024-05-01T09:00:04.250+03:00",
     "reported_at": null}
  ]
})";

}  // namespace

TEST_CASE("status prints the message, its text and a table of its parts", "[status]") {
  TestHttpServer server([](const RecordedRequest& r) {
    if (r.path == "/api/v1/messages/42") return Reply(200, kMessage);
    return Reply(404, R"({"error":{"code":"not_found","message":"no such message"}})");
  });
  CommandHarness h;
  const CommandRun run = h.Run(RunStatusCommand, {"42", "--url", server.url(), "--token", "t"});
  CHECK(run.err == "");
  REQUIRE(run.status == 0);
  CHECK(server.requests().at(0).method == "GET");
  CHECK(server.requests().at(0).Header("Authorization") == "Bearer t");
  CHECK(run.out ==
        "id:            42\n"
        "to:            +905321234567\n"
        "state:         delivered\n"
        "priority:      normal\n"
        "encoding:      gsm7-turkish\n"
        "segments:      2\n"
        "modem:         sim1\n"
        "attempts:      1\n"
        "client_ref:    -\n"
        "error:         -\n"
        "created_at:    2024-05-01T09:00:00.000+03:00\n"
        "sent_at:       2024-05-01T09:00:04.250+03:00\n"
        "delivered_at:  2024-05-01T09:00:09.000+03:00\n"
        "expired_at:    -\n"
        "batch:         b7\n"
        "text:          Merhaba Ayşe,\u21B5randevunuz yarın\n"
        "\n"
        "PART  STATE      MODEM  MR  SENT AT                        REPORTED AT\n"
        "   1  delivered  sim1   17  2024-05-01T09:00:03.000+03:00  2024-05-01T09:00:08.000+03:00\n"
        "   2  pending    sim1   18  2024-05-01T09:00:04.250+03:00  -\n");
}

TEST_CASE("status shows a failed message's error and a message not yet sent", "[status]") {
  auto [error, shown] = GENERATE(table<std::string, std::string>({
      {R"({"code": "cms_500", "text": "unknown error"})", "cms_500: unknown error"},
      {R"({"code": "cms_500", "message": "unknown error"})", "cms_500: unknown error"},
      {R"({"code": "expired", "text": null})", "expired"},
      {R"("modem gone")", "modem gone"},
  }));
  // The daemon's segment_states, and the name the API contract gives, parts.
  for (const std::string list : {"segment_states", "parts"}) {
    const json failed = json::parse(R"({"id": 5, "state": "failed", "error": )" + error + ", \"" + list + "\": []}");
    CHECK(FormatMessageStatus(failed) ==
          "id:     5\nstate:  failed\nerror:  " + shown + "\n\nno part has been handed to a modem yet\n");
  }
}

TEST_CASE("status --json prints the server's JSON", "[status]") {
  TestHttpServer server([](const RecordedRequest&) { return Reply(200, kMessage); });
  CommandHarness h;
  const CommandRun run = h.Run(RunStatusCommand, {"--json", "42", "--url", server.url(), "--token", "t"});
  REQUIRE(run.status == 0);
  CHECK(run.out == std::string(kMessage) + "\n");
}

TEST_CASE("status of an unknown message fails with the API's error", "[status]") {
  TestHttpServer server(
      [](const RecordedRequest&) { return Reply(404, R"({"error":{"code":"not_found","message":"no message 99"}})"); });
  CommandHarness h;
  const CommandRun run = h.Run(RunStatusCommand, {"99", "--url", server.url(), "--token", "t"});
  CHECK(run.status == 1);
  CHECK(run.out == "");
  CHECK(run.err == "tellal status: HTTP 404 not_found: no message 99\n");
}

TEST_CASE("status percent-encodes the ID into the path", "[status]") {
  TestHttpServer server([](const RecordedRequest&) { return Reply(200, "{}"); });
  CommandHarness h;
  const CommandRun run = h.Run(RunStatusCommand, {"a/b c", "--url", server.url(), "--token", "t"});
  REQUIRE(run.status == 0);
  CHECK(server.requests().at(0).target == "/api/v1/messages/a%2Fb%20c");
}

TEST_CASE("status needs exactly one ID", "[status]") {
  CommandHarness h;
  for (const auto& args : std::vector<std::vector<std::string>>{{}, {"1", "2"}, {"--url"}}) {
    const CommandRun run = h.Run(RunStatusCommand, args);
    CHECK(run.status == 2);
    CHECK(run.err.find("Usage: tellal status [OPTIONS] [ID]") != std::string::npos);
  }
  const CommandRun help = h.Run(RunStatusCommand, {"--help"});
  CHECK(help.status == 0);
  CHECK(help.out.find("Usage: tellal status [OPTIONS] [ID]") != std::string::npos);
}
