// The CSV of a contacts import, read into records: UTF-8 with or without a
// byte-order mark, a header row, `,` or `;` between fields (whichever the
// header uses more of, outside quotes; `,` on a tie), fields quoted as in
// RFC 4180 ("a ""b"", c" is one field; quoted fields may hold separators
// and line breaks), lines ending in CRLF or LF.
//
// A record that breaks the format (a quote never closed, text after a
// closing quote, bytes that are not UTF-8) is kept with its error, so the
// import reports that row and goes on with the others. Blank lines are
// skipped but counted, so `row` is the row a spreadsheet shows (one per
// record, the header included).
//
// Pure functions, working on the whole text in memory; safe from any thread.
#ifndef TELLAL_WEB_API_CONTACTS_CSV_H_
#define TELLAL_WEB_API_CONTACTS_CSV_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tellal::web {

struct CsvRecord {
  int row = 0;  // 1-based; the header is row 1 when it is the first line
  std::vector<std::string> fields;
  std::optional<std::string> error;  // why the record is malformed
};

struct CsvTable {
  char separator = ',';
  CsvRecord header;             // fields trimmed of spaces
  std::vector<CsvRecord> rows;  // after the header, blank lines left out
};

// Fails (nullopt plus `why`) only when there is no header at all.
std::optional<CsvTable> ParseCsv(std::string_view text, std::string* why);

}  // namespace tellal::web

#endif  // TELLAL_WEB_API_CONTACTS_CSV_H_
