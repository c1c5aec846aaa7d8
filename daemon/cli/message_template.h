// The text template of a bulk send: "Merhaba {name}, kodunuz {code}".
// {field} is replaced by the recipient's value in the CSV column of that
// name (spaces just inside the braces are ignored); {{ and }} stand for
// literal braces. Parsing is separate from expansion so that a bad template
// or an unknown field is reported before anything is sent.
#ifndef TELLAL_DAEMON_CLI_MESSAGE_TEMPLATE_H_
#define TELLAL_DAEMON_CLI_MESSAGE_TEMPLATE_H_

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "modem/result.h"

namespace tellal::cli {

class MessageTemplate {
 public:
  // Fails on a '{' that is never closed, a '}' without '{', an empty field
  // name and a '{' inside a field name, naming the character position
  // (counted in characters, not bytes) and how to write a literal brace.
  static Result<MessageTemplate> Parse(std::string_view text);

  // The fields used, in order of first use, each once.
  const std::vector<std::string>& fields() const { return fields_; }

  // The text with each field replaced by value(name). Precondition: `value`
  // knows every name in fields().
  std::string Expand(const std::function<std::string_view(const std::string& name)>& value) const;

 private:
  struct Piece {
    bool is_field;
    std::string text;  // literal text, or the field name
  };
  std::vector<Piece> pieces_;
  std::vector<std::string> fields_;
};

// Fails naming the first field of `t` that is not in `columns`, listing the
// columns (and the intended one when only letter case differs).
Status CheckFields(const MessageTemplate& t, const std::vector<std::string>& columns);

}  // namespace tellal::cli

#endif  // TELLAL_DAEMON_CLI_MESSAGE_TEMPLATE_H_
