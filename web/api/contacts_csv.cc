#include "web/api/contacts_csv.h"

#include <utility>

#include "modem/pdu/utf8.h"
#include "modem/text/ascii.h"

namespace tellal::web {
namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

bool EndsField(char c, char separator) { return c == separator || c == '\r' || c == '\n'; }

// `,` or `;`, whichever the first record uses more of outside quotes.
char DetectSeparator(std::string_view text) {
  int commas = 0;
  int semicolons = 0;
  bool quoted = false;
  for (char c : text) {
    if (c == '"') {
      quoted = !quoted;
    } else if (!quoted && (c == '\n' || c == '\r')) {
      break;
    } else if (!quoted && c == ',') {
      ++commas;
    } else if (!quoted && c == ';') {
      ++semicolons;
    }
  }
  return semicolons > commas ? ';' : ',';
}

bool IsValidUtf8(std::string_view s) { return pdu::DecodeUtf8(s).ok(); }

// Reads one record starting at *pos; leaves *pos after its line break.
CsvRecord ReadRecord(std::string_view text, size_t* pos, char separator) {
  CsvRecord record;
  size_t i = *pos;
  const size_t n = text.size();
  for (;;) {
    std::string field;
    if (i < n && text[i] == '"') {
      ++i;
      bool closed = false;
      while (i < n) {
        if (text[i] == '"') {
          if (i + 1 < n && text[i + 1] == '"') {
            field += '"';
            i += 2;
            continue;
          }
          ++i;
          closed = true;
          break;
        }
        field += text[i++];
      }
      if (!closed && !record.error) record.error = "a quoted field is not closed";
      if (closed && i < n && !EndsField(text[i], separator)) {
        if (!record.error) record.error = "text after a closing quote";
        while (i < n && !EndsField(text[i], separator)) ++i;
      }
    } else {
      const size_t start = i;
      while (i < n && !EndsField(text[i], separator)) ++i;
      field.assign(text.substr(start, i - start));
    }
    record.fields.push_back(std::move(field));
    if (i < n && text[i] == separator) {
      ++i;
      continue;
    }
    if (i < n && text[i] == '\r') ++i;
    if (i < n && text[i] == '\n') ++i;
    break;
  }
  *pos = i;
  return record;
}

bool IsBlank(const CsvRecord& r) { return !r.error && r.fields.size() == 1 && r.fields[0].empty(); }

}  // namespace

std::optional<CsvTable> ParseCsv(std::string_view text, std::string* why) {
  if (text.starts_with(kByteOrderMark)) text.remove_prefix(kByteOrderMark.size());
  // Checked per field only when the whole text is not UTF-8.
  const bool all_utf8 = IsValidUtf8(text);
  CsvTable table;
  table.separator = DetectSeparator(text);
  size_t pos = 0;
  int row = 0;
  bool have_header = false;
  while (pos < text.size()) {
    CsvRecord record = ReadRecord(text, &pos, table.separator);
    record.row = ++row;
    if (IsBlank(record)) continue;
    if (!all_utf8 && !record.error) {
      for (const std::string& f : record.fields) {
        if (!IsValidUtf8(f)) {
          record.error = "not UTF-8 text";
          break;
        }
      }
    }
    if (!have_header) {
      for (std::string& f : record.fields) f = std::string(text::TrimSpaces(f));
      table.header = std::move(record);
      have_header = true;
      continue;
    }
    table.rows.push_back(std::move(record));
  }
  if (!have_header) {
    *why = "the CSV is empty: it needs a header row naming the columns";
    return std::nullopt;
  }
  return table;
}

}  // namespace tellal::web
