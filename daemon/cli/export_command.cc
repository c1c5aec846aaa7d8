#include "daemon/cli/export_command.h"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <fstream>
#include <optional>

#include "daemon/net/http_message.h"

namespace tellal::cli {

void DeclareExportCommandLine(CLI::App& app) {
  app.description("write stored messages or inbox entries as JSON lines or CSV");
  app.add_option("--what", "messages (default) or inbox")->type_name("KIND");
  app.add_option("--format", "jsonl (default: one JSON object per line) or csv (RFC 4180)")->type_name("FORMAT");
  app.add_option("--since", "only those created/received at or after this time,\ne.g. 2024-05-01T00:00:00+03:00")
      ->type_name("RFC3339");
  app.add_option("--until", "only those created/received before this time")->type_name("RFC3339");
  app.add_option("--output", "write to FILE (complete or not at all) instead of stdout")->type_name("FILE");
  AddConnectionOptions(app);
}

namespace {

constexpr std::string_view kCommand = "export";

// Fetches every page and hands each body to `write`. Returns the exit
// status.
template <typename Write>
int FetchAll(ApiClient& api, const std::vector<std::pair<std::string, std::optional<std::string>>>& params,
             const CommandContext& ctx, Write write) {
  std::optional<std::string> cursor;
  do {
    auto query = params;
    query.emplace_back("cursor", cursor);
    auto reply = api.GetText("/api/v1/export" + QueryString(query));
    if (!reply) return Failure(ctx, kCommand, reply.error().message);
    if (!reply->ok()) return ApiFailure(ctx, kCommand, *reply, api.endpoint());
    if (!write(reply->raw)) return Failure(ctx, kCommand, "writing the output failed");
    cursor = net::FindHeader(reply->headers, "Tellal-Next-Cursor");
    if (cursor && cursor->empty()) cursor.reset();
  } while (cursor);
  return kExitOk;
}

}  // namespace

int RunExportCommand(const std::vector<std::string>& args, const CommandContext& ctx) {
  CLI::App app("", "tellal export");
  DeclareExportCommandLine(app);
  int exit_status = kExitUsage;
  const auto parsed = ParseOrExplain(app, args, ctx.out, ctx.err, &exit_status);
  if (!parsed) return exit_status;
  const ParsedArguments& a = *parsed;
  if (!a.positional.empty()) return Usage(ctx, kCommand, "unexpected argument '" + a.positional[0] + "'", &app);
  const std::optional<std::string> what = a.get("--what");
  if (what && *what != "messages" && *what != "inbox")
    return Usage(ctx, kCommand, "--what: expected messages or inbox, got '" + *what + "'", &app);
  const std::optional<std::string> format = a.get("--format");
  if (format && *format != "jsonl" && *format != "csv")
    return Usage(ctx, kCommand, "--format: expected jsonl or csv, got '" + *format + "'", &app);
  for (const char* name : {"--since", "--until"}) {
    auto value = a.get(name);
    if (value && !IsCommandLineTime(*value)) {
      return Usage(ctx, kCommand,
                   std::string(name) + ": '" + *value + "' is not an RFC 3339 time such as 2024-05-01T00:00:00+03:00",
                   &app);
    }
  }
  const std::vector<std::pair<std::string, std::optional<std::string>>> params = {
      {"what", what}, {"format", format}, {"since", a.get("--since")}, {"until", a.get("--until")}};

  auto api = OpenApi(a, ctx);
  if (!api) return Usage(ctx, kCommand, api.error().message, nullptr);

  const std::optional<std::string> output = a.get("--output");
  if (!output) {
    return FetchAll(*api, params, ctx, [&ctx](const std::string& page) {
      ctx.out << page;
      ctx.out.flush();
      return static_cast<bool>(ctx.out);
    });
  }
  const std::string partial = *output + ".partial";
  std::ofstream file(partial, std::ios::binary | std::ios::trunc);
  if (!file) return Failure(ctx, kCommand, "cannot write " + partial);
  const int status = FetchAll(*api, params, ctx, [&file](const std::string& page) {
    file << page;
    return static_cast<bool>(file);
  });
  file.close();
  if (status != kExitOk || !file) {
    std::remove(partial.c_str());
    return status != kExitOk ? status : Failure(ctx, kCommand, "writing " + partial + " failed");
  }
  if (std::rename(partial.c_str(), output->c_str()) != 0) {
    std::remove(partial.c_str());
    return Failure(ctx, kCommand, "cannot rename " + partial + " to " + *output);
  }
  return kExitOk;
}

}  // namespace tellal::cli
