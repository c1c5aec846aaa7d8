#include "daemon/cli/recipients_csv.h"

#include <algorithm>
#include <map>

#include "modem/pdu/utf8.h"
#include "modem/text/ascii.h"

namespace tellal::cli {

using text::ToLowerAscii;
using text::TrimSpaces;

namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";
constexpr std::size_t kMaxProblemsShown = 5;

std::string Line(std::size_t line) { return "line " + std::to_string(line); }

std::string RowAt(const CsvRecord& r, std::size_t row) {
  return "row " + std::to_string(row) + " (line " + std::to_string(r.line) + ")";
}

Status CheckUtf8(std::string_view text) {
  std::size_t line = 1;
  std::size_t line_start = 0;
  for (std::size_t pos = 0; pos < text.size();) {
    char32_t cp;
    const std::size_t used = pdu::DecodeUtf8Fast(text, pos, &cp);
    if (used == 0) {
      return Error::InvalidArgument(
          Line(line) + ": byte " + std::to_string(pos - line_start + 1) +
          " is not UTF-8; save the file as UTF-8 (in Excel: \"CSV UTF-8\"), not in a legacy code page");
    }
    if (cp == '\n') {
      ++line;
      line_start = pos + 1;
    }
    pos += used;
  }
  return Status::Ok();
}

}  // namespace

Result<std::vector<CsvRecord>> ParseCsv(std::string_view text) {
  if (text.substr(0, kBom.size()) == kBom) text.remove_prefix(kBom.size());
  if (Status utf8 = CheckUtf8(text); !utf8) return utf8.error();

  std::vector<CsvRecord> records;
  const std::size_t n = text.size();
  std::size_t pos = 0;
  std::size_t line = 1;
  while (pos < n) {
    CsvRecord record;
    record.line = line;
    bool only_field_was_quoted = false;
    while (true) {
      const std::size_t field_number = record.fields.size() + 1;
      std::string field;
      std::size_t start = pos;
      while (start < n && (text[start] == ' ' || text[start] == '\t')) ++start;
      const bool quoted = start < n && text[start] == '"';
      if (quoted) {
        const std::size_t opened_at = line;
        pos = start + 1;
        while (true) {
          if (pos >= n) {
            return Error::InvalidArgument(Line(opened_at) + ", field " + std::to_string(field_number) +
                                          ": the quote opened here is never closed");
          }
          const char c = text[pos];
          if (c == '"') {
            if (pos + 1 < n && text[pos + 1] == '"') {
              field += '"';
              pos += 2;
              continue;
            }
            ++pos;
            break;
          }
          if (c == '\n') ++line;
          field += c;
          ++pos;
        }
        while (pos < n && (text[pos] == ' ' || text[pos] == '\t')) ++pos;
        if (pos < n && text[pos] != ',' && text[pos] != '\n' && text[pos] != '\r') {
          return Error::InvalidArgument(
              Line(line) + ", field " + std::to_string(field_number) +
              ": text after the closing quote (a quote inside a quoted field is written \"\")");
        }
      } else {
        while (pos < n && text[pos] != ',' && text[pos] != '\n' && text[pos] != '\r') {
          if (text[pos] == '"') {
            return Error::InvalidArgument(
                Line(line) + ", field " + std::to_string(field_number) +
                ": a quote inside an unquoted field; put the whole field in quotes and double the "
                "quote (\"say \"\"hi\"\"\")");
          }
          field += text[pos++];
        }
      }
      only_field_was_quoted = quoted && record.fields.empty();
      record.fields.push_back(std::move(field));
      if (pos >= n) break;
      const char c = text[pos];
      if (c == ',') {
        ++pos;
        continue;
      }
      if (c == '\r') {
        if (pos + 1 >= n || text[pos + 1] != '\n') {
          return Error::InvalidArgument(Line(line) +
                                        ": a carriage return not followed by a line feed; use CRLF or LF line ends");
        }
        ++pos;
      }
      ++pos;  // the '\n'
      ++line;
      break;
    }
    const bool blank = record.fields.size() == 1 && record.fields[0].empty() && !only_field_was_quoted;
    if (!blank) records.push_back(std::move(record));
  }
  return records;
}

