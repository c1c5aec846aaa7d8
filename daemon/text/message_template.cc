#include "daemon/text/message_template.h"

#include <algorithm>

#include "modem/text/ascii.h"

namespace tellal::text {

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
    if (!literal.empty()) t.pieces_.push_back({false, std::move(literal), std::nullopt});
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
    const std::string_view inside = text.substr(i + 1, close - i - 1);
    const std::size_t bar = inside.find('|');
    const std::string name(TrimSpaces(inside.substr(0, bar)));
    if (name.empty()) {
      return Error::InvalidArgument("text: empty field name at character " + std::to_string(CharacterAt(text, i)) +
                                    " (write {{}} for literal braces)");
    }
    std::optional<std::string> fallback;
    if (bar != std::string_view::npos) fallback = std::string(TrimSpaces(inside.substr(bar + 1)));
    flush_literal();
    if (std::find(t.fields_.begin(), t.fields_.end(), name) == t.fields_.end()) t.fields_.push_back(name);
    if (!fallback && std::find(t.required_.begin(), t.required_.end(), name) == t.required_.end()) {
      t.required_.push_back(name);
    }
    t.pieces_.push_back({true, name, std::move(fallback)});
    i = close;
  }
  flush_literal();
  return t;
}

Result<std::string> MessageTemplate::Expand(const Values& value) const {
  std::string out;
  for (const Piece& p : pieces_) {
    if (!p.is_field) {
      out += p.text;
      continue;
    }
    const std::optional<std::string_view> v = value(p.text);
    if (v && !v->empty()) {
      out += *v;
    } else if (p.fallback) {
      out += *p.fallback;
    } else {
      return Error::InvalidArgument("no value for {" + p.text + "}");
    }
  }
  return out;
}

Status CheckFields(const MessageTemplate& t, const std::vector<std::string>& columns) {
  for (const std::string& field : t.required_fields()) {
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

}  // namespace tellal::text
