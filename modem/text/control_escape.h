// Text from outside (a modem's lines, a sender's name, a URL path) made
// safe to write into a log: no character in it can end the line, start a
// terminal escape sequence or otherwise make one log line look like two.
//
// Pure function.
#ifndef TELLAL_MODEM_TEXT_CONTROL_ESCAPE_H_
#define TELLAL_MODEM_TEXT_CONTROL_ESCAPE_H_

#include <string>
#include <string_view>

namespace tellal::text {

// C0 controls and DEL become C-style escapes ("\n", "\r", "\t", "\x1b"),
// C1 controls (U+0080..U+009F, which terminals also obey) and the Unicode
// line and paragraph separators become "\u0085", "\u2028"... Everything
// else, UTF-8 included, is kept byte for byte; so is a backslash, since a
// literal "\n" in the text cannot break a line.
std::string EscapeControls(std::string_view text);

}  // namespace tellal::text

#endif  // TELLAL_MODEM_TEXT_CONTROL_ESCAPE_H_
