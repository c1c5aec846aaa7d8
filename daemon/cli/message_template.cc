#include "daemon/cli/message_template.h"
#include "modem/text/ascii.h"

#include <algorithm>

namespace tellal::cli {

using text::EqualsIgnoreCase;
using text::TrimSpaces;

namespace {

// 1-based character position of byte `pos`: UTF-8 continuation bytes do not
// start a character.
std::size_t CharacterAt(std::string_view text, std::size_t pos) {
  std::size_t n = 0;
  for (std::size_t i = 0; i <= pos && i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++n;
  }
  return n;
}

}  // namespace

Result<MessageTemplate> MessageTemplate::Parse(std::string_view text) {
  MessageTemplate t;
  std::string literal;
  const auto flush_literal = [&] {
    if (!literal.empty()) t.pieces_.push_back({false, std::move(literal)});
    literal.clear();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '}') {
      if (i + 1 < text.size() && text[i + 1] == '}') {
        literal += '}';
        ++i;
        continue;
      }
      return Error::InvalidArgument("text: '}' at character " + std::to_string(CharacterAt(text, i)) +
                                    " closes no field (write }} for a literal brace)");
    }
    if (c != '{') {
      literal += c;
      continue;
    }
    if (i + 1 < text.size() && text[i + 1] == '{') {
      literal += '{';
      ++i;
      continue;
    }
    const std::size_t close = text.find_first_of("{}", i + 1);
    if (close == std::string_view::npos) {
      return Error::InvalidArgument("text: '{' at character " + std::to_string(CharacterAt(text, i)) +
                                    " is never closed (write {{ for a literal brace)");
    }
    if (text[close] == '{') {
      return Error::InvalidArgument("text: '{' at character " + std::to_string(CharacterAt(text, close)) +
                                    " inside the field opened at character " + std::to_string(CharacterAt(text, i)) +
                                    " (write {{ for a literal brace)");
    }
    const std::string name(TrimSpaces(text.substr(i + 1, close - i - 1)));
    if (name.empty()) {
      return Error::InvalidArgument("text: empty field name at character " + std::to_string(CharacterAt(text, i)) +
                                    " (write {{}} for literal braces)");
    }
    flush_literal();
    t.pieces_.push_back({true, name});
    if (std::find(t.fields_.begin(), t.fields_.end(), name) == t.fields_.end()) t.fields_.push_back(name);
    i = close;
  }
  flush_literal();
  return t;
}

std::string MessageTemplate::Expand(const std::function<std::string_view(const std::string& name)>& value) const {
  std::string out;
  for (const Piece& p : pieces_) {
    if (p.is_field) {
      out += value(p.text);
    } else {
      out += p.text;
    }
  }
  return out;
}

Status CheckFields(const MessageTemplate& t, const std::vector<std::string>& columns) {
  for (const std::string& field : t.fields()) {
    if (std::find(columns.begin(), columns.end(), field) != columns.end()) continue;
    std::string message = "text: the template uses {" + field + "}, but the file has no column '" + field + "'";
    for (const std::string& column : columns) {
      if (EqualsIgnoreCase(column, field)) {
        message += " (did you mean {" + column + "}?)";
        return Error::InvalidArgument(message);
      }
    }
    message += "; columns: ";
    for (std::size_t i = 0; i < columns.size(); ++i) message += (i ? ", " : "") + columns[i];
    return Error::InvalidArgument(message);
  }
  return Status::Ok();
}

}  // namespace tellal::cli
