#include "web/panel_server/content_type.h"

#include <array>
#include <utility>

#include "modem/text/ascii.h"

namespace tellal::web {
namespace {

// Text types name their charset: the panel's files are UTF-8 (Turkish
// labels), and a browser guessing otherwise would garble them.
constexpr std::array<std::pair<std::string_view, std::string_view>, 14> kTypes = {{
    {".html", "text/html; charset=utf-8"},
    {".css", "text/css; charset=utf-8"},
    {".js", "text/javascript; charset=utf-8"},
    {".mjs", "text/javascript; charset=utf-8"},
    {".json", "application/json"},
    {".svg", "image/svg+xml"},
    {".png", "image/png"},
    {".jpg", "image/jpeg"},
    {".jpeg", "image/jpeg"},
    {".ico", "image/x-icon"},
    {".webp", "image/webp"},
    {".woff2", "font/woff2"},
    {".txt", "text/plain; charset=utf-8"},
    {".webmanifest", "application/manifest+json"},
}};

}  // namespace

std::string_view ContentTypeForPath(std::string_view path) {
  const size_t slash = path.rfind('/');
  const std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  const size_t dot = name.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return "application/octet-stream";
  const std::string_view extension = name.substr(dot);
  for (const auto& [known, type] : kTypes) {
    if (text::EqualsIgnoreCase(extension, known)) return type;
  }
  return "application/octet-stream";
}

}  // namespace tellal::web
