// Export formats: stored messages and inbox entries as JSON lines or CSV,
// for GET /api/v1/export, `tellal export` and the retention archive.
//
// JSON lines: one object per line, exactly the object the API's listings
// return for that record (MessageJson / InboxMessageJson), so an archive
// reads like the API. CSV (RFC 4180): a header line, then one line per
// record with the same members in a fixed column order; a nested `error`
// becomes error_code and error_text, null an empty field, booleans
// true/false. Fields holding a comma, a quote, CR or LF are quoted, quotes
// doubled. Lines end with CRLF in CSV (RFC 4180 §2) and LF in JSON lines.
//
// Pure functions, safe from any thread.
#ifndef TELLAL_WEB_API_EXPORT_FORMAT_H_
#define TELLAL_WEB_API_EXPORT_FORMAT_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "daemon/store/records.h"

namespace tellal::web {

enum class ExportFormat { kJsonLines, kCsv };
enum class ExportKind { kMessages, kInbox };

// "jsonl" | "csv"; "messages" | "inbox".
std::optional<ExportFormat> ParseExportFormat(std::string_view name);
std::optional<ExportKind> ParseExportKind(std::string_view name);
// The Content-Type of a whole export in `format`.
const char* ExportContentType(ExportFormat format);

// The CSV columns of each kind, in order.
const std::vector<std::string>& ExportColumns(ExportKind kind);

// What precedes the first record: the CSV header line; nothing for JSON lines.
std::string ExportHeader(ExportKind kind, ExportFormat format);
// One record, with its line end.
std::string ExportLine(const store::Message& message, ExportFormat format);
std::string ExportLine(const store::InboxMessage& entry, ExportFormat format);

// One CSV field, quoted when RFC 4180 needs it.
std::string CsvField(std::string_view value);

}  // namespace tellal::web

#endif  // TELLAL_WEB_API_EXPORT_FORMAT_H_
