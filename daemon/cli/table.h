// Column-aligned plain-text tables for the CLI's human-readable output
// (`tellal modems`, `tellal inbox`, `tellal status`), and the terminal-safety
// rules every printed value goes through.
#ifndef TELLAL_DAEMON_CLI_TABLE_H_
#define TELLAL_DAEMON_CLI_TABLE_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace tellal::cli {

// Columns a terminal uses for `utf8`: one per character, two for East Asian
// wide characters and most emoji, none for combining marks and joiners.
// Invalid bytes count one each (they are printed as U+FFFD).
std::size_t DisplayWidth(std::string_view utf8);

// Text from outside (an inbound SMS is written by anyone who knows the
// number) made safe to print: line breaks become "↵", tabs a space, other
// control characters (C0, DEL, C1: the ones that start terminal escape
// sequences) and invalid UTF-8 become U+FFFD.
std::string SanitizeForTerminal(std::string_view text);

// Cuts `text` to at most `width` display columns, ending in "…" when cut.
std::string TruncateToWidth(std::string_view text, std::size_t width);

class Table {
 public:
  enum class Align { kLeft, kRight };

  explicit Table(std::vector<std::string> headers);

  void SetAlign(std::size_t column, Align align);
  // Cells past a width limit are cut with "…"; 0 means no limit.
  void SetMaxWidth(std::size_t column, std::size_t width);

  // Cells are sanitized (SanitizeForTerminal). A row with fewer cells than
  // headers is padded with empty ones; extra cells are dropped.
  void AddRow(std::vector<std::string> cells);
  std::size_t rows() const { return rows_.size(); }

  // The header line and one line per row, columns two spaces apart, each
  // line ending in '\n' without trailing blanks.
  std::string Render() const;

 private:
  std::vector<std::string> headers_;
  std::vector<Align> align_;
  std::vector<std::size_t> max_width_;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace tellal::cli

#endif  // TELLAL_DAEMON_CLI_TABLE_H_
