#include "daemon/cli/modems_command.h"

#include <CLI/CLI.hpp>
#include <cmath>

#include "daemon/cli/modems_scan.h"
#include "daemon/cli/table.h"

namespace tellal::cli {

using nlohmann::json;

void DeclareModemsListCommandLine(CLI::App& app) {
  app.description("the daemon's modems: state, signal, today's sends");
  AddSwitch(app, "--wide", "add model, IMEI, IMSI and ICCID");
  AddSwitch(app, "--json", "print the API's JSON instead");
  AddConnectionOptions(app);
  DeclareModemsScanCommandLine(*app.add_subcommand("scan"));
  app.footer(
      "Lists state, signal, registration, operator, SMS sent today (against the daily\n"
      "limit), share of the last hour's sends and the last error of each modem.");
}

namespace {

constexpr std::string_view kCommand = "modems";

std::string Signal(const json& m) {
  const std::string dbm = Show(m, "signal_dbm");
  const std::string bars = Show(m, "signal_bars");
  if (dbm == "-") return bars == "-" ? "-" : bars + " bars";
  return bars == "-" ? dbm + " dBm" : dbm + " dBm (" + bars + ")";
}

std::string SentToday(const json& m) {
  const std::string sent = Show(m, "sent_today");
  const std::string limit = Show(m, "daily_limit");
  return limit == "-" ? sent : sent + "/" + limit;
}

std::string Share(const json& m) {
  const json* share = Member(m, "queue_share");
  if (share == nullptr || !share->is_number()) return "-";
  return std::to_string(std::lround(share->get<double>() * 100)) + "%";
}

std::string Model(const json& m) {
  std::string manufacturer = Show(m, "manufacturer");
  std::string model = Show(m, "model");
  if (manufacturer == "-" || manufacturer.empty()) return model;
  if (model == "-" || model.empty()) return manufacturer;
  return manufacturer + " " + model;
}

}  // namespace

std::string FormatModemsTable(const json& modems, bool wide) {
  std::vector<std::string> headers = {"ID", "STATE", "SIGNAL", "REGISTRATION", "OPERATOR", "SENT TODAY", "SHARE"};
  if (wide) headers.insert(headers.end(), {"MODEL", "IMEI", "IMSI", "ICCID"});
  headers.push_back("LAST ERROR");
  Table table(headers);
  table.SetAlign(5, Table::Align::kRight);
  table.SetAlign(6, Table::Align::kRight);
  if (!wide) table.SetMaxWidth(headers.size() - 1, 50);
  if (modems.is_array()) {
    for (const json& m : modems) {
      std::vector<std::string> row = {Show(m, "id"),       Show(m, "state"), Signal(m), Show(m, "registration"),
                                      Show(m, "operator"), SentToday(m),     Share(m)};
      if (wide) row.insert(row.end(), {Model(m), Show(m, "imei"), Show(m, "imsi"), Show(m, "iccid")});
      row.push_back(Show(m, "last_error"));
      table.AddRow(std::move(row));
    }
  }
  return table.Render();
}

int RunModemsListCommand(const std::vector<std::string>& args, const CommandContext& ctx) {
  CLI::App app("", "tellal modems");
  DeclareModemsListCommandLine(app);
  int status = kExitUsage;
  const auto parsed = ParseOrExplain(app, args, ctx.out, ctx.err, &status);
  if (!parsed) return status;
  // `tellal modems scan` needs no daemon: its own command reads the line again.
  if (parsed->subcommand == "scan") return RunModemsCommand(args, ctx.out, ctx.err);
  const ParsedArguments& a = *parsed;
  if (!a.positional.empty()) {
    return Usage(ctx, kCommand, "unknown subcommand '" + a.positional[0] + "'", &app);
  }
  auto api = OpenApi(a, ctx);
  if (!api) return Usage(ctx, kCommand, api.error().message, nullptr);
  auto reply = api->Get("/api/v1/modems");
  if (!reply) return Failure(ctx, kCommand, reply.error().message);
  if (!reply->ok()) return ApiFailure(ctx, kCommand, *reply, api->endpoint());
  if (a.has("--json")) {
    PrintRawJson(ctx.out, reply->raw);
    return kExitOk;
  }
  const json* modems = Member(reply->body, "modems");
  if (modems == nullptr || !modems->is_array()) {
    return Failure(ctx, kCommand, "malformed reply: no \"modems\" array");
  }
  if (modems->empty()) {
    ctx.out << "the daemon has no modems configured\n";
    return kExitOk;
  }
  ctx.out << FormatModemsTable(*modems, a.has("--wide"));
  return kExitOk;
}

}  // namespace tellal::cli
