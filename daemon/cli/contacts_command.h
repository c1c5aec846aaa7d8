// `tellal contacts import FILE`: uploads a contacts CSV to
// POST /api/v1/contacts/import in pieces of --chunk rows (each with the
// file's header), drawing the progress bar on a terminal, then prints how
// many contacts were created and updated and each refused row with the
// row number it has in FILE. `tellal contacts list`: one page of contacts
// as a table (--group, --query, --limit).
//
// The pieces are cut at record boundaries (a quoted field may hold line
// breaks), blank lines included, so the daemon's row numbers map back to
// the file's. Each piece commits on its own: an interrupted import leaves
// the pieces before it in place, and running it again updates them.
#ifndef TELLAL_DAEMON_CLI_CONTACTS_COMMAND_H_
#define TELLAL_DAEMON_CLI_CONTACTS_COMMAND_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "daemon/cli/api_command.h"

namespace tellal::cli {

inline constexpr std::size_t kDefaultImportChunk = 10000;

int RunContactsCommand(const std::vector<std::string>& args, const CommandContext& ctx);
void DeclareContactsCommandLine(CLI::App& app);

// A CSV cut into pieces of at most `rows` records after its header: each
// piece is the header line, then its records; `first_row` is the row its
// first record has in the whole file (the header is row 1).
struct CsvPiece {
  std::string text;
  int first_row = 2;
  std::size_t records = 0;
};
std::vector<CsvPiece> SplitCsv(std::string_view csv, std::size_t rows);

}  // namespace tellal::cli

#endif  // TELLAL_DAEMON_CLI_CONTACTS_COMMAND_H_
