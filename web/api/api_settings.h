// What the API layer needs to know from the configuration to validate and
// authorise requests. Filled by the daemon from [daemon], [http] and
// [kannel]; a plain value, copied into the API at start and on reload.
#ifndef TELLAL_WEB_API_API_SETTINGS_H_
#define TELLAL_WEB_API_API_SETTINGS_H_

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace tellal::web {

struct KannelUser {
  std::string username;
  std::string password;
};

struct ApiSettings {
  std::string token;                   // Bearer token for /api; empty: no auth (loopback only)
  std::string default_country;         // digits; empty: national numbers are rejected
  int max_segments = 10;               // longer texts are a 400 on `text`
  std::size_t max_batch = 10000;       // messages per POST
  std::vector<std::string> modem_ids;  // the configured modems, for `modem`
  std::optional<KannelUser> kannel;    // /cgi-bin/sendsms credentials; none: endpoint answers 403
  bool dlr_url_allow_local = false;    // a dlr-url may name a loopback or link-local host
  // What commercial messages end with (core::RenderFooter), or why they
  // cannot be accepted with a footer (then commercial_footer is unused).
  std::string commercial_footer;
  std::string commercial_footer_error;
  std::string version;
  // <state_dir>/panel-password (session_password.h); empty: the panel's
  // login answers 503.
  std::string panel_password_file;
  bool panel_secure_cookies = false;  // the API is served over TLS: cookies get "Secure"
};

}  // namespace tellal::web

#endif  // TELLAL_WEB_API_API_SETTINGS_H_
