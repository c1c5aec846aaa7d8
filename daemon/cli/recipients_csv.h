// The recipients file of a bulk send: CSV with a header row, one column
// holding the phone number (`to`, `phone` or `number`), every column usable
// as a template field. Parsing works on text in memory; reading the file is
// the caller's job.
//
// The CSV dialect is RFC 4180 as spreadsheets write it: comma-separated,
// fields optionally in double quotes (a quoted field may hold commas, line
// breaks and doubled quotes ""), CRLF or LF line ends, a UTF-8 byte order
// mark ignored. Leniencies, each unambiguous: spaces around a quoted field
// are ignored, and blank lines are skipped. Everything else that is not
// RFC 4180 is an error naming the line, because a mis-split row would send
// someone else's code to someone.
#ifndef TELLAL_DAEMON_CLI_RECIPIENTS_CSV_H_
#define TELLAL_DAEMON_CLI_RECIPIENTS_CSV_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "daemon/text/message_template.h"
#include "modem/result.h"

namespace tellal::cli {

struct CsvRecord {
  std::size_t line = 0;  // 1-based line of the file where the record starts
  std::vector<std::string> fields;
};

// Every record, the header included. Fails on invalid UTF-8 (with a hint
// about spreadsheet export encodings), a quote inside an unquoted field,
// text after a closing quote, an unclosed quote, and a carriage return not
// followed by a line feed, naming the line (and the field where it helps).
Result<std::vector<CsvRecord>> ParseCsv(std::string_view text);

struct RecipientList {
  std::vector<std::string> columns;  // header names, surrounding spaces removed
  std::size_t to_column = 0;         // index of the phone number column
  // The data rows; "row n" in messages and in --ref-prefix client refs is
  // rows[n - 1], so row 1 is the first record after the header.
  std::vector<CsvRecord> rows;
};

// ParseCsv, then checks the header (exactly one of to/phone/number, in any
// letter case; no empty or repeated names) and that every row has as many
// fields as the header. A header without rows is an error.
Result<RecipientList> ParseRecipients(std::string_view csv_text);

struct Recipient {
  std::size_t row = 0;  // as in RecipientList::rows
  std::string to;       // surrounding spaces removed
  std::string text;     // the template expanded with this row's values
};

// Expands `t` for every row. Fails when the template uses a field that is
// not a column (CheckFields), or when rows lack a phone number or a value
// the template uses; the message names the row, its line and the field, for
// the first few such rows and counts the rest, so one run shows what to fix.
Result<std::vector<Recipient>> ExpandRecipients(const RecipientList& list, const text::MessageTemplate& t);

}  // namespace tellal::cli

#endif  // TELLAL_DAEMON_CLI_RECIPIENTS_CSV_H_
