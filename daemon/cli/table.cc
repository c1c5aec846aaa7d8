#include "daemon/cli/table.h"

#include <algorithm>

#include "modem/pdu/utf8.h"

namespace tellal::cli {

namespace {

struct Range {
  char32_t first, last;
};

// Combining marks, zero-width spaces and joiners, variation selectors: they
// modify the character before them and take no column of their own.
constexpr Range kZeroWidth[] = {
    {0x0300, 0x036F}, {0x0483, 0x0489}, {0x0591, 0x05BD},   {0x0610, 0x061A}, {0x064B, 0x065F},
    {0x1AB0, 0x1AFF}, {0x1DC0, 0x1DFF}, {0x200B, 0x200F},   {0x2060, 0x2064}, {0x20D0, 0x20FF},
    {0xFE00, 0xFE0F}, {0xFE20, 0xFE2F}, {0xE0100, 0xE01EF},
};

// East Asian Wide and Fullwidth blocks, and the emoji blocks terminals draw
// two columns wide; texts sent by phones carry emoji often.
constexpr Range kWide[] = {
    {0x1100, 0x115F},   {0x231A, 0x231B},   {0x23E9, 0x23EC},   {0x2614, 0x2615},   {0x2648, 0x2653},
    {0x26A1, 0x26A1},   {0x26AA, 0x26AB},   {0x26BD, 0x26BE},   {0x26C4, 0x26C5},   {0x2705, 0x2705},
    {0x270A, 0x270B},   {0x2728, 0x2728},   {0x274C, 0x274C},   {0x2753, 0x2755},   {0x2795, 0x2797},
    {0x2B1B, 0x2B1C},   {0x2E80, 0x303E},   {0x3041, 0x33FF},   {0x3400, 0x4DBF},   {0x4E00, 0x9FFF},
    {0xA000, 0xA4CF},   {0xAC00, 0xD7A3},   {0xF900, 0xFAFF},   {0xFE30, 0xFE4F},   {0xFF00, 0xFF60},
    {0xFFE0, 0xFFE6},   {0x1F300, 0x1F64F}, {0x1F680, 0x1F6FF}, {0x1F900, 0x1F9FF}, {0x1FA70, 0x1FAFF},
    {0x20000, 0x2FFFD}, {0x30000, 0x3FFFD},
};

bool InRanges(char32_t cp, const Range* begin, const Range* end) {
  return std::any_of(begin, end, [cp](const Range& r) { return cp >= r.first && cp <= r.last; });
}

std::size_t CodePointWidth(char32_t cp) {
  if (InRanges(cp, std::begin(kZeroWidth), std::end(kZeroWidth))) return 0;
  if (InRanges(cp, std::begin(kWide), std::end(kWide))) return 2;
  return 1;
}

// Decodes the code point at text[pos]; an invalid byte reads as U+FFFD of
// length one, so a walk always advances.
std::size_t NextCodePoint(std::string_view text, std::size_t pos, char32_t* cp) {
  const std::size_t used = pdu::DecodeUtf8Fast(text, pos, cp);
  if (used == 0) {
    *cp = 0xFFFD;
    return 1;
  }
  return used;
}

}  // namespace

std::size_t DisplayWidth(std::string_view utf8) {
  std::size_t width = 0;
  for (std::size_t pos = 0; pos < utf8.size();) {
    char32_t cp;
    pos += NextCodePoint(utf8, pos, &cp);
    width += CodePointWidth(cp);
  }
  return width;
}

std::string SanitizeForTerminal(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t pos = 0; pos < text.size();) {
    char32_t cp;
    const std::size_t used = NextCodePoint(text, pos, &cp);
    if (cp == '\r' && pos + 1 < text.size() && text[pos + 1] == '\n') {
      pos += 1;  // CRLF is one line break
      continue;
    }
    pos += used;
    if (cp == '\n' || cp == '\r') {
      out += "\u21B5";
    } else if (cp == '\t') {
      out += ' ';
    } else if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)) {
      out += "\uFFFD";
    } else {
      pdu::AppendUtf8(out, cp);
    }
  }
  return out;
}

std::string TruncateToWidth(std::string_view text, std::size_t width) {
  if (DisplayWidth(text) <= width) return std::string(text);
  if (width == 0) return "";
  std::string out;
  std::size_t used_width = 0;
  for (std::size_t pos = 0; pos < text.size();) {
    char32_t cp;
    const std::size_t used = NextCodePoint(text, pos, &cp);
    const std::size_t w = CodePointWidth(cp);
    if (used_width + w > width - 1) break;  // one column stays for the ellipsis
    pdu::AppendUtf8(out, cp);
    used_width += w;
    pos += used;
  }
  return out + "\u2026";
}

Table::Table(std::vector<std::string> headers)
    : headers_(std::move(headers)), align_(headers_.size(), Align::kLeft), max_width_(headers_.size(), 0) {}

void Table::SetAlign(std::size_t column, Align align) {
  if (column < align_.size()) align_[column] = align;
}

void Table::SetMaxWidth(std::size_t column, std::size_t width) {
  if (column < max_width_.size()) max_width_[column] = width;
}

void Table::AddRow(std::vector<std::string> cells) {
  cells.resize(headers_.size());
  for (std::size_t i = 0; i < cells.size(); ++i) {
    cells[i] = SanitizeForTerminal(cells[i]);
    if (max_width_[i] > 0) cells[i] = TruncateToWidth(cells[i], max_width_[i]);
  }
  rows_.push_back(std::move(cells));
}

std::string Table::Render() const {
  std::vector<std::size_t> widths(headers_.size(), 0);
  for (std::size_t i = 0; i < headers_.size(); ++i) widths[i] = DisplayWidth(headers_[i]);
  for (const auto& row : rows_) {
    for (std::size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], DisplayWidth(row[i]));
  }
  std::string out;
  const auto emit = [&](const std::vector<std::string>& cells) {
    std::string line;
    for (std::size_t i = 0; i < cells.size(); ++i) {
      const std::size_t pad = widths[i] - DisplayWidth(cells[i]);
      if (i > 0) line += "  ";
      if (align_[i] == Align::kRight) line.append(pad, ' ');
      line += cells[i];
      if (align_[i] == Align::kLeft) line.append(pad, ' ');
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line;
    out += '\n';
  };
  emit(headers_);
  for (const auto& row : rows_) emit(row);
  return out;
}

}  // namespace tellal::cli
