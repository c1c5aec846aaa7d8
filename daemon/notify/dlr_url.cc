#include "daemon/notify/dlr_url.h"

#include <algorithm>
#include <iterator>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "daemon/net/url.h"
#include "daemon/text/rfc3339.h"

namespace tellal::notify {
namespace {

// What Kannel leaves readable that RFC 3986's unreserved set does not
// include: its sub-delimiters !*'() as they are, a space as '+'.
constexpr std::pair<std::string_view, char> kKannelKept[] = {
    {"20", '+'}, {"21", '!'}, {"2A", '*'}, {"27", '\''}, {"28", '('}, {"29", ')'},
};

// The escapes that stand for one text field of the report, URL-encoded.
constexpr std::pair<char, std::string DlrReport::*> kTextFields[] = {
    {'p', &DlrReport::destination}, {'P', &DlrReport::sender},     {'A', &DlrReport::answer}, {'b', &DlrReport::answer},
    {'i', &DlrReport::smsc_id},     {'F', &DlrReport::foreign_id}, {'n', &DlrReport::service}};

// Codes Kannel knows but tellal has no value for: they expand to nothing.
constexpr std::string_view kNoValueCodes = "BcCDfmMoORuvV";

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

// Kannel's octstr_split_words: runs of non-space characters.
std::vector<std::string_view> Words(std::string_view text) {
  std::vector<std::string_view> words;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && IsSpace(text[i])) ++i;
    const std::size_t start = i;
    while (i < text.size() && !IsSpace(text[i])) ++i;
    if (i > start) words.push_back(text.substr(start, i - start));
  }
  return words;
}

void AppendJoined(const std::vector<std::string_view>& words, std::size_t from, std::string& out) {
  for (std::size_t j = from; j < words.size(); ++j) {
    if (j > from) out += '+';
    out += KannelUrlEncode(words[j]);
  }
}

// A leading international "00" is shown as an encoded '+', as Kannel's %q.
void AppendPlusForm(std::string_view number, std::string& out) {
  if (number.substr(0, 2) == "00") {
    out += "%2B";
    number.remove_prefix(2);
  }
  out += KannelUrlEncode(number);
}

}  // namespace

std::string KannelUrlEncode(std::string_view value) {
  const std::string escaped = net::PercentEncode(value);
  std::string out;
  out.reserve(escaped.size());
  for (std::size_t i = 0; i < escaped.size(); ++i) {
    if (escaped[i] == '%') {
      const std::string_view code = std::string_view(escaped).substr(i + 1, 2);
      const auto kept = std::find_if(std::begin(kKannelKept), std::end(kKannelKept),
                                     [code](const auto& entry) { return entry.first == code; });
      if (kept != std::end(kKannelKept)) {
        out += kept->second;
        i += 2;
        continue;
      }
    }
    out += escaped[i];
  }
  return out;
}

bool ShouldNotify(int mask, int dlr_type) { return (mask & dlr_type) != 0; }

std::string ExpandDlrUrl(std::string_view pattern, const DlrReport& report) {
  const std::vector<std::string_view> words = Words(report.answer);
  std::size_t next_word = 1;  // %s and %r skip the first word, Kannel's keyword
  std::string out;
  out.reserve(pattern.size() + 64);
  std::size_t pos = 0;
  while (pos < pattern.size()) {
    const char c = pattern[pos];
    if (c != '%' || pos + 1 == pattern.size()) {
      out += c;
      ++pos;
      continue;
    }
    const char code = pattern[pos + 1];
    pos += 2;
    if (const auto field = std::find_if(std::begin(kTextFields), std::end(kTextFields),
                                        [code](const auto& entry) { return entry.first == code; });
        field != std::end(kTextFields)) {
      out += KannelUrlEncode(report.*(field->second));
      continue;
    }
    if (kNoValueCodes.find(code) != std::string_view::npos) continue;
    switch (code) {
      case 'd':
        out += std::to_string(report.type);
        break;
      case 'q':
        AppendPlusForm(report.destination, out);
        break;
      case 'Q':
        AppendPlusForm(report.sender, out);
        break;
      case 't':
        out += text::FormatUtc(report.unix_time, "%F+%T");
        break;
      case 'T':
        out += std::to_string(report.unix_time);
        break;
      case 'I':
        out += std::to_string(report.message_id);
        break;
      case 'a':
        AppendJoined(words, 0, out);
        break;
      case 'k':
        if (!words.empty()) out += KannelUrlEncode(words[0]);
        break;
      case 's':
        if (next_word < words.size()) out += KannelUrlEncode(words[next_word++]);
        break;
      case 'S':
        // Kannel leaves %S unencoded so a user can pass a URL through it.
        if (next_word < words.size()) {
          for (char w : words[next_word++]) out += w == '*' ? '~' : w;
        }
        break;
      case 'r':
        AppendJoined(words, next_word, out);
        break;
      case '%':
        out += '%';
        break;
      case '#': {
        // %#group#param# names a meta-data value; tellal carries none, so a
        // well-formed one expands to nothing. A malformed one is left as
        // written rather than eating the characters after it as Kannel does.
        const std::size_t second = pattern.find('#', pos);
        const std::size_t third = second == std::string_view::npos ? second : pattern.find('#', second + 1);
        if (third == std::string_view::npos) {
          out += "%#";
        } else {
          pos = third + 1;
        }
        break;
      }
      default:
        out += '%';
        out += code;
    }
  }
  return out;
}

}  // namespace tellal::notify
