#include "daemon/cli/campaigns_command.h"

#include <CLI/CLI.hpp>
#include <array>
#include <fstream>
#include <iterator>
#include <string_view>

#include "daemon/cli/table.h"

namespace tellal::cli {

using nlohmann::json;

namespace {

constexpr std::string_view kCommand = "campaigns";
constexpr std::array<std::string_view, 4> kActions = {"start", "pause", "resume", "cancel"};

bool IsId(const std::string& text) {
  return !text.empty() && text.size() < 19 && text.find_first_not_of("0123456789") == std::string::npos;
}

std::string Count(const json& counts, const char* key) { return Show(counts, key); }

void PrintCampaign(std::ostream& out, const json& c) {
  out << "campaign " << Show(c, "id") << " '" << SanitizeForTerminal(Show(c, "name")) << "': " << Show(c, "state")
      << " (" << Show(c, "category") << ")\n";
  const json* n = Member(c, "counts");
  if (!n || !n->is_object()) return;
  out << "  recipients " << Count(*n, "recipients") << ", pending " << Count(*n, "pending") << ", rejected "
      << Count(*n, "rejected") << "\n";
  out << "  queued " << Count(*n, "queued") << ", sending " << Count(*n, "sending") << ", sent " << Count(*n, "sent")
      << ", delivered " << Count(*n, "delivered") << ", failed " << Count(*n, "failed") << ", suppressed "
      << Count(*n, "suppressed") << ", expired " << Count(*n, "expired") << ", cancelled " << Count(*n, "cancelled")
      << ", unknown " << Count(*n, "unknown") << "\n";
}

void PrintPreview(std::ostream& out, const json& p) {
  out << Show(p, "recipients") << " recipient(s): " << Show(p, "messages") << " message(s), " << Show(p, "segments")
      << " segment(s)\n";
  if (const json* e = Member(p, "by_encoding"); e && e->is_object()) {
    for (const auto& [encoding, n] : e->items()) out << "  " << encoding << ": " << n.dump() << "\n";
  }
  if (const json* s = Member(p, "suppressed"); s && s->is_object()) {
    for (const auto& [reason, n] : s->items()) out << "  suppressed (" << reason << "): " << n.dump() << "\n";
  }
  if (const json* r = Member(p, "rejected"); r && r->is_object()) {
    out << "  rejected: " << Show(*r, "count") << "\n";
    if (const json* examples = Member(*r, "examples"); examples && examples->is_array()) {
      for (const json& x : *examples) {
        out << "    " << Show(x, "to") << ": " << SanitizeForTerminal(Show(x, "reason")) << "\n";
      }
    }
  }
  if (const json* examples = Member(p, "examples"); examples && examples->is_array()) {
    for (const json& x : *examples) {
      out << "  to " << Show(x, "to") << " (" << Show(x, "encoding") << ", " << Show(x, "segments") << " segment(s))\n";
      out << "    " << SanitizeForTerminal(Show(x, "text")) << "\n";
    }
  }
}

int List(const ParsedArguments& a, const CommandContext& ctx, ApiClient& api) {
  auto reply = api.Get("/api/v1/campaigns" + QueryString({{"limit", a.get("--limit")}}));
  if (!reply) return Failure(ctx, kCommand, reply.error().message);
  if (!reply->ok()) return ApiFailure(ctx, kCommand, *reply, api.endpoint());
  if (a.has("--json")) {
    PrintRawJson(ctx.out, reply->raw);
    return kExitOk;
  }
  Table table({"ID", "NAME", "STATE", "RECIPIENTS", "SENT", "SUPPRESSED"});
  table.SetAlign(0, Table::Align::kRight);
  table.SetMaxWidth(1, 30);
  if (const json* list = Member(reply->body, "campaigns"); list && list->is_array()) {
    for (const json& c : *list) {
      const json* n = Member(c, "counts");
      const json empty = json::object();
      const json& counts = n ? *n : empty;
      table.AddRow({Show(c, "id"), Show(c, "name"), Show(c, "state"), Count(counts, "recipients"),
                    Count(counts, "sent"), Count(counts, "suppressed")});
    }
  }
  ctx.out << table.Render();
  return kExitOk;
}

int Create(const ParsedArguments& a, const CommandContext& ctx, ApiClient& api, const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return Usage(ctx, kCommand, "cannot read " + file, nullptr);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const json body = json::parse(text, nullptr, false);
  if (body.is_discarded()) return Usage(ctx, kCommand, file + " is not JSON", nullptr);
  auto reply = api.Post("/api/v1/campaigns", body);
  if (!reply) return Failure(ctx, kCommand, reply.error().message);
  if (!reply->ok()) return ApiFailure(ctx, kCommand, *reply, api.endpoint());
  if (a.has("--json")) {
    PrintRawJson(ctx.out, reply->raw);
    return kExitOk;
  }
  PrintCampaign(ctx.out, reply->body);
  return kExitOk;
}

}  // namespace

void DeclareCampaignsCommandLine(CLI::App& app) {
  app.description("campaigns: create, preview, start, pause, resume, cancel, report");
  CLI::App& list = *app.add_subcommand("list", "the newest campaigns");
  list.add_option("--limit", "at most N campaigns (1-1000)")->type_name("N");
  CLI::App& show = *app.add_subcommand("show", "one campaign and its counts");
  show.add_option("ID", "the campaign's id");
  CLI::App& create = *app.add_subcommand("create", "a draft from a JSON file (see the API's NewCampaign)");
  create.add_option("FILE", "the JSON file");
  CLI::App& preview = *app.add_subcommand("preview", "recipients, cost and examples; nothing is sent");
  preview.add_option("ID", "the campaign's id");
  for (std::string_view action : kActions) {
    CLI::App& sub = *app.add_subcommand(std::string(action), std::string(action) + " the campaign");
    sub.add_option("ID", "the campaign's id");
  }
  CLI::App& report = *app.add_subcommand("report", "sent, delivered, suppressed, replies... per variant and SIM");
  report.add_option("ID", "the campaign's id");
  AddSwitch(report, "--csv", "the report as CSV");
  for (CLI::App* sub : app.get_subcommands({})) {
    AddSwitch(*sub, "--json", "print the API's JSON");
    AddConnectionOptions(*sub);
  }
}

int RunCampaignsCommand(const std::vector<std::string>& args, const CommandContext& ctx) {
  CLI::App app("", "tellal campaigns");
  DeclareCampaignsCommandLine(app);
  int status = kExitUsage;
  const auto parsed = ParseOrExplain(app, args, ctx.out, ctx.err, &status);
  if (!parsed) return status;
  const ParsedArguments& a = *parsed;
  const std::string& sub = a.subcommand;
  if (sub.empty()) {
    return Usage(ctx, kCommand, "expected a subcommand: list, show, create, preview, start, pause, resume, cancel, report",
                 &app);
  }
  CLI::App* sub_app = app.get_subcommand(sub);
  if (sub == "list") {
    if (!a.positional.empty()) return Usage(ctx, kCommand, "unexpected argument '" + a.positional[0] + "'", sub_app);
  } else if (a.positional.size() != 1) {
    return Usage(ctx, kCommand, sub + (sub == "create" ? " needs one FILE" : " needs one campaign ID"), sub_app);
  } else if (sub != "create" && !IsId(a.positional[0])) {
    return Usage(ctx, kCommand, "ID: expected a campaign id (a whole number), got '" + a.positional[0] + "'", sub_app);
  }
  auto api = OpenApi(a, ctx);
  if (!api) return Usage(ctx, kCommand, api.error().message, nullptr);
  if (sub == "list") return List(a, ctx, *api);
  if (sub == "create") return Create(a, ctx, *api, a.positional[0]);

  const std::string base = "/api/v1/campaigns/" + a.positional[0];
  if (sub == "report" && a.has("--csv")) {
    auto reply = api->GetText(base + "/report?format=csv");
    if (!reply) return Failure(ctx, kCommand, reply.error().message);
    if (!reply->ok()) return ApiFailure(ctx, kCommand, *reply, api->endpoint());
    ctx.out << reply->raw;
    return kExitOk;
  }
  Result<ApiResponse> reply = Error::Internal("no request");
  if (sub == "show") {
    reply = api->Get(base);
  } else if (sub == "report") {
    reply = api->Get(base + "/report");
  } else {
    reply = api->Post(base + "/" + sub, json::object());
  }
  if (!reply) return Failure(ctx, kCommand, reply.error().message);
  if (!reply->ok()) return ApiFailure(ctx, kCommand, *reply, api->endpoint());
  if (a.has("--json") || sub == "report") {
    PrintRawJson(ctx.out, reply->raw);
    return kExitOk;
  }
  if (sub == "preview") {
    PrintPreview(ctx.out, reply->body);
  } else {
    PrintCampaign(ctx.out, reply->body);
  }
  return kExitOk;
}

}  // namespace tellal::cli
