#include "daemon/cli/api_command.h"

#include <CLI/CLI.hpp>

#include "daemon/text/rfc3339.h"

namespace tellal::cli {

using nlohmann::json;

void AddConnectionOptions(CLI::App& app) {
  const std::string group = "Connection (each from the first place that has it)";
  app.add_option("--url",
                 "the daemon's API, e.g. http://127.0.0.1:8080; else $TELLAL_URL;\n"
                 "else [http] listen from the configuration file")
      ->type_name("URL")
      ->group(group);
  app.add_option("--token",
                 "the API's bearer token; else $TELLAL_TOKEN; else [http] token\n"
                 "or token_file from the configuration file")
      ->type_name("TOKEN")
      ->group(group);
  const std::string config = std::string("the daemon's configuration file (default ") + kDefaultConfigPath + ")";
  app.add_option("--config", config)->type_name("PATH")->group(group);
}

Result<ApiClient> OpenApi(const ParsedArguments& args, const CommandContext& ctx) {
  ConnectionOptions options{args.get("--url"), args.get("--token"), args.get("--config")};
  auto endpoint = ResolveEndpoint(options, ctx.env, ctx.load_config);
  if (!endpoint) return endpoint.error();
  return ApiClient::Create(*endpoint, ctx.http);
}

int Usage(const CommandContext& ctx, std::string_view command, const std::string& message, const CLI::App* app) {
  return ExplainUsage(ctx.err, "tellal " + std::string(command), message, app);
}

int Failure(const CommandContext& ctx, std::string_view command, const std::string& message) {
  ctx.err << "tellal " << command << ": " << message << "\n";
  return kExitFailure;
}

int ApiFailure(const CommandContext& ctx, std::string_view command, const ApiResponse& response,
               const ApiEndpoint& endpoint, const std::string& context) {
  std::string message = FormatApiError(ParseApiError(response));
  if (!context.empty()) message = context + ": " + message;
  if (response.status == 401) {
    message += endpoint.token.empty() ? "\n  no token was sent (" + endpoint.token_source + ")"
                                      : "\n  the token came from " + endpoint.token_source;
  }
  return Failure(ctx, command, message);
}

const json* Member(const json& object, std::string_view key) {
  if (!object.is_object()) return nullptr;
  const auto it = object.find(key);
  return it == object.end() ? nullptr : &*it;
}

std::string Show(const json& object, std::string_view key) {
  const json* v = Member(object, key);
  if (v == nullptr || v->is_null() || v->is_structured()) return "-";
  if (v->is_string()) return v->get<std::string>();
  return v->dump();
}

bool IsCommandLineTime(std::string_view text) {
  return text::ParseRfc3339(text, text::DateTimeSeparator::kTOrSpace).ok();
}

void PrintRawJson(std::ostream& out, const std::string& raw) {
  out << raw;
  if (raw.empty() || raw.back() != '\n') out << '\n';
}

}  // namespace tellal::cli
