// The built `tellal` command-line tool against a running tellald, as a
// person uses it: send (one message, and a CSV file through a template),
// status, inbox, modems, --json, the ways it finds the daemon, and the
// errors it reports.
#include <catch2/catch.hpp>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "api_checks.h"
#include "daemon_harness.h"
#include "http_tools.h"
#include "process_tools.h"

namespace tellal::integration {
namespace {

using namespace std::chrono_literals;

// Runs tellal with `args`; the environment has no TELLAL_URL/TELLAL_TOKEN
// unless `env` sets them.
ProcessResult Tellal(const ScratchDir& scratch, std::vector<std::string> args, EnvChanges env = {}) {
  args.insert(args.begin(), TELLAL_CLI_PATH);
  env.try_emplace("TELLAL_URL", std::nullopt);
  env.try_emplace("TELLAL_TOKEN", std::nullopt);
  return RunProcess(args, env, scratch.path());
}

// `args` followed by --url and --token of the harness's daemon.
std::vector<std::string> Connected(DaemonHarness& h, std::vector<std::string> args) {
  args.insert(args.end(), {"--url", h.url(), "--token", h.token()});
  return args;
}

std::string Describe(const ProcessResult& r) {
  return "exit " + std::to_string(r.status) + "\nstdout:\n" + r.out + "\nstderr:\n" + r.err;
}

// The value of a "label:   value" line of tellal's key/value output.
std::string Field(const std::string& out, const std::string& label) {
  std::istringstream lines(out);
  for (std::string line; std::getline(lines, line);) {
    if (!line.starts_with(label + ":")) continue;
    const size_t value = line.find_first_not_of(' ', label.size() + 1);
    return value == std::string::npos ? "" : line.substr(value);
  }
  return "(no " + label + " line)";
}

json ParseJson(const ProcessResult& r) {
  INFO(Describe(r));
  json parsed = json::parse(r.out, nullptr, false);
  REQUIRE(!parsed.is_discarded());
  return parsed;
}

bool Contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST_CASE("CLI send --to queues a message the modem sends, and status shows its way to delivery", "[cli]") {
  // The network reports back half a second after the send, as a real one
  // does (seconds, in fact), not in the same breath as +CMGS.
  DaemonHarness h(HarnessOptions().Modems(2).Modem([](int, vmodem::Options& o) { o.status_report_delay = 500ms; }));
  ScratchDir scratch("tellal-cli");
  const ProcessResult sent =
      Tellal(scratch, Connected(h, {"send", "--to", "05321234567", "--text", "Merhaba dünya", "--report", "--priority",
                                    "otp", "--modem", "sim2", "--ref", "cli-1"}));
  INFO(Describe(sent));
  REQUIRE(sent.status == 0);
  CHECK(sent.err.empty());
  const std::string id = Field(sent.out, "id");
  CHECK(Field(sent.out, "state") == "queued");
  CHECK(Field(sent.out, "to") == "+905321234567");
  CHECK(Field(sent.out, "encoding") == "gsm7");
  CHECK(Field(sent.out, "segments") == "1");

  json m = h.Get("/api/v1/messages/" + id);
  CHECK(m["text"] == "Merhaba dünya");
  CHECK(m["priority"] == "otp");
  CHECK(m["pinned_modem"] == "sim2");
  CHECK(m["client_ref"] == "cli-1");
  CHECK(m["report"] == true);
  REQUIRE(h.WaitUntil([&] { return h.Get("/api/v1/messages/" + id)["state"] == "delivered"; }, 20s, 50ms));
  const std::vector<pdu::DecodedPdu> on_air = SubmittedPdus(h, 2);
  REQUIRE(on_air.size() == 1);
  CHECK(on_air[0].address.value == "+905321234567");
  CHECK(on_air[0].text == "Merhaba dünya");
  CHECK(on_air[0].report_requested);

  const ProcessResult status = Tellal(scratch, Connected(h, {"status", id}));
  INFO(Describe(status));
  REQUIRE(status.status == 0);
  CHECK(Field(status.out, "id") == id);
  CHECK(Field(status.out, "state") == "delivered");
  CHECK(Field(status.out, "to") == "+905321234567");
  CHECK(Field(status.out, "modem") == "sim2");
  CHECK(Field(status.out, "attempts") == "1");
  CHECK(Field(status.out, "text") == "Merhaba dünya");
  CHECK(Contains(status.out, "PART"));  // the parts table
  CHECK(Contains(status.out, "REPORTED AT"));

  // The same --ref again: the first message, nothing new queued.
  const ProcessResult again =
      Tellal(scratch, Connected(h, {"send", "--to", "05321234567", "--text", "again", "--ref", "cli-1"}));
  INFO(Describe(again));
  REQUIRE(again.status == 0);
  CHECK(Field(again.out, "id") == id);
  CHECK(Contains(again.out, "nothing new was queued"));
  CHECK(ListedIds(h).size() == 1);
}

TEST_CASE("CLI send --file sends each CSV row its own expansion of the template", "[cli]") {
  DaemonHarness h(HarnessOptions().Modems(2));
  ScratchDir scratch("tellal-cli");
  const std::string csv = scratch.Write("recipients.csv",
                                        "phone,name,date\r\n"
                                        "05321234567,Ayşe,yarın 14:00\r\n"
                                        "\"+90 532 123 45 68\",\"Mehmet, Bey\",Cuma 09:30\r\n"
                                        "905321234569,Zeynep,\"12 \"\"Mayıs\"\"\"\r\n");
  const std::vector<std::string> args =
      Connected(h, {"send", "--file", csv, "--text", "Merhaba {name}, randevunuz {date}.", "--ref-prefix", "camp1-"});
  const ProcessResult first = Tellal(scratch, args);
  INFO(Describe(first));
  REQUIRE(first.status == 0);
  CHECK(Contains(first.out, "accepted 3 of 3 messages, 3 segments"));
  CHECK(Contains(first.out, "states: queued 3"));

  REQUIRE(h.WaitUntil([&] { return h.Settled(); }, 20s, 50ms));
  std::multiset<std::pair<std::string, std::string>> on_air;
  for (const pdu::DecodedPdu& p : SubmittedPdus(h)) on_air.emplace(p.address.value, p.text);
  const std::multiset<std::pair<std::string, std::string>> expected = {
      {"+905321234567", "Merhaba Ayşe, randevunuz yarın 14:00."},
      {"+905321234568", "Merhaba Mehmet, Bey, randevunuz Cuma 09:30."},
      {"+905321234569", "Merhaba Zeynep, randevunuz 12 \"Mayıs\"."},
  };
  CHECK(on_air == expected);

  // Run again, as after an interruption: the daemon already has every row.
  const ProcessResult second = Tellal(scratch, args);
  INFO(Describe(second));
  REQUIRE(second.status == 0);
  CHECK(Contains(second.out, "accepted 3 of 3 messages"));
  CHECK(Contains(second.out, "states: sent 3"));
  CHECK(ListedIds(h).size() == 3);
  std::set<std::string> refs;
  for (const auto& [id, m] : h.AllMessages()) refs.insert(m.value("client_ref", ""));
  CHECK(refs == std::set<std::string>{"camp1-1", "camp1-2", "camp1-3"});
  CHECK(h.SubmittedCount() == 3);

  // --json: the accepted messages as the API answered them.
  const std::string other = scratch.Write("other.csv", "to,name\n05321234570,Ali\n05321234571,Veli\n");
  json reply = ParseJson(Tellal(scratch, Connected(h, {"send", "--file", other, "--text", "Selam {name}", "--json"})));
  REQUIRE(reply["messages"].size() == 2);
  CHECK(reply["messages"][0]["to"] == "+905321234570");
  CHECK(reply["messages"][1]["to"] == "+905321234571");
  CHECK(h.Get("/api/v1/messages/" + std::to_string(reply["messages"][1]["id"].get<int64_t>()))["text"] == "Selam Veli");
}

TEST_CASE("CLI inbox and modems show what the daemon has, as tables and as --json", "[cli]") {
  DaemonHarness h(HarnessOptions().Modems(2));
  ScratchDir scratch("tellal-cli");
  h.OnModems([&] {
    h.sim(1).ReceiveSms("+905551112233", "Randevu için teşekkürler");
    h.sim(2).ReceiveSms("+905554445566", "DUR");
    return 0;
  });
  REQUIRE(h.WaitUntil([&] { return h.Get("/api/v1/inbox")["messages"].size() == 2; }, 20s, 50ms));

  const ProcessResult inbox = Tellal(scratch, Connected(h, {"inbox"}));
  INFO(Describe(inbox));
  REQUIRE(inbox.status == 0);
  for (const char* part : {"RECEIVED", "FROM", "MODEM", "TEXT", "+905551112233", "Randevu için teşekkürler", "sim1",
                           "+905554445566", "DUR", "sim2"}) {
    INFO(part);
    CHECK(Contains(inbox.out, part));
  }
  const ProcessResult from = Tellal(scratch, Connected(h, {"inbox", "--from", "05554445566"}));
  INFO(Describe(from));
  REQUIRE(from.status == 0);
  CHECK(Contains(from.out, "DUR"));
  CHECK(!Contains(from.out, "teşekkürler"));

  json inbox_json = ParseJson(Tellal(scratch, Connected(h, {"inbox", "--json"})));
  json api_inbox = h.Get("/api/v1/inbox");
  CHECK(inbox_json["messages"] == api_inbox["messages"]);

  const ProcessResult modems = Tellal(scratch, Connected(h, {"modems", "--wide"}));
  INFO(Describe(modems));
  REQUIRE(modems.status == 0);
  for (const char* part : {"ID", "STATE", "SIGNAL", "sim1", "sim2", "ready", "-73 dBm (5)", "Turkcell",
                           "286010000000001", "286010000000002"}) {
    INFO(part);
    CHECK(Contains(modems.out, part));
  }
  json modems_json = ParseJson(Tellal(scratch, Connected(h, {"modems", "--json"})));
  REQUIRE(modems_json["modems"].size() == 2);
  CHECK(modems_json["modems"][0]["id"] == "sim1");
  CHECK(modems_json["modems"][1]["id"] == "sim2");

  const ProcessResult sent = Tellal(scratch, Connected(h, {"send", "--to", "05321234567", "--text", "json", "--json"}));
  json sent_json = ParseJson(sent);
  CHECK(sent_json["state"] == "queued");
  CHECK(sent_json["to"] == "+905321234567");
  const std::string id = std::to_string(sent_json["id"].get<int64_t>());
  json status_json = ParseJson(Tellal(scratch, Connected(h, {"status", id, "--json"})));
  CHECK(status_json["id"] == sent_json["id"]);
  CHECK(status_json["text"] == "json");
  CHECK(status_json["segment_states"].is_array());
}

TEST_CASE("CLI finds the daemon through TELLAL_URL and TELLAL_TOKEN, and through the daemon's configuration", "[cli]") {
  DaemonHarness h(HarnessOptions().Modems(1));
  ScratchDir scratch("tellal-cli");
  const ProcessResult env =
      Tellal(scratch, {"modems", "--json"}, {{"TELLAL_URL", h.url()}, {"TELLAL_TOKEN", h.token()}});
  CHECK(ParseJson(env)["modems"][0]["id"] == "sim1");

  const ProcessResult config = Tellal(scratch, {"modems", "--json", "--config", h.config_path()});
  CHECK(ParseJson(config)["modems"][0]["id"] == "sim1");

  // A flag wins over the environment, which wins over the configuration.
  const ProcessResult flag =
      Tellal(scratch, {"modems", "--token", "wrong", "--config", h.config_path()}, {{"TELLAL_TOKEN", h.token()}});
  INFO(Describe(flag));
  CHECK(flag.status == 1);
  CHECK(Contains(flag.err, "the token came from --token"));
  const ProcessResult from_env = Tellal(scratch, {"modems", "--config", h.config_path()}, {{"TELLAL_TOKEN", "wrong"}});
  INFO(Describe(from_env));
  CHECK(from_env.status == 1);
  CHECK(Contains(from_env.err, "the token came from TELLAL_TOKEN"));
}

TEST_CASE("CLI errors exit non-zero with a message that says what is wrong, and send nothing", "[cli]") {
  DaemonHarness h(HarnessOptions().Modems(1));
  ScratchDir scratch("tellal-cli");
  const std::string unknown_field = scratch.Write("unknown.csv", "phone,name\n05321234567,Ayşe\n");
  const std::string bad_row = scratch.Write("bad-row.csv", "phone,name\n05321234567,Ayşe\nnot-a-number,Ali\n");
  // A port nobody listens on (nobody did a moment ago, at least).
  const std::string closed_port = std::to_string(FreeLoopbackPort());
  struct Row {
    const char* what;
    std::vector<std::string> args;
    EnvChanges env;
    int status;
    std::vector<std::string> says;
  };
  const std::vector<Row> rows = {
      {"a wrong token",
       {"send", "--url", h.url(), "--token", "wrong", "--to", "05321234567", "--text", "x"},
       {},
       1,
       {"HTTP 401", "unauthorized", "the token came from --token"}},
      {"a wrong token from the environment",
       {"modems", "--url", h.url()},
       {{"TELLAL_TOKEN", "wrong"}},
       1,
       {"HTTP 401", "the token came from TELLAL_TOKEN"}},
      {"a bad number",
       Connected(h, {"send", "--to", "0532-ABC", "--text", "x"}),
       {},
       1,
       {"HTTP 400", "invalid_number", "(field: to)"}},
      {"a text too long",
       Connected(h, {"send", "--to", "05321234567", "--text", std::string(1600, 'x')}),
       {},
       1,
       {"HTTP 400", "text_too_long", "(field: text)"}},
      {"an unknown modem",
       Connected(h, {"send", "--to", "05321234567", "--text", "x", "--modem", "sim9"}),
       {},
       1,
       {"unknown_modem", "sim9"}},
      {"a bad row in the file",
       Connected(h, {"send", "--file", bad_row, "--text", "Merhaba {name}"}),
       {},
       1,
       {"row 2", "not-a-number", "invalid_number", "0 of 2 messages were accepted"}},
      {"a template field the file lacks",
       Connected(h, {"send", "--file", unknown_field, "--text", "Hi {surname}"}),
       {},
       2,
       {"surname"}},
      {"an unknown message", Connected(h, {"status", "987654"}), {}, 1, {"HTTP 404", "not_found"}},
      {"a message id that is not one", Connected(h, {"status", "abc"}), {}, 1, {"HTTP 400", "(field: id)"}},
      {"nobody listening",
       {"modems", "--url", "http://127.0.0.1:" + closed_port, "--token", "t"},
       {},
       1,
       {"127.0.0.1:" + closed_port}},
      {"an https URL", {"modems", "--url", "https://127.0.0.1:8443", "--token", "t"}, {}, 2, {"https"}},
      {"no --text", Connected(h, {"send", "--to", "05321234567"}), {}, 2, {"--text is required"}},
      {"a bad priority",
       Connected(h, {"send", "--to", "05321234567", "--text", "x", "--priority", "urgent"}),
       {},
       2,
       {"--priority", "urgent"}},
      {"a bad --since", Connected(h, {"inbox", "--since", "yesterday"}), {}, 2, {"--since", "yesterday"}},
      {"no way to find the daemon", {"modems", "--config", scratch.path() + "/missing.ini"}, {}, 2, {"missing.ini"}},
      {"an unknown command", {"sned"}, {}, 2, {"unknown command 'sned'"}},
  };
  for (const Row& row : rows) {
    INFO(row.what);
    const ProcessResult r = Tellal(scratch, row.args, row.env);
    INFO(Describe(r));
    CHECK(r.status == row.status);
    CHECK(r.out.empty());
    for (const std::string& part : row.says) {
      INFO("stderr should say: " << part);
      CHECK(Contains(r.err, part));
    }
  }
  CHECK(ListedIds(h).empty());
  CHECK(h.SubmittedCount() == 0);
}

TEST_CASE("tellal prints CLI11's generated help on stdout and usage errors on stderr", "[cli]") {
  ScratchDir scratch("tellal-cli-help");
  struct Row {
    std::vector<std::string> args;
    int status;
    std::string out;  // stdout has it (empty: stdout is empty)
    std::string err;  // stderr starts with it (empty: stderr is empty)
  };
  const std::vector<Row> rows = {
      {{"--help"}, 0, "Usage: tellal [OPTIONS] [SUBCOMMAND]", ""},
      {{"help"}, 0, "\n  send ", ""},
      {{"send", "--help"}, 0, "Usage: tellal send [OPTIONS]", ""},
      {{"inbox", "-h"}, 0, "  --since RFC3339 ", ""},
      {{"modems", "scan", "--help"}, 0, "Usage: tellal modems scan [OPTIONS]", ""},
      {{"pdu", "encode", "--help"}, 0, "Usage: tellal pdu encode [OPTIONS]", ""},
      {{}, 2, "", "tellal: the command line"},
      {{"send", "--to"}, 2, "", "tellal send: --to: needs a value\n"},
      {{"send", "--foo"}, 2, "", "tellal send: unknown option --foo\n"},
      {{"pdu", "encode", "--text"}, 2, "", "tellal pdu encode: --text: needs a value\n"},
      {{"modems", "scan", "--json=yes"}, 2, "", "tellal modems scan: --json: takes no value\n"},
  };
  for (const Row& row : rows) {
    const ProcessResult r = Tellal(scratch, row.args);
    INFO(Describe(r));
    CHECK(r.status == row.status);
    if (row.out.empty()) CHECK(r.out.empty());
    if (!row.out.empty()) CHECK(Contains(r.out, row.out));
    if (row.err.empty()) CHECK(r.err.empty());
    if (!row.err.empty()) CHECK(r.err.rfind(row.err, 0) == 0);
  }
}

TEST_CASE("CLI campaigns: create from a file, preview, start, show and report", "[cli][campaign]") {
  DaemonHarness h(HarnessOptions().Modems(1).CampaignsIni("quiet_hours = none\ncap_per_day = 0\nreply_number = 3456\n"));
  ScratchDir scratch("tellal-cli");
  const std::string file = scratch.Write("kampanya.json", json{{"name", "Bahar"},
                                                              {"template", "Merhaba {number}"},
                                                              {"audience", {{"numbers", {"05321234567", "05321234568"}}}}}
                                                             .dump());
  const ProcessResult created = Tellal(scratch, Connected(h, {"campaigns", "create", file, "--json"}));
  const json campaign = ParseJson(created);
  const std::string id = std::to_string(campaign["id"].get<int64_t>());
  CHECK(campaign["state"] == "draft");

  const ProcessResult preview = Tellal(scratch, Connected(h, {"campaigns", "preview", id}));
  INFO(Describe(preview));
  CHECK(preview.status == 0);
  CHECK(Contains(preview.out, "2 recipient(s): 2 message(s)"));
  CHECK(Contains(preview.out, "Merhaba +905321234567"));
  CHECK(h.SubmittedCount() == 0);

  const ProcessResult started = Tellal(scratch, Connected(h, {"campaigns", "start", id}));
  INFO(Describe(started));
  CHECK(started.status == 0);
  CHECK(Contains(started.out, "campaign " + id + " 'Bahar'"));
  REQUIRE(h.WaitUntil([&] { return h.Get("/api/v1/campaigns/" + id)["state"] == "completed"; }, 30s, 50ms));
  CHECK(h.SubmittedCount() == 2);

  const ProcessResult list = Tellal(scratch, Connected(h, {"campaigns", "list"}));
  CHECK(Contains(list.out, "completed"));
  const ProcessResult report = Tellal(scratch, Connected(h, {"campaigns", "report", id, "--csv"}));
  INFO(Describe(report));
  CHECK(Contains(report.out, "total,,2,2,2,"));
  const ProcessResult again = Tellal(scratch, Connected(h, {"campaigns", "start", id}));
  CHECK(again.status != 0);
  CHECK(Contains(again.err, "completed"));
  const ProcessResult bad = Tellal(scratch, Connected(h, {"campaigns", "show", "x1"}));
  CHECK(bad.status != 0);
}

}  // namespace
}  // namespace tellal::integration
