// The panel's password file: <state_dir>/panel-password, one line holding
// libsodium's crypto_pwhash_str output (Argon2id, with its salt and cost
// parameters in the string). Written by `tellal passwd` and the demo, read
// by tellald at every login attempt (so a new password needs no restart).
//
// Cost: OPSLIMIT_INTERACTIVE / MEMLIMIT_INTERACTIVE (64 MiB, about 0.1 s
// on a desktop, 0.5 s on a Raspberry Pi 3). MODERATE (256 MiB) would take a
// quarter of a Pi 3's 1 GB per login and, with the two verifications the
// API lets run at once, half of it, beside the daemon and the OS.
//
// Pure functions over files; safe from any thread. Verifying is slow on
// purpose: never call it on the daemon's io thread.
#ifndef TELLAL_WEB_API_SESSION_PASSWORD_H_
#define TELLAL_WEB_API_SESSION_PASSWORD_H_

#include <string>
#include <string_view>

#include "modem/result.h"

namespace tellal::web {

inline constexpr std::string_view kPanelPasswordFileName = "panel-password";

// A password shorter than this is refused by HashPanelPassword's callers
// (the panel guards SMS sending; a few characters are guessed offline from
// a leaked hash within hours even with Argon2id).
inline constexpr std::size_t kMinPanelPasswordLength = 8;

enum class PasswordCheck {
  kAccepted,
  kWrong,
  kNotSet,  // no file, or an empty one
};

// The crypto_pwhash_str string for `password`.
Result<std::string> HashPanelPassword(std::string_view password);

// Compares `password` with the hash stored in `file`. A file that exists
// but cannot be read, or holds something that is not a crypto_pwhash_str
// string, is an error naming the file (the daemon's answer is a 500, not a
// "wrong password" that would send the user guessing).
Result<PasswordCheck> CheckPanelPassword(const std::string& file, std::string_view password);

// Writes `hash` to `file` atomically (a temporary file in the same
// directory, fsync, rename) with mode 0600. When running as root the file
// is given to the owner of its directory (the state directory belongs to
// the daemon's user), so tellald can read what `sudo tellal passwd` wrote.
Status WritePanelPasswordFile(const std::string& file, std::string_view hash);

}  // namespace tellal::web

#endif  // TELLAL_WEB_API_SESSION_PASSWORD_H_
