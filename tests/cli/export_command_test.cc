#include "daemon/cli/export_command.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "command_harness.h"
#include "support/test_http_server.h"
#include "tests/daemon/store/temp_dir.h"

using tellal::cli::RunExportCommand;
using tellal::cli::testing::CommandHarness;
using tellal::cli::testing::CommandRun;
using tellal::testing::RecordedRequest;
using tellal::testing::ScriptedReply;
using tellal::testing::TestHttpServer;

namespace {

std::vector<std::string> With(std::vector<std::string> args, const TestHttpServer& server) {
  args.insert(args.end(), {"--url", server.url(), "--token", "t"});
  return args;
}

// Two pages: the first names the second's cursor in Tellal-Next-Cursor.
ScriptedReply Paged(const RecordedRequest& r, const std::string& content_type, const std::string& first,
                    const std::string& second) {
  ScriptedReply reply;
  reply.status = 200;
  reply.content_type = content_type;
  if (!r.Param("cursor")) {
    reply.body = first;
    reply.headers.emplace_back("Tellal-Next-Cursor", "m2");
  } else {
    reply.body = second;
  }
  return reply;
}

std::string Read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

TEST_CASE("export follows the cursor header and writes every page to stdout", "[export]") {
  TestHttpServer server([](const RecordedRequest& r) {
    return Paged(r, "application/x-ndjson", "{\"id\":3}\n{\"id\":2}\n", "{\"id\":1}\n");
  });
  CommandHarness h;
  const CommandRun run = h.Run(RunExportCommand, With({"--since", "2024-05-01T00:00:00+03:00"}, server));
  CHECK(run.err == "");
  REQUIRE(run.status == 0);
  CHECK(run.out == "{\"id\":3}\n{\"id\":2}\n{\"id\":1}\n");
  REQUIRE(server.requests().size() == 2);
  CHECK(server.requests()[0].path == "/api/v1/export");
  CHECK(server.requests()[0].Param("since") == "2024-05-01T00%3A00%3A00%2B03%3A00");
  CHECK(server.requests()[1].Param("cursor") == "m2");
  CHECK(server.requests()[1].Param("since") == "2024-05-01T00%3A00%3A00%2B03%3A00");
}

TEST_CASE("export --output writes the file only once every page is in", "[export]") {
  tellal::store::testing::TempDir dir;
  const std::string path = dir.File("inbox.csv");
  SECTION("complete") {
    TestHttpServer server([](const RecordedRequest& r) {
      return Paged(r, "text/csv", "id,from,text\r\n2,+90532,\"a,b\"\r\n", "1,+90533,c\r\n");
    });
    CommandHarness h;
    const CommandRun run =
        h.Run(RunExportCommand, With({"--what", "inbox", "--format", "csv", "--output", path}, server));
    REQUIRE(run.status == 0);
    CHECK(run.out == "");
    CHECK(Read(path) == "id,from,text\r\n2,+90532,\"a,b\"\r\n1,+90533,c\r\n");
    CHECK(server.requests()[0].Param("what") == "inbox");
    CHECK(server.requests()[0].Param("format") == "csv");
    CHECK_FALSE(std::filesystem::exists(path + ".partial"));
  }
  SECTION("the daemon fails half-way: no file") {
    TestHttpServer server([](const RecordedRequest& r) {
      if (!r.Param("cursor")) return Paged(r, "text/csv", "id\r\n2\r\n", "");
      ScriptedReply full;
      full.status = 507;
      full.body = R"({"error": {"code": "storage_full", "message": "the daemon's disk is full"}})";
      return full;
    });
    CommandHarness h;
    const CommandRun run = h.Run(RunExportCommand, With({"--format", "csv", "--output", path}, server));
    CHECK(run.status != 0);
    CHECK_THAT(run.err, Catch::Contains("storage_full"));
    CHECK_FALSE(std::filesystem::exists(path));
    CHECK_FALSE(std::filesystem::exists(path + ".partial"));
  }
}

TEST_CASE("export refuses bad options before calling the daemon", "[export]") {
  auto [args, message] = GENERATE(table<std::vector<std::string>, std::string>({
      {{"--what", "outbox"}, "--what: expected messages or inbox"},
      {{"--format", "xml"}, "--format: expected jsonl or csv"},
      {{"--until", "yesterday"}, "--until: 'yesterday' is not an RFC 3339 time"},
  }));
  TestHttpServer server([](const RecordedRequest&) { return ScriptedReply{}; });
  CommandHarness h;
  const CommandRun run = h.Run(RunExportCommand, With(args, server));
  CHECK(run.status == tellal::cli::kExitUsage);
  CHECK_THAT(run.err, Catch::Contains(message));
  CHECK(server.requests().empty());
}