Result<RecipientList> ParseRecipients(std::string_view csv_text) {
  auto records = ParseCsv(csv_text);
  if (!records) return records.error();
  if (records->empty()) return Error::InvalidArgument("the file is empty; expected a header row such as: to,name");

  RecipientList list;
  const CsvRecord& header = records->front();
  std::map<std::string, std::size_t> seen;
  std::vector<std::size_t> phone_columns;
  for (std::size_t i = 0; i < header.fields.size(); ++i) {
    std::string name(TrimSpaces(header.fields[i]));
    if (name.empty()) {
      return Error::InvalidArgument(Line(header.line) + ": column " + std::to_string(i + 1) +
                                    " of the header has no name");
    }
    if (auto [it, inserted] = seen.emplace(name, i); !inserted) {
      return Error::InvalidArgument(Line(header.line) + ": column '" + name + "' appears twice in the header");
    }
    const std::string lower = ToLowerAscii(name);
    if (lower == "to" || lower == "phone" || lower == "number") phone_columns.push_back(i);
    list.columns.push_back(std::move(name));
  }
  if (phone_columns.empty()) {
    std::string message = Line(header.line) + ": no phone number column; name one 'to', 'phone' or 'number' (columns: ";
    for (std::size_t i = 0; i < list.columns.size(); ++i) message += (i ? ", " : "") + list.columns[i];
    return Error::InvalidArgument(message + ")");
  }
  if (phone_columns.size() > 1) {
    return Error::InvalidArgument(Line(header.line) + ": columns '" + list.columns[phone_columns[0]] + "' and '" +
                                  list.columns[phone_columns[1]] + "' both look like the phone number; keep one");
  }
  list.to_column = phone_columns[0];

  for (std::size_t i = 1; i < records->size(); ++i) {
    CsvRecord& r = (*records)[i];
    if (r.fields.size() != list.columns.size()) {
      return Error::InvalidArgument(RowAt(r, i) + ": " + std::to_string(r.fields.size()) +
                                    " fields, but the header has " + std::to_string(list.columns.size()) + " columns");
    }
    list.rows.push_back(std::move(r));
  }
  if (list.rows.empty()) return Error::InvalidArgument("the file has a header but no recipients");
  return list;
}

Result<std::vector<Recipient>> ExpandRecipients(const RecipientList& list, const text::MessageTemplate& t) {
  if (Status fields = text::CheckFields(t, list.columns); !fields) return fields.error();

  std::vector<Recipient> out;
  out.reserve(list.rows.size());
  std::vector<std::string> problems;
  std::size_t bad_rows = 0;
  for (std::size_t i = 0; i < list.rows.size(); ++i) {
    const CsvRecord& r = list.rows[i];
    const std::size_t row = i + 1;
    std::string problem;
    const std::string_view to = TrimSpaces(r.fields[list.to_column]);
    if (to.empty()) problem = "no phone number in column '" + list.columns[list.to_column] + "'";
    Result<std::string> text = std::string();
    if (problem.empty()) {
      text = t.Expand([&](const std::string& name) -> std::optional<std::string_view> {
        const auto column = std::find(list.columns.begin(), list.columns.end(), name);
        if (column == list.columns.end()) return std::nullopt;
        return r.fields[static_cast<std::size_t>(column - list.columns.begin())];
      });
      if (!text) problem = text.error().message;
    }
    if (!problem.empty()) {
      if (++bad_rows <= kMaxProblemsShown) problems.push_back(RowAt(r, row) + ": " + problem);
      continue;
    }
    Recipient recipient;
    recipient.row = row;
    recipient.to = std::string(to);
    recipient.text = std::move(*text);
    out.push_back(std::move(recipient));
  }
  if (bad_rows > 0) {
    std::string message;
    for (std::size_t i = 0; i < problems.size(); ++i) message += (i ? "\n" : "") + problems[i];
    if (bad_rows > problems.size()) {
      message += "\n... and " + std::to_string(bad_rows - problems.size()) + " more rows like these";
    }
    return Error::InvalidArgument(message);
  }
  return out;
}

}  // namespace tellal::cli
