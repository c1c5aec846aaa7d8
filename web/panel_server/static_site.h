// StaticSite: answers GET and HEAD for a table of files compiled into the
// binary (the web panel), the way a browser needs them: the right
// Content-Type, revalidation by ETag (If-None-Match -> 304, with
// Cache-Control: no-cache so a new build is picked up at the next load) and
// headers that keep the pages from being framed, sniffed or leaking the
// address in a Referer.
//
// "/" serves "/index.html". Only paths in the table are served, compared
// byte for byte: there is no file system behind it, and a path with a "."
// or ".." segment, a backslash or an empty segment is refused as not found
// rather than normalised, so no second spelling of a file exists.
//
// Thread safety: immutable after construction; Serve may run on many
// threads at once. The table must outlive the site (generated tables are
// static).
#ifndef TELLAL_WEB_PANEL_SERVER_STATIC_SITE_H_
#define TELLAL_WEB_PANEL_SERVER_STATIC_SITE_H_

#include <optional>
#include <span>
#include <string_view>

#include "web/http/http_types.h"
#include "web/panel_server/static_file.h"

namespace tellal::web {

class StaticSite {
 public:
  StaticSite() = default;  // serves nothing
  explicit StaticSite(std::span<const StaticFile> files) : files_(files) {}

  // The answer for `request` when its path names a file of the table (or
  // is "/" with an index.html, or a refused spelling: 404): 200 or 304 for
  // GET and HEAD (HEAD keeps the body; the HTTP server sends only its
  // length), 405 with Allow for other methods. Nothing when the path is
  // not the site's, so the caller may route it elsewhere.
  std::optional<HttpResponse> Serve(const HttpRequest& request) const;

  // The file at `path` after the "/" -> "/index.html" mapping, or nullptr.
  const StaticFile* Find(std::string_view path) const;

  bool empty() const { return files_.empty(); }

 private:
  std::span<const StaticFile> files_;
};

// The headers every static answer carries (also the 304s): the
// Content-Security-Policy that lets the page load only its own scripts,
// styles and images and forbids framing, nosniff, and no Referer.
void AddStaticSecurityHeaders(HttpResponse& response);

}  // namespace tellal::web

#endif  // TELLAL_WEB_PANEL_SERVER_STATIC_SITE_H_
