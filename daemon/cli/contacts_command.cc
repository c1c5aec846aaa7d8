#include "daemon/cli/contacts_command.h"

#include <CLI/CLI.hpp>
#include <fstream>
#include <iterator>
#include <optional>
#include <sstream>

#include "daemon/cli/table.h"

namespace tellal::cli {

using nlohmann::json;

void DeclareContactsCommandLine(CLI::App& app) {
  app.description("contacts: import a CSV, list");
  CLI::App& import = *app.add_subcommand(
      "import",
      "create or update contacts by number from a CSV file (UTF-8, a header\nrow with a number column; `,` or `;`)");
  import.add_option("FILE", "the CSV file");
  import.add_option("--chunk", "rows per request (default 10000)")->type_name("N");
  AddConnectionOptions(import);
  CLI::App& list = *app.add_subcommand("list", "one page of contacts, newest first");
  list.add_option("--group", "only members of this group")->type_name("NAME");
  list.add_option("--query", "part of the name or number")->type_name("TEXT");
  list.add_option("--limit", "at most N contacts (1-1000)")->type_name("N");
  AddSwitch(list, "--json", "print the API's JSON");
  AddConnectionOptions(list);
}

namespace {

constexpr std::string_view kCommand = "contacts";

// The end of the record starting at `pos`: after its line break, or the end.
size_t RecordEnd(std::string_view csv, size_t pos) {
  bool quoted = false;
  for (size_t i = pos; i < csv.size(); ++i) {
    if (csv[i] == '"') quoted = !quoted;
    if (!quoted && csv[i] == '\n') return i + 1;
  }
  return csv.size();
}

int Import(const ParsedArguments& a, CLI::App& app, const CommandContext& ctx) {
  if (a.positional.size() != 1) return Usage(ctx, kCommand, "import needs one FILE", &app);
  std::size_t chunk = kDefaultImportChunk;
  if (auto given = a.get("--chunk")) {
    try {
      const long n = std::stol(*given);
      if (n < 1 || n > 1000000) throw std::out_of_range("chunk");
      chunk = static_cast<std::size_t>(n);
    } catch (const std::exception&) {
      return Usage(ctx, kCommand, "--chunk: expected a whole number from 1 to 1000000, got '" + *given + "'", &app);
    }
  }
  std::ifstream in(a.positional[0], std::ios::binary);
  if (!in) return Usage(ctx, kCommand, "cannot read " + a.positional[0], nullptr);
  const std::string csv((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::vector<CsvPiece> pieces = SplitCsv(csv, chunk);
  if (pieces.empty()) return Usage(ctx, kCommand, a.positional[0] + " has no rows under its header", nullptr);
  auto api = OpenApi(a, ctx);
  if (!api) return Usage(ctx, kCommand, api.error().message, nullptr);

  std::size_t total = 0;
  for (const CsvPiece& p : pieces) total += p.records;
  ProgressBar progress(ctx.err, total, ctx.err_is_terminal, ctx.clock);
  progress.Update(0);
  long long created = 0, updated = 0;
  std::vector<std::string> rejected;
  std::size_t done = 0;
  for (const CsvPiece& p : pieces) {
    auto reply = api->PostText("/api/v1/contacts/import", p.text, "text/csv; charset=utf-8");
    if (!reply) {
      progress.Finish();
      return Failure(ctx, kCommand,
                     reply.error().message + " (rows before " + std::to_string(p.first_row) + " are imported)");
    }
    if (!reply->ok()) {
      progress.Finish();
      return ApiFailure(ctx, kCommand, *reply, api->endpoint(),
                        "rows " + std::to_string(p.first_row) + "-" + std::to_string(p.first_row + p.records - 1));
    }
    created += reply->body.value("created", 0LL);
    updated += reply->body.value("updated", 0LL);
    if (const json* refused = Member(reply->body, "rejected"); refused && refused->is_array()) {
      for (const json& r : *refused) {
        // The piece's row 2 is the file's first_row.
        const long row = r.value("row", 0L) + p.first_row - 2;
        const std::string field = r.contains("field") && r["field"].is_string() ? r["field"].get<std::string>() : "";
        rejected.push_back("row " + std::to_string(row) + (field.empty() ? "" : " (" + field + ")") + ": " +
                           Show(r, "error"));
      }
    }
    done += p.records;
    progress.Update(done);
  }
  progress.Finish();
  ctx.out << created << " created, " << updated << " updated, " << rejected.size() << " rejected\n";
  for (const std::string& line : rejected) ctx.out << "  " << SanitizeForTerminal(line) << "\n";
  return kExitOk;
}

int List(const ParsedArguments& a, CLI::App& app, const CommandContext& ctx) {
  if (!a.positional.empty()) return Usage(ctx, kCommand, "unexpected argument '" + a.positional[0] + "'", &app);
  auto api = OpenApi(a, ctx);
  if (!api) return Usage(ctx, kCommand, api.error().message, nullptr);
  auto reply =
      api->Get("/api/v1/contacts" +
               QueryString({{"group", a.get("--group")}, {"q", a.get("--query")}, {"limit", a.get("--limit")}}));
  if (!reply) return Failure(ctx, kCommand, reply.error().message);
  if (!reply->ok()) return ApiFailure(ctx, kCommand, *reply, api->endpoint());
  if (a.has("--json")) {
    PrintRawJson(ctx.out, reply->raw);
    return kExitOk;
  }
  Table table({"ID", "NUMBER", "NAME", "GROUPS", "CONSENT"});
  table.SetAlign(0, Table::Align::kRight);
  table.SetMaxWidth(2, 30);
  if (const json* contacts = Member(reply->body, "contacts"); contacts && contacts->is_array()) {
    for (const json& c : *contacts) {
      std::string groups;
      if (const json* g = Member(c, "groups"); g && g->is_array()) {
        for (const json& name : *g)
          groups += (groups.empty() ? "" : ",") + (name.is_string() ? name.get<std::string>() : "");
      }
      const json* consent = Member(c, "consent");
      table.AddRow({Show(c, "id"), Show(c, "number"), Show(c, "name"), groups,
                    consent && consent->is_object() ? Show(*consent, "status") : "-"});
    }
  }
  ctx.out << table.Render();
  return kExitOk;
}

}  // namespace

std::vector<CsvPiece> SplitCsv(std::string_view csv, std::size_t rows) {
  std::vector<CsvPiece> pieces;
  size_t pos = 0;
  int row = 0;
  // The header: the first record that is not blank (and the BOM before it).
  std::string header;
  while (pos < csv.size() && header.empty()) {
    const size_t end = RecordEnd(csv, pos);
    std::string_view line = csv.substr(pos, end - pos);
    ++row;
    pos = end;
    if (line.find_first_not_of("\r\n") != std::string_view::npos) header = std::string(line);
  }
  if (header.empty()) return pieces;
  if (header.back() != '\n') header += "\r\n";
  // Blank lines count as rows on the daemon too, so they travel with their
  // piece and numbering stays aligned.
  while (pos < csv.size()) {
    CsvPiece piece;
    piece.text = header;
    piece.first_row = row + 1;
    while (pos < csv.size() && piece.records < rows) {
      const size_t end = RecordEnd(csv, pos);
      piece.text.append(csv.substr(pos, end - pos));
      if (end == csv.size() && piece.text.back() != '\n') piece.text += "\r\n";
      ++piece.records;
      ++row;
      pos = end;
    }
    pieces.push_back(std::move(piece));
  }
  return pieces;
}

int RunContactsCommand(const std::vector<std::string>& args, const CommandContext& ctx) {
  CLI::App app("", "tellal contacts");
  DeclareContactsCommandLine(app);
  int status = kExitUsage;
  const auto parsed = ParseOrExplain(app, args, ctx.out, ctx.err, &status);
  if (!parsed) return status;
  if (parsed->subcommand == "import") return Import(*parsed, app, ctx);
  if (parsed->subcommand == "list") return List(*parsed, app, ctx);
  return Usage(ctx, kCommand, "expected a subcommand: import FILE, or list", &app);
}

}  // namespace tellal::cli
