// The text template of a bulk send or a campaign:
//   "Merhaba {name|Değerli müşterimiz}, kodunuz {code}"
// {field} is replaced by the recipient's value of that name (a CSV column,
// a contact's name, number or attribute); {field|default} by `default` when
// the recipient has no value for it (none, or empty). Spaces just inside
// the braces and around the '|' are ignored; {{ and }} stand for literal
// braces. Parsing is separate from expansion so that a bad template is
// reported before anything is sent, and a recipient without a value for a
// field that has no default is refused, naming the field: a literal
// "{name}" never reaches a customer.
#ifndef TELLAL_DAEMON_TEXT_MESSAGE_TEMPLATE_H_
#define TELLAL_DAEMON_TEXT_MESSAGE_TEMPLATE_H_

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "modem/result.h"

namespace tellal::text {

class MessageTemplate {
 public:
  // Fails on a '{' that is never closed, a '}' without '{', an empty field
  // name and a '{' inside a field, naming the character position (counted
  // in characters, not bytes) and how to write a literal brace.
  static Result<MessageTemplate> Parse(std::string_view text);

  // The fields used, in order of first use, each once.
  const std::vector<std::string>& fields() const { return fields_; }
  // Those of fields() used at least once without a default: a recipient
  // needs a value for each.
  const std::vector<std::string>& required_fields() const { return required_; }

  // The text for one recipient. value(name): its value, nullopt or empty
  // when it has none. Fails with "no value for {name}" for the first field
  // without a value and without a default.
  using Values = std::function<std::optional<std::string_view>(const std::string& name)>;
  Result<std::string> Expand(const Values& value) const;

 private:
  struct Piece {
    bool is_field = false;
    std::string text;  // literal text, or the field name
    std::optional<std::string> fallback;
  };
  std::vector<Piece> pieces_;
  std::vector<std::string> fields_;
  std::vector<std::string> required_;
};

// Fails naming the first required field of `t` that is not in `columns`,
// listing the columns (and the intended one when only letter case differs).
Status CheckFields(const MessageTemplate& t, const std::vector<std::string>& columns);

}  // namespace tellal::text

#endif  // TELLAL_DAEMON_TEXT_MESSAGE_TEMPLATE_H_
