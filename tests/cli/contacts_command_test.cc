#include "daemon/cli/contacts_command.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <string>
#include <vector>

#include "command_harness.h"
#include "support/test_http_server.h"
#include "tests/daemon/store/temp_dir.h"

using tellal::cli::CsvPiece;
using tellal::cli::RunContactsCommand;
using tellal::cli::SplitCsv;
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

}  // namespace

TEST_CASE("SplitCsv repeats the header and keeps quoted line breaks and blank lines in their piece", "[contacts]") {
  const std::string csv =
      "\xEF\xBB\xBFnumber;name\r\n"
      "+905320000001;\"two\nlines\"\r\n"
      "\r\n"
      "+905320000002;Ayşe\r\n"
      "+905320000003;Şule";
  const std::vector<CsvPiece> pieces = SplitCsv(csv, 2);
  REQUIRE(pieces.size() == 2);
  CHECK(pieces[0].text == "\xEF\xBB\xBFnumber;name\r\n+905320000001;\"two\nlines\"\r\n\r\n");
  CHECK(pieces[0].first_row == 2);
  CHECK(pieces[0].records == 2);
  CHECK(pieces[1].text == "\xEF\xBB\xBFnumber;name\r\n+905320000002;Ayşe\r\n+905320000003;Şule\r\n");
  CHECK(pieces[1].first_row == 4);
  CHECK(SplitCsv("number\r\n", 10).empty());
  CHECK(SplitCsv("", 10).empty());
}

TEST_CASE("contacts import posts the file in pieces and maps refused rows back to the file", "[contacts]") {
  TestHttpServer server([](const RecordedRequest& r) {
    ScriptedReply reply;
    // The second piece's first row (its row 2) is refused.
    const bool second = r.body.find("+905320000003") != std::string::npos;
    reply.body = second ? R"({"created": 1, "updated": 0, "rejected": [{"row": 2, "field": "number", "error": "bad"}]})"
                        : R"({"created": 1, "updated": 1, "rejected": []})";
    return reply;
  });
  tellal::store::testing::TempDir dir;
  const std::string path = dir.File("c.csv");
  std::ofstream(path) << "number,name\n+905320000001,A\n+905320000002,B\nxx,C\n+905320000003,D\n";
  CommandHarness h;
  const CommandRun run = h.Run(RunContactsCommand, With({"import", path, "--chunk", "2"}, server));
  CHECK(run.err == "");
  REQUIRE(run.status == 0);
  REQUIRE(server.requests().size() == 2);
  CHECK(server.requests()[0].path == "/api/v1/contacts/import");
  CHECK(server.requests()[0].Header("content-type") == "text/csv; charset=utf-8");
  CHECK(server.requests()[0].body == "number,name\n+905320000001,A\n+905320000002,B\n");
  CHECK(server.requests()[1].body == "number,name\nxx,C\n+905320000003,D\n");
  CHECK(run.out == "2 created, 1 updated, 1 rejected\n  row 4 (number): bad\n");
}

TEST_CASE("contacts import reports an API refusal with the rows it concerned", "[contacts]") {
  TestHttpServer server([](const RecordedRequest&) {
    ScriptedReply reply;
    reply.status = 400;
    reply.body =
        R"({"error": {"code": "invalid_field", "message": "number: the header has no number column", "field": "number"}})";
    return reply;
  });
  tellal::store::testing::TempDir dir;
  const std::string path = dir.File("c.csv");
  std::ofstream(path) << "name\nAli\n";
  CommandHarness h;
  const CommandRun run = h.Run(RunContactsCommand, With({"import", path}, server));
  CHECK(run.status == 1);
  CHECK_THAT(run.err, Catch::Contains("rows 2-2"));
  CHECK_THAT(run.err, Catch::Contains("no number column"));
}

TEST_CASE("contacts list prints a table of the page", "[contacts]") {
  TestHttpServer server([](const RecordedRequest&) {
    ScriptedReply reply;
    reply.body = R"({"contacts": [{"id": 7, "number": "+905320000001", "name": "Gülşen", "groups": ["vip", "a"],
        "consent": {"status": "RET"}}], "next_cursor": null})";
    return reply;
  });
  CommandHarness h;
  const CommandRun run = h.Run(RunContactsCommand, With({"list", "--group", "vip"}, server));
  REQUIRE(run.status == 0);
  CHECK(server.requests()[0].Param("group") == "vip");
  CHECK_THAT(run.out, Catch::Contains("+905320000001"));
  CHECK_THAT(run.out, Catch::Contains("Gülşen"));
  CHECK_THAT(run.out, Catch::Contains("vip,a"));
  CHECK_THAT(run.out, Catch::Contains("RET"));
}
