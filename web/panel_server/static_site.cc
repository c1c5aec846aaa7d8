#include "web/panel_server/static_site.h"

#include <string>

#include "web/panel_server/content_type.h"

namespace tellal::web {
namespace {

// A spelling of a path that a file system would resolve to another one:
// "/a/../b", "/./a", "/a//b", "/a\\b". The table holds canonical paths
// only, so these can never name a file; answering them 404 here makes that
// explicit instead of relying on the lookup missing.
bool IsNonCanonical(std::string_view path) {
  if (path.empty() || path.front() != '/') return true;
  if (path.find('\\') != std::string_view::npos || path.find('\0') != std::string_view::npos) return true;
  size_t start = 1;
  while (start <= path.size()) {
    const size_t end = std::min(path.find('/', start), path.size());
    const std::string_view segment = path.substr(start, end - start);
    if (segment == "." || segment == "..") return true;
    if (segment.empty() && end != path.size()) return true;  // "//"
    start = end + 1;
  }
  return false;
}

// Whether an If-None-Match value (RFC 9110 §13.1.2: "*" or a list of
// entity tags, weak ones compared weakly) matches `etag`.
bool NoneMatchHits(std::string_view header, std::string_view etag) {
  size_t pos = 0;
  while (pos < header.size()) {
    size_t comma = header.find(',', pos);
    if (comma == std::string_view::npos) comma = header.size();
    std::string_view tag = header.substr(pos, comma - pos);
    while (!tag.empty() && (tag.front() == ' ' || tag.front() == '\t')) tag.remove_prefix(1);
    while (!tag.empty() && (tag.back() == ' ' || tag.back() == '\t')) tag.remove_suffix(1);
    if (tag == "*") return true;
    if (tag.starts_with("W/")) tag.remove_prefix(2);
    if (tag == etag) return true;
    pos = comma + 1;
  }
  return false;
}

HttpResponse NotFound(std::string_view path) {
  HttpResponse response;
  response.status = 404;
  response.content_type = "text/plain; charset=utf-8";
  response.body = "not found: " + std::string(path) + "\n";
  AddStaticSecurityHeaders(response);
  return response;
}

}  // namespace

void AddStaticSecurityHeaders(HttpResponse& response) {
  response.headers.emplace_back("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'");
  response.headers.emplace_back("X-Content-Type-Options", "nosniff");
  response.headers.emplace_back("Referrer-Policy", "no-referrer");
}

const StaticFile* StaticSite::Find(std::string_view path) const {
  if (path == "/") path = "/index.html";
  for (const StaticFile& file : files_) {
    if (file.path == path) return &file;
  }
  return nullptr;
}

std::optional<HttpResponse> StaticSite::Serve(const HttpRequest& request) const {
  if (IsNonCanonical(request.path)) return NotFound(request.path);
  const StaticFile* file = Find(request.path);
  if (file == nullptr) return std::nullopt;

  HttpResponse response;
  if (request.method != "GET" && request.method != "HEAD") {
    response.status = 405;
    response.content_type = "text/plain; charset=utf-8";
    response.body = "method not allowed: " + request.method + "\n";
    response.headers.emplace_back("Allow", "GET, HEAD");
    AddStaticSecurityHeaders(response);
    return response;
  }
  // no-cache: the browser may keep the file but asks each time, so a new
  // tellald serves its new pages at once, at the cost of a 304 per file.
  response.headers.emplace_back("Cache-Control", "no-cache");
  response.headers.emplace_back("ETag", std::string(file->etag));
  AddStaticSecurityHeaders(response);
  if (const std::string* none_match = request.header("if-none-match");
      none_match != nullptr && NoneMatchHits(*none_match, file->etag)) {
    response.status = 304;
    response.content_type.clear();
    return response;
  }
  response.status = 200;
  response.content_type = std::string(ContentTypeForPath(file->path));
  response.body = std::string(file->bytes);
  return response;
}

}  // namespace tellal::web
