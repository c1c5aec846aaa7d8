#include "daemon/cli/conversations_command.h"

#include <CLI/CLI.hpp>
#include <optional>

#include "daemon/cli/table.h"
#include "daemon/net/url.h"

namespace tellal::cli {

using nlohmann::json;

void DeclareConversationsCommandLine(CLI::App& app) {
  app.description("conversations, newest first; with a NUMBER, its messages both ways");
  app.add_option("NUMBER", "show this number's thread (oldest first)")->type_name("NUMBER");
  app.add_option("--search", "only numbers starting with TEXT, or contacts whose name holds it")->type_name("TEXT");
  app.add_option("--limit", "at most N rows (1..1000; default: the daemon's page size)")->type_name("N");
  AddSwitch(app, "--json", "print the API's JSON");
  AddConnectionOptions(app);
}

namespace {

constexpr std::string_view kCommand = "conversations";

// "<" received, ">" sent: which way a message went, in one column.
std::string Arrow(const json& entry) { return Show(entry, "direction") == "inbound" ? "<" : ">"; }

std::string EntryText(const json& entry) {
  const json* undecodable = Member(entry, "undecodable");
  if (undecodable != nullptr && undecodable->is_boolean() && undecodable->get<bool>()) return "(undecodable)";
  return Show(entry, "text");
}

}  // namespace

std::string FormatConversationsTable(const json& conversations) {
  Table table({"LAST", "NUMBER", "NAME", "UNREAD", "REPLY VIA", "", "MESSAGE"});
  if (conversations.is_array()) {
    for (const json& c : conversations) {
      const json* last = Member(c, "last");
      const json entry = last != nullptr && last->is_object() ? *last : json::object();
      table.AddRow({Show(entry, "at"), Show(c, "number"), Show(c, "contact_name"), Show(c, "unread"),
                    Show(c, "last_inbound_modem"), Arrow(entry), EntryText(entry)});
    }
  }
  return table.Render();
}

std::string FormatThreadTable(const json& messages) {
  Table table({"TIME", "", "MODEM", "STATE", "TEXT"});
  if (messages.is_array()) {
    for (const json& m : messages) {
      table.AddRow({Show(m, "at"), Arrow(m), Show(m, "modem"), Show(m, "state"), EntryText(m)});
    }
  }
  return table.Render();
}

int RunConversationsCommand(const std::vector<std::string>& args, const CommandContext& ctx) {
  CLI::App app("", "tellal conversations");
  DeclareConversationsCommandLine(app);
  int exit_status = kExitUsage;
  const auto parsed = ParseOrExplain(app, args, ctx.out, ctx.err, &exit_status);
  if (!parsed) return exit_status;
  const ParsedArguments& a = *parsed;
  if (a.positional.size() > 1) return Usage(ctx, kCommand, "unexpected argument '" + a.positional[1] + "'", &app);
  const std::optional<std::string> number =
      a.positional.empty() ? std::nullopt : std::optional<std::string>(a.positional[0]);
  if (number && number->empty()) return Usage(ctx, kCommand, "NUMBER: empty", &app);
  const std::optional<std::string> search = a.get("--search");
  if (number && search) return Usage(ctx, kCommand, "--search lists conversations; give it without NUMBER", &app);
  std::optional<std::string> limit;
  if (auto given = a.get("--limit")) {
    auto n = ParseInteger(*given, 1, 1000, "--limit");
    if (!n) return Usage(ctx, kCommand, n.error().message, &app);
    limit = std::to_string(*n);
  }

  auto api = OpenApi(a, ctx);
  if (!api) return Usage(ctx, kCommand, api.error().message, nullptr);
  const std::string path = number ? "/api/v1/conversations/" + net::PercentEncode(*number) +
                                        QueryString({{"limit", limit}})
                                  : "/api/v1/conversations" + QueryString({{"q", search}, {"limit", limit}});
  auto reply = api->Get(path);
  if (!reply) return Failure(ctx, kCommand, reply.error().message);
  if (!reply->ok()) return ApiFailure(ctx, kCommand, *reply, api->endpoint());
  if (a.has("--json")) {
    PrintRawJson(ctx.out, reply->raw);
    return kExitOk;
  }
  const char* key = number ? "messages" : "conversations";
  const json* rows = Member(reply->body, key);
  if (rows == nullptr || !rows->is_array()) {
    return Failure(ctx, kCommand, std::string("malformed reply: no \"") + key + "\" array");
  }
  if (rows->empty()) {
    ctx.out << (number ? "no messages\n" : "no conversations\n");
    return kExitOk;
  }
  if (number) {
    ctx.out << Show(reply->body, "number") << "  " << Show(reply->body, "contact_name") << "  unread "
            << Show(reply->body, "unread") << "  replies via " << Show(reply->body, "last_inbound_modem") << "\n";
    ctx.out << FormatThreadTable(*rows);
  } else {
    ctx.out << FormatConversationsTable(*rows);
  }
  const json* next = Member(reply->body, "next_cursor");
  if (next != nullptr && next->is_string()) {
    ctx.err << (number ? "(older messages exist; use --limit N to see more)\n"
                       : "(more conversations exist; use --limit N or --search)\n");
  }
  return kExitOk;
}

}  // namespace tellal::cli
