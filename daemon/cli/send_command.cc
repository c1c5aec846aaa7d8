#include "daemon/cli/send_command.h"

#include <CLI/CLI.hpp>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>

#include "daemon/text/message_template.h"
#include "daemon/cli/recipients_csv.h"
#include "modem/pdu/utf8.h"

namespace tellal::cli {

using nlohmann::json;
using text::CheckFields;
using text::MessageTemplate;

void DeclareSendCommandLine(CLI::App& app) {
  app.description("queue one SMS (--to) or one per row of a CSV file (--file)");
  app.add_option("--to", "the recipient's phone number, for one message")->type_name("NUMBER");
  app.add_option("--text",
                 "the message; with --file a template where {column} is replaced by\n"
                 "the row's value, e.g. --text \"Merhaba {name}, kodunuz {code}\";\n"
                 "{{ and }} are literal braces. A field that is not a column, or a\n"
                 "row without a value for a field it uses, stops the command\n"
                 "before anything is sent")
      ->type_name("TEXT");
  app.add_option("--file",
                 "a CSV with a header row (UTF-8; RFC 4180 quoting; CRLF or LF): one\n"
                 "column is the phone number, named to, phone or number; the\n"
                 "others are template fields")
      ->type_name("PATH");
  app.add_option("--ref-prefix",
                 "with --file, give each message the client_ref P<row> (row 1 is\n"
                 "the first after the header). Running an interrupted send again\n"
                 "then does not send anything twice: the daemon answers rows it\n"
                 "already has with the original messages. Use a new prefix for\n"
                 "each campaign")
      ->type_name("P");
  AddSwitch(app, "--json", "print the API's JSON reply instead of a summary");

  const std::string group = "Message options (with --file, for every message)";
  app.add_option("--priority", "queue priority (the daemon's default: normal)")
      ->type_name("otp|normal|bulk")
      ->group(group);
  app.add_option("--at", "send no earlier than this, e.g. 2024-05-01T09:00:00+03:00")
      ->type_name("RFC3339")
      ->group(group);
  app.add_option("--valid-for", "give up if not sent within this long")->type_name("SECONDS")->group(group);
  AddSwitch(app, "--report", "ask for a delivery report")->group(group);
  app.add_option("--modem", "send from this modem only")->type_name("ID")->group(group);
  app.add_option("--encoding", "character set (auto: the fewest segments)")->type_name("auto|gsm7|ucs2")->group(group);
  AddSwitch(app, "--flash", "a class 0 (flash) message, shown and not stored")->group(group);
  app.add_option("--ref",
                 "your reference, for one message; sending the same reference\n"
                 "again returns the first message, not a new one")
      ->type_name("CLIENT_REF")
      ->group(group);

  AddConnectionOptions(app);
  app.footer("A bulk send goes in batches of " + std::to_string(kSendBatchSize) +
             " messages per request; a progress bar is drawn\nwhen stderr is a terminal.");
}

namespace {

constexpr std::string_view kCommand = "send";

// The per-message options shared by a single and a bulk send, checked
// before anything is sent.
Result<json> MessageOptions(const ParsedArguments& a) {
  json o = json::object();
  if (auto p = a.get("--priority")) {
    if (*p != "otp" && *p != "normal" && *p != "bulk")
      return Error::InvalidArgument("--priority: '" + *p + "' is not otp, normal or bulk");
    o["priority"] = *p;
  }
  if (auto at = a.get("--at")) {
    if (!IsCommandLineTime(*at))
      return Error::InvalidArgument("--at: '" + *at + "' is not an RFC 3339 time such as 2024-05-01T09:00:00+03:00");
    o["send_at"] = *at;
  }
  if (auto v = a.get("--valid-for")) {
    auto seconds = ParseInteger(*v, 1, 2147483647, "--valid-for");
    if (!seconds) return seconds.error();
    o["valid_for"] = *seconds;
  }
  if (a.has("--report")) o["report"] = true;
  if (auto m = a.get("--modem")) {
    if (m->empty()) return Error::InvalidArgument("--modem: empty modem id");
    o["modem"] = *m;
  }
  if (auto e = a.get("--encoding")) {
    if (*e != "auto" && *e != "gsm7" && *e != "ucs2")
      return Error::InvalidArgument("--encoding: '" + *e + "' is not auto, gsm7 or ucs2");
    o["encoding"] = *e;
  }
  if (a.has("--flash")) o["flash"] = true;
  return o;
}

Status CheckUtf8(const std::string& option, const std::string& value) {
  auto decoded = pdu::DecodeUtf8(value);
  if (!decoded) return Wrap(option, decoded.error());
  return Status::Ok();
}

int SendOne(const ParsedArguments& a, json message, const CommandContext& ctx) {
  message["to"] = *a.get("--to");
  message["text"] = *a.get("--text");
  if (auto ref = a.get("--ref")) message["client_ref"] = *ref;

  auto api = OpenApi(a, ctx);
  if (!api) return Usage(ctx, kCommand, api.error().message, nullptr);
  auto reply = api->Post("/api/v1/messages", message);
  if (!reply) return Failure(ctx, kCommand, reply.error().message);
  if (!reply->ok()) return ApiFailure(ctx, kCommand, *reply, api->endpoint());
  if (a.has("--json")) {
    PrintRawJson(ctx.out, reply->raw);
    return kExitOk;
  }
  const json& m = reply->body;
  ctx.out << "id:        " << Show(m, "id") << "\n"
          << "state:     " << Show(m, "state") << "\n"
          << "to:        " << Show(m, "to") << "\n"
          << "encoding:  " << Show(m, "encoding") << "\n"
          << "segments:  " << Show(m, "segments") << "\n";
  if (reply->status == 200) {
    ctx.out << "(a message with client_ref '" << *a.get("--ref")
            << "' was accepted earlier: this is that message, nothing new was queued)\n";
  }
  return kExitOk;
}

Result<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::IoError(path + ": cannot open: " + std::strerror(errno));
  std::ostringstream content;
  content << in.rdbuf();
  if (in.bad()) return Error::InvalidArgument(path + ": read error");
  return content.str();
}

std::string Rows(std::size_t first, std::size_t last) {
  return first == last ? "row " + std::to_string(first) : "rows " + std::to_string(first) + "-" + std::to_string(last);
}

// After a failed batch: what was queued, and how to resume without sending
// anything twice.
void ExplainPartialSend(const CommandContext& ctx, std::size_t accepted, std::size_t total, bool outcome_unknown,
                        std::size_t batch_first_row, std::size_t batch_last_row, bool has_ref_prefix) {
  ctx.err << "  " << accepted << " of " << total << " messages were accepted before this";
  if (outcome_unknown) {
    ctx.err << "; whether " << Rows(batch_first_row, batch_last_row) << " were accepted is unknown";
  }
  ctx.err << "\n";
  if (accepted == 0 && !outcome_unknown) return;
  if (has_ref_prefix) {
    ctx.err << "  running the same command again sends only the messages the daemon does not have\n";
  } else {
    ctx.err << "  running the command again would send those messages twice; next time use --ref-prefix\n";
  }
}

int SendFile(const ParsedArguments& a, const json& options, const CommandContext& ctx) {
  const std::string path = *a.get("--file");
  auto content = ReadFile(path);
  if (!content) return Usage(ctx, kCommand, content.error().message, nullptr);
  auto list = ParseRecipients(*content);
  if (!list) return Usage(ctx, kCommand, path + ": " + list.error().message, nullptr);
  auto text = MessageTemplate::Parse(*a.get("--text"));
  if (!text) return Usage(ctx, kCommand, text.error().message, nullptr);
  // A template naming a missing column is about the text; after that,
  // problems come one per row, each about the file.
  if (Status fields = CheckFields(*text, list->columns); !fields)
    return Usage(ctx, kCommand, fields.message(), nullptr);
  auto recipients = ExpandRecipients(*list, *text);
  if (!recipients) return Usage(ctx, kCommand, path + ":\n" + recipients.error().message, nullptr);
  const std::optional<std::string> ref_prefix = a.get("--ref-prefix");

  auto api = OpenApi(a, ctx);
  if (!api) return Usage(ctx, kCommand, api.error().message, nullptr);

  const std::vector<Recipient>& all = *recipients;
  ProgressBar progress(ctx.err, all.size(), ctx.err_is_terminal, ctx.clock);
  progress.Update(0);
  json accepted_items = json::array();
  long long segments = 0;
  std::map<std::string, std::size_t> states;
  for (std::size_t start = 0; start < all.size(); start += kSendBatchSize) {
    const std::size_t end = std::min(all.size(), start + kSendBatchSize);
    json batch = json::array();
    for (std::size_t i = start; i < end; ++i) {
      json m = options;
      m["to"] = all[i].to;
      m["text"] = all[i].text;
      if (ref_prefix) m["client_ref"] = *ref_prefix + std::to_string(all[i].row);
      batch.push_back(std::move(m));
    }
    const std::size_t done = accepted_items.size();
    auto reply = api->Post("/api/v1/messages", json{{"messages", std::move(batch)}});
    if (!reply || !reply->ok()) {
      progress.Finish();
      int status;
      if (!reply) {
        status = Failure(ctx, kCommand, reply.error().message);
      } else {
        const ApiError error = ParseApiError(*reply);
        std::string context;
        if (error.index && *error.index >= 0 && static_cast<std::size_t>(*error.index) < end - start) {
          const Recipient& r = all[start + static_cast<std::size_t>(*error.index)];
          context = path + ": row " + std::to_string(r.row) + " (" + r.to + ")";
        }
        status = ApiFailure(ctx, kCommand, *reply, api->endpoint(), context);
      }
      ExplainPartialSend(ctx, done, all.size(), !reply, all[start].row, all[end - 1].row, ref_prefix.has_value());
      return status;
    }
    const json* items = Member(reply->body, "messages");
    if (items == nullptr || !items->is_array() || items->size() != end - start) {
      progress.Finish();
      Failure(ctx, kCommand, "malformed reply: expected \"messages\" with " + std::to_string(end - start) + " entries");
      ExplainPartialSend(ctx, done, all.size(), true, all[start].row, all[end - 1].row, ref_prefix.has_value());
      return kExitFailure;
    }
    for (const json& item : *items) {
      if (const json* s = Member(item, "segments"); s != nullptr && s->is_number_integer())
        segments += s->get<long long>();
      ++states[Show(item, "state")];
      accepted_items.push_back(item);
    }
    progress.Update(accepted_items.size());
  }
  progress.Finish();

  if (a.has("--json")) {
    ctx.out << json{{"messages", accepted_items}}.dump(-1, ' ', false, json::error_handler_t::replace) << "\n";
    return kExitOk;
  }
  ctx.out << "accepted " << accepted_items.size() << " of " << all.size() << " messages, " << segments << " segments\n";
  ctx.out << "states:";
  const char* separator = " ";
  for (const auto& [state, count] : states) {
    ctx.out << separator << state << " " << count;
    separator = ", ";
  }
  ctx.out << "\n";
  return kExitOk;
}

}  // namespace

