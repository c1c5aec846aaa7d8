#include "daemon/cli/status_command.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <utility>

#include "daemon/cli/table.h"
#include "daemon/net/url.h"

namespace tellal::cli {

using nlohmann::json;

void DeclareStatusCommandLine(CLI::App& app) {
  app.description("one message with its parts and delivery reports");
  app.add_option("ID", "the message's id, as send printed it");
  AddSwitch(app, "--json", "print the API's JSON instead");
  AddConnectionOptions(app);
  app.footer(
      "Shows one message: its state, the modem that sent it, attempts, the last error,\n"
      "timestamps, the text, and each part (segment) with its delivery report.");
}

namespace {

constexpr std::string_view kCommand = "status";

// The order a person reads a message in; members not listed follow in the
// API's order.
constexpr const char* kKnownOrder[] = {
    "id",         "to",         "state",        "priority",  "encoding",   "segments",     "modem",     "pinned_modem",
    "attempts",   "client_ref", "report",       "flash",     "error",      "created_at",   "send_at",   "valid_until",
    "sending_at", "sent_at",    "delivered_at", "failed_at", "expired_at", "cancelled_at", "unknown_at"};

// The per-segment list; the daemon names it segment_states, beside the
// `segments` count.
const json* Parts(const json& message) {
  if (const json* parts = Member(message, "parts"); parts != nullptr && parts->is_array()) return parts;
  return Member(message, "segment_states");
}

std::string ShowError(const json& message) {
  const json* e = Member(message, "error");
  if (e == nullptr || e->is_null()) return "-";
  if (!e->is_object()) return e->is_string() ? e->get<std::string>() : e->dump();
  const std::string code = Show(*e, "code");
  std::string text = Show(*e, "message");
  if (text == "-") text = Show(*e, "text");
  if (text == "-") return code;
  return code == "-" ? text : code + ": " + text;
}

}  // namespace

std::string FormatMessageStatus(const json& message) {
  std::vector<std::pair<std::string, std::string>> lines;
  for (const char* key : kKnownOrder) {
    if (std::string_view(key) == "error") {
      lines.emplace_back(key, ShowError(message));
    } else if (Member(message, key) != nullptr) {
      lines.emplace_back(key, Show(message, key));
    }
  }
  if (message.is_object()) {
    for (const auto& [key, value] : message.items()) {
      if (key == "text" || key == "parts" || value.is_structured()) continue;
      if (std::find_if(std::begin(kKnownOrder), std::end(kKnownOrder), [&key](const char* k) { return key == k; }) !=
          std::end(kKnownOrder)) {
        continue;
      }
      lines.emplace_back(key, Show(message, key));
    }
  }
  if (Member(message, "text") != nullptr) lines.emplace_back("text", Show(message, "text"));

  std::size_t label_width = 0;
  for (const auto& line : lines) label_width = std::max(label_width, line.first.size());
  std::string out;
  for (const auto& [label, value] : lines) {
    out += label + ":" + std::string(label_width - label.size() + 2, ' ') + SanitizeForTerminal(value) + "\n";
  }

  const json* parts = Parts(message);
  if (parts == nullptr || !parts->is_array()) return out;
  out += "\n";
  if (parts->empty()) return out + "no part has been handed to a modem yet\n";
  Table table({"PART", "STATE", "MODEM", "MR", "SENT AT", "REPORTED AT"});
  table.SetAlign(0, Table::Align::kRight);
  table.SetAlign(3, Table::Align::kRight);
  for (const json& part : *parts) {
    table.AddRow({Show(part, "seq"), Show(part, "state"), Show(part, "modem"), Show(part, "mr"), Show(part, "sent_at"),
                  Show(part, "reported_at")});
  }
  return out + table.Render();
}

int RunStatusCommand(const std::vector<std::string>& args, const CommandContext& ctx) {
  CLI::App app("", "tellal status");
  DeclareStatusCommandLine(app);
  int status = kExitUsage;
  const auto parsed = ParseOrExplain(app, args, ctx.out, ctx.err, &status);
  if (!parsed) return status;
  const ParsedArguments& a = *parsed;
  if (a.positional.size() != 1 || a.positional[0].empty()) {
    return Usage(ctx, kCommand, "expected one message ID", &app);
  }
  auto api = OpenApi(a, ctx);
  if (!api) return Usage(ctx, kCommand, api.error().message, nullptr);
  auto reply = api->Get("/api/v1/messages/" + net::PercentEncode(a.positional[0]));
  if (!reply) return Failure(ctx, kCommand, reply.error().message);
  if (!reply->ok()) return ApiFailure(ctx, kCommand, *reply, api->endpoint());
  if (a.has("--json")) {
    PrintRawJson(ctx.out, reply->raw);
  } else {
    ctx.out << FormatMessageStatus(reply->body);
  }
  return kExitOk;
}

}  // namespace tellal::cli
