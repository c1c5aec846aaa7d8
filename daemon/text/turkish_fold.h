// Turkish-aware folding of short texts, for matching keywords ("DUR",
// "İPTAL") and searching names whatever the sender's keyboard or case.
//
// Fold() maps every letter of the Turkish alphabet to its plain lower-case
// ASCII base — İ I ı i -> i, Ş ş -> s, Ğ ğ -> g, Ç ç -> c, Ö ö -> o,
// Ü ü -> u, and the circumflexed Â â Î î Û û of loanwords -> a i u —
// and other ASCII letters to lower case. The set is fixed by the Turkish
// alphabet (TDK), so a table is complete; a phone that sends "İ" as "I" +
// U+0307 COMBINING DOT ABOVE folds the same, since the mark is dropped.
// Everything else (digits, other scripts, emoji) is kept byte for byte, and
// malformed UTF-8 is kept as it is: folding never fails.
//
// Pure functions; safe from any thread.
#ifndef TELLAL_DAEMON_TEXT_TURKISH_FOLD_H_
#define TELLAL_DAEMON_TEXT_TURKISH_FOLD_H_

#include <string>
#include <string_view>

namespace tellal::text {

std::string Fold(std::string_view utf8);

// Fold(), then the words only: leading and trailing whitespace and
// punctuation removed, inner runs of them (" ", "-", "." ...) made one
// space. "  Dur! " and "DUR" give "dur"; "İptal, Tellal" gives
// "iptal tellal". Whole-message keyword matching compares these.
std::string FoldWords(std::string_view utf8);

}  // namespace tellal::text

#endif  // TELLAL_DAEMON_TEXT_TURKISH_FOLD_H_