int RunSendCommand(const std::vector<std::string>& args, const CommandContext& ctx) {
  CLI::App app("", "tellal send");
  DeclareSendCommandLine(app);
  int status = kExitUsage;
  const auto parsed = ParseOrExplain(app, args, ctx.out, ctx.err, &status);
  if (!parsed) return status;
  const ParsedArguments& a = *parsed;
  if (!a.positional.empty()) return Usage(ctx, kCommand, "unexpected argument '" + a.positional[0] + "'", &app);
  if (!a.get("--text")) return Usage(ctx, kCommand, "--text is required", &app);
  if (a.get("--to") && a.get("--file")) return Usage(ctx, kCommand, "give --to or --file, not both", &app);
  if (!a.get("--to") && !a.get("--file")) return Usage(ctx, kCommand, "--to or --file is required", &app);
  if (a.get("--file") && a.get("--ref")) {
    return Usage(ctx, kCommand, "--ref names one message; with --file use --ref-prefix", &app);
  }
  if (a.get("--to") && a.get("--ref-prefix")) {
    return Usage(ctx, kCommand, "--ref-prefix is for --file; one message takes --ref", &app);
  }
  for (const char* option : {"--to", "--text", "--ref", "--ref-prefix"}) {
    if (auto value = a.get(option)) {
      if (Status utf8 = CheckUtf8(option, *value); !utf8) return Usage(ctx, kCommand, utf8.message(), nullptr);
    }
  }
  if (a.get("--to") && a.get("--to")->empty()) return Usage(ctx, kCommand, "--to: empty number", &app);
  auto options = MessageOptions(a);
  if (!options) return Usage(ctx, kCommand, options.error().message, &app);
  if (a.get("--to")) return SendOne(a, *options, ctx);
  return SendFile(a, *options, ctx);
}

}  // namespace tellal::cli
