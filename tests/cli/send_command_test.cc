#include "daemon/cli/send_command.h"

#include <stdlib.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "command_harness.h"
#include "support/test_http_server.h"

using nlohmann::json;
using tellal::cli::RunSendCommand;
using tellal::cli::testing::CommandHarness;
using tellal::cli::testing::CommandRun;
using tellal::testing::RecordedRequest;
using tellal::testing::RefusingPort;
using tellal::testing::Reply;
using tellal::testing::ScriptedReply;
using tellal::testing::TestHttpServer;

namespace {

bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// What tellald answers to POST /api/v1/messages: every message queued, ids
// counting up from 1, every 25th message two segments long.
ScriptedReply Accept(const RecordedRequest& r) {
  const json body = json::parse(r.body, nullptr, false);
  if (body.is_discarded()) return Reply(400, R"({"error":{"code":"invalid_json","message":"bad JSON"}})");
  static std::atomic<int> next_id{1};
  const auto answer = [](const json& m) {
    const int id = next_id++;
    return json{{"id", id},
                {"state", "queued"},
                {"to", m.value("to", "")},
                {"encoding", "gsm7"},
                {"segments", id % 25 == 0 ? 2 : 1}};
  };
  if (body.contains("messages")) {
    json out = json::array();
    for (const json& m : body["messages"]) out.push_back(answer(m));
    return Reply(202, json{{"messages", out}}.dump());
  }
  return Reply(202, answer(body).dump());
}

class TempFile {
 public:
  explicit TempFile(const std::string& content) {
    std::string pattern = (std::filesystem::temp_directory_path() / "tellal-recipients-XXXXXX").string();
    const int fd = ::mkstemp(pattern.data());
    REQUIRE(fd >= 0);
    ::close(fd);
    path_ = pattern;
    std::ofstream(path_, std::ios::binary) << content;
  }
  ~TempFile() { std::filesystem::remove(path_); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

std::vector<std::string> With(std::vector<std::string> args, const TestHttpServer& server) {
  args.insert(args.end(), {"--url", server.url(), "--token", "T0KEN"});
  return args;
}

std::string Recipients(int rows) {
  std::string csv = "name,phone,code\r\n";
  for (int i = 1; i <= rows; ++i) {
    csv += "\"Kişi " + std::to_string(i) + ", Bey\",+90532" + std::to_string(1000000 + i) + "," +
           std::to_string(1000 + i) + "\r\n";
  }
  return csv;
}

}  // namespace

TEST_CASE("send --to posts one message with its options and prints the outcome", "[send]") {
  TestHttpServer server(Accept);
  CommandHarness h;
  const CommandRun run =
      h.Run(RunSendCommand, With({"--to", "+905321234567", "--text", "Kodunuz: 482913", "--priority", "otp", "--report",
                                  "--valid-for", "300", "--at", "2024-05-01T09:00:00+03:00", "--modem", "sim2", "--ref",
                                  "order-77", "--encoding", "gsm7", "--flash"},
                                 server));
  CHECK(run.err == "");
  REQUIRE(run.status == 0);
  const auto requests = server.requests();
  REQUIRE(requests.size() == 1);
  const RecordedRequest& r = requests[0];
  CHECK(r.method == "POST");
  CHECK(r.target == "/api/v1/messages");
  CHECK(r.Header("Authorization") == "Bearer T0KEN");
  CHECK(r.Header("Content-Type") == "application/json");
  CHECK(json::parse(r.body) == json{{"to", "+905321234567"},
                                    {"text", "Kodunuz: 482913"},
                                    {"priority", "otp"},
                                    {"report", true},
                                    {"valid_for", 300},
                                    {"send_at", "2024-05-01T09:00:00+03:00"},
                                    {"modem", "sim2"},
                                    {"client_ref", "order-77"},
                                    {"encoding", "gsm7"},
                                    {"flash", true}});
  CHECK(Contains(run.out, "state:     queued\n"));
  CHECK(Contains(run.out, "to:        +905321234567\n"));
  CHECK(Contains(run.out, "encoding:  gsm7\n"));
  CHECK(Contains(run.out, "segments:  1\n"));
  CHECK(run.out.rfind("id:        ", 0) == 0);
}

TEST_CASE("send --to sends only the options given", "[send]") {
  TestHttpServer server(Accept);
  CommandHarness h;
  const CommandRun run = h.Run(RunSendCommand, With({"--to", "+905321234567", "--text", "Merhaba"}, server));
  REQUIRE(run.status == 0);
  CHECK(json::parse(server.requests().at(0).body) == json{{"to", "+905321234567"}, {"text", "Merhaba"}});
}

TEST_CASE("send --json prints the server's JSON as received", "[send]") {
  const std::string body = R"({"id": 42, "state": "queued", "to": "+905321234567", "encoding": "ucs2", "segments": 2})";
  TestHttpServer server([&body](const RecordedRequest&) { return Reply(202, body); });
  CommandHarness h;
  const CommandRun run = h.Run(RunSendCommand, With({"--to", "+905321234567", "--text", "ğ", "--json"}, server));
  REQUIRE(run.status == 0);
  CHECK(run.out == body + "\n");
}

TEST_CASE("send --ref says when the daemon already had the message", "[send]") {
  TestHttpServer server([](const RecordedRequest&) {
    return Reply(200, R"({"id":7,"state":"sent","to":"+905321234567","encoding":"gsm7","segments":1})");
  });
  CommandHarness h;
  const CommandRun run =
      h.Run(RunSendCommand, With({"--to", "+905321234567", "--text", "x", "--ref", "order-7"}, server));
  REQUIRE(run.status == 0);
  CHECK(Contains(run.out, "id:        7\n"));
  CHECK(Contains(run.out, "client_ref 'order-7' was accepted earlier"));
}

TEST_CASE("send --file sends 2,500 rows as batches of 1000, 1000 and 500", "[send]") {
  TestHttpServer server(Accept);
  TempFile file(Recipients(2500));
  CommandHarness h;
  h.err_is_terminal = true;
  const CommandRun run = h.Run(RunSendCommand, With({"--file", file.path(), "--text", "Merhaba {name}, kodunuz {code}",
                                                     "--priority", "bulk", "--ref-prefix", "camp1-"},
                                                    server));
  REQUIRE(run.status == 0);
  const auto requests = server.requests();
  REQUIRE(requests.size() == 3);
  std::vector<json> batches;
  for (const RecordedRequest& r : requests) {
    CHECK(r.target == "/api/v1/messages");
    CHECK(r.Header("Authorization") == "Bearer T0KEN");
    batches.push_back(json::parse(r.body).at("messages"));
  }
  CHECK(batches[0].size() == 1000);
  CHECK(batches[1].size() == 1000);
  CHECK(batches[2].size() == 500);
  CHECK(batches[0][0] == json{{"to", "+905321000001"},
                              {"text", "Merhaba Kişi 1, Bey, kodunuz 1001"},
                              {"priority", "bulk"},
                              {"client_ref", "camp1-1"}});
  CHECK(batches[0][999]["text"] == "Merhaba Kişi 1000, Bey, kodunuz 2000");
  CHECK(batches[1][0]["to"] == "+905321001001");
  CHECK(batches[1][0]["client_ref"] == "camp1-1001");
  CHECK(batches[2][499] == json{{"to", "+905321002500"},
                                {"text", "Merhaba Kişi 2500, Bey, kodunuz 3500"},
                                {"priority", "bulk"},
                                {"client_ref", "camp1-2500"}});
  // One kept-alive connection carries the whole send.
  CHECK(server.connections() == 1);
  CHECK(run.out == "accepted 2500 of 2500 messages, 2600 segments\nstates: queued 2500\n");
  CHECK(Contains(run.err, "\r[##############################] 2500/2500 "));
  CHECK(Contains(run.err, " msg/s"));
  CHECK(run.err.back() == '\n');
}

TEST_CASE("send --file draws no progress bar when stderr is not a terminal", "[send]") {
  TestHttpServer server(Accept);
  TempFile file(Recipients(3));
  CommandHarness h;
  const CommandRun run = h.Run(RunSendCommand, With({"--file", file.path(), "--text", "{code}", "--json"}, server));
  REQUIRE(run.status == 0);
  CHECK(run.err == "");
  const json out = json::parse(run.out);
  REQUIRE(out["messages"].size() == 3);
  CHECK(out["messages"][2]["to"] == "+905321000003");
  CHECK(out["messages"][2]["state"] == "queued");
}

TEST_CASE("send --file reads quoted, BOM-marked, CRLF files", "[send]") {
  TestHttpServer server(Accept);
  TempFile file(
      "\xEF\xBB\xBFto,ad,not\r\n"
      "+905321234567,\"Ayşe, Hanım\",\"iki\nsatır\"\r\n"
      "+905329876543,\"Can \"\"Jr\"\"\",x\r\n");
  CommandHarness h;
  const CommandRun run = h.Run(RunSendCommand, With({"--file", file.path(), "--text", "{{{ad}}}: {not}"}, server));
  REQUIRE(run.status == 0);
  const json batch = json::parse(server.requests().at(0).body).at("messages");
  REQUIRE(batch.size() == 2);
  CHECK(batch[0]["text"] == "{Ayşe, Hanım}: iki\nsatır");
  CHECK(batch[1]["text"] == "{Can \"Jr\"}: x");
  CHECK_FALSE(batch[0].contains("client_ref"));
}

TEST_CASE("send --file stops on template and row problems before sending anything", "[send]") {
  TestHttpServer server(Accept);
  TempFile file("to,name,code\n+905321234567,Ali,1\n+905329876543,,2\n");
  auto [text, message] = GENERATE(table<std::string, std::string>({
      {"Merhaba {name}, {kod}",
       "tellal send: text: the template uses {kod}, but the file has no column 'kod'; columns: to, name, code\n"},
      {"Merhaba {name}", "tellal send: " + std::string() + "FILE:\nrow 2 (line 3): no value for {name}\n"},
      {"Merhaba {name", "tellal send: text: '{' at character 9 is never closed (write {{ for a literal brace)\n"},
  }));
  CommandHarness h;
  const CommandRun run = h.Run(RunSendCommand, With({"--file", file.path(), "--text", text}, server));
  CHECK(run.status == 2);
  std::string expected = message;
  if (const size_t at = expected.find("FILE"); at != std::string::npos) expected.replace(at, 4, file.path());
  CHECK(run.err == expected);
  CHECK(server.requests().empty());
}

TEST_CASE("send --file reports a malformed CSV with its line", "[send]") {
  TestHttpServer server(Accept);
  TempFile file("to,name\n+905321234567,Al\"i\n");
  CommandHarness h;
  const CommandRun run = h.Run(RunSendCommand, With({"--file", file.path(), "--text", "{name}"}, server));
  CHECK(run.status == 2);
  CHECK(Contains(run.err, file.path() + ": line 2, field 2: a quote inside an unquoted field"));
  CHECK(server.requests().empty());

  const CommandRun missing =
      h.Run(RunSendCommand, With({"--file", file.path() + ".missing", "--text", "{name}"}, server));
  CHECK(missing.status == 2);
  CHECK(Contains(missing.err, ".missing: cannot open: No such file or directory"));
}

TEST_CASE("An API 400 is printed with its field, exit status 1", "[send]") {
  TestHttpServer server([](const RecordedRequest&) {
    return Reply(400,
                 R"({"error":{"code":"invalid_request","message":"'+90abc' is not a phone number","field":"to"}})");
  });
  CommandHarness h;
  const CommandRun run = h.Run(RunSendCommand, With({"--to", "+90abc", "--text", "x"}, server));
  CHECK(run.status == 1);
  CHECK(run.out == "");
  CHECK(run.err == "tellal send: HTTP 400 invalid_request: '+90abc' is not a phone number (field: to)\n");
}

TEST_CASE("A refused batch names the CSV row and what was already accepted", "[send]") {
  std::atomic<int> posts{0};
  TestHttpServer server([&posts](const RecordedRequest& r) {
    if (++posts == 2) {
      return Reply(400,
                   R"({"error":{"code":"invalid_request","message":"not a phone number","field":"to","index":17}})");
    }
    return Accept(r);
  });
  TempFile file(Recipients(2500));
  CommandHarness h;
  const CommandRun run = h.Run(RunSendCommand, With({"--file", file.path(), "--text", "{code}"}, server));
  CHECK(run.status == 1);
  CHECK(server.requests().size() == 2);
  CHECK(run.err == "tellal send: " + file.path() +
                       ": row 1018 (+905321001018): HTTP 400 invalid_request: not a phone number (field: to)\n"
                       "  1000 of 2500 messages were accepted before this\n"
                       "  running the command again would send those messages twice; next time use --ref-prefix\n");
}

TEST_CASE("A lost connection mid-send leaves the batch's outcome unknown, and says so", "[send]") {
  std::atomic<int> posts{0};
  TestHttpServer server([&posts](const RecordedRequest& r) {
    if (++posts == 2) {
      ScriptedReply cut = Reply(202, "{\"messages\": [");  // then the connection closes
      cut.close = true;
      return cut;
    }
    return Accept(r);
  });
  TempFile file(Recipients(1500));
  CommandHarness h;
  const CommandRun run =
      h.Run(RunSendCommand, With({"--file", file.path(), "--text", "{code}", "--ref-prefix", "c-"}, server));
  CHECK(run.status == 1);
  CHECK(Contains(run.err, "tellal send: malformed reply from " + server.url() + "/api/v1/messages (HTTP 202)"));
  CHECK(Contains(run.err,
                 "  1000 of 1500 messages were accepted before this; whether rows 1001-1500 were "
                 "accepted is unknown\n"));
  CHECK(Contains(run.err, "running the same command again sends only the messages the daemon does not have"));
}

TEST_CASE("401 says where the token came from", "[send]") {
  TestHttpServer server([](const RecordedRequest&) {
    return Reply(401, R"({"error":{"code":"unauthorized","message":"missing or wrong bearer token"}})");
  });
  CommandHarness h;
  const CommandRun flagged = h.Run(RunSendCommand, With({"--to", "+905321234567", "--text", "x"}, server));
  CHECK(flagged.status == 1);
  CHECK(flagged.err ==
        "tellal send: HTTP 401 unauthorized: missing or wrong bearer token\n  the token came from --token\n");

  h.env = {{"TELLAL_URL", server.url()}};
  const CommandRun none = h.Run(RunSendCommand, {"--to", "+905321234567", "--text", "x"});
  CHECK(none.status == 1);
  CHECK(Contains(none.err,
                 "HTTP 401 unauthorized: missing or wrong bearer token\n  no token was sent (none: no "
                 "--token or TELLAL_TOKEN, and the configuration could not be read"));
  CHECK_FALSE(server.requests().back().Header("Authorization").has_value());
}

TEST_CASE("The environment supplies URL and token", "[send]") {
  TestHttpServer server(Accept);
  CommandHarness h;
  h.env = {{"TELLAL_URL", server.url()}, {"TELLAL_TOKEN", "from-env"}};
  const CommandRun run = h.Run(RunSendCommand, {"--to", "+905321234567", "--text", "x"});
  REQUIRE(run.status == 0);
  CHECK(server.requests().at(0).Header("Authorization") == "Bearer from-env");
}

TEST_CASE("Connection refused is reported with the URL, exit status 1", "[send]") {
  RefusingPort refusing;
  const std::string url = "http://127.0.0.1:" + std::to_string(refusing.port());
  CommandHarness h;
  const CommandRun run = h.Run(RunSendCommand, {"--to", "+905321234567", "--text", "x", "--url", url, "--token", "t"});
  CHECK(run.status == 1);
  CHECK(run.err == "tellal send: cannot connect to " + url + ": Connection refused\n");
}

TEST_CASE("send usage errors exit 2 without contacting the daemon", "[send]") {
  TestHttpServer server(Accept);
  auto [args, message] = GENERATE(table<std::vector<std::string>, std::string>({
      {{"--to", "+905321234567"}, "tellal send: --text is required\n"},
      {{"--text", "x"}, "tellal send: --to or --file is required\n"},
      {{"--to", "+1", "--file", "f.csv", "--text", "x"}, "tellal send: give --to or --file, not both\n"},
      {{"--to", "+1", "--text", "x", "--priority", "urgent"},
       "tellal send: --priority: 'urgent' is not otp, normal or bulk\n"},
      {{"--to", "+1", "--text", "x", "--encoding", "latin1"},
       "tellal send: --encoding: 'latin1' is not auto, gsm7 or ucs2\n"},
      {{"--to", "+1", "--text", "x", "--at", "tomorrow"},
       "tellal send: --at: 'tomorrow' is not an RFC 3339 time such as 2024-05-01T09:00:00+03:00\n"},
      {{"--to", "+1", "--text", "x", "--valid-for", "0"}, "tellal send: --valid-for: 0 is outside 1..2147483647\n"},
      {{"--to", "+1", "--text", "x", "--ref-prefix", "p"},
       "tellal send: --ref-prefix is for --file; one message takes --ref\n"},
      {{"--file", "f.csv", "--text", "x", "--ref", "r"},
       "tellal send: --ref names one message; with --file use --ref-prefix\n"},
      {{"--to", "+1", "--text", "x", "--bogus"}, "tellal send: unknown option --bogus\n"},
      {{"--to", "+1", "--text", "x", "extra"}, "tellal send: unexpected argument 'extra'\n"},
  }));
  CommandHarness h;
  const CommandRun run = h.Run(RunSendCommand, With(args, server));
  CHECK(run.status == 2);
  CHECK(run.err.substr(0, run.err.find('\n') + 1) == message);
  CHECK(Contains(run.err, "Usage: tellal send [OPTIONS]"));
  CHECK(server.requests().empty());
}

TEST_CASE("Invalid UTF-8 in --text is a usage error", "[send]") {
  TestHttpServer server(Accept);
  CommandHarness h;
  const CommandRun run = h.Run(RunSendCommand, With({"--to", "+1", "--text", "caf\xe9"}, server));
  CHECK(run.status == 2);
  CHECK(Contains(run.err, "tellal send: --text: "));
  CHECK(server.requests().empty());
}

TEST_CASE("An https URL is refused before sending", "[send]") {
  CommandHarness h;
  const CommandRun run =
      h.Run(RunSendCommand, {"--to", "+1", "--text", "x", "--url", "https://gw:8443", "--token", "t"});
  CHECK(run.status == 2);
  CHECK(Contains(run.err, "https is not supported by tellal's built-in client"));
}

TEST_CASE("send --help documents the options and safe re-runs", "[send]") {
  CommandHarness h;
  const CommandRun run = h.Run(RunSendCommand, {"--help"});
  CHECK(run.status == 0);
  for (const char* option : {"--to", "--file", "--text", "--priority", "--at", "--valid-for", "--report", "--modem",
                             "--ref ", "--ref-prefix", "--encoding", "--flash", "--json", "--url", "--token",
                             "--config", "does not send anything twice", "TELLAL_URL", "TELLAL_TOKEN"}) {
    CAPTURE(option);
    CHECK(Contains(run.out, option));
  }
}
