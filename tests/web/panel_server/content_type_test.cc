#include "web/panel_server/content_type.h"

#include <catch2/catch.hpp>
#include <string>
#include <tuple>

namespace tellal::web {
namespace {

TEST_CASE("ContentTypeForPath names the type a browser needs for each panel file") {
  auto [path, type] = GENERATE(table<std::string, std::string>({
      {"/index.html", "text/html; charset=utf-8"},
      {"/js/app.js", "text/javascript; charset=utf-8"},
      {"/js/module.mjs", "text/javascript; charset=utf-8"},
      {"/style.CSS", "text/css; charset=utf-8"},
      {"/i18n/tr.json", "application/json"},
      {"/img/logo.svg", "image/svg+xml"},
      {"/img/bars.png", "image/png"},
      {"/img/photo.JPEG", "image/jpeg"},
      {"/favicon.ico", "image/x-icon"},
      {"/notes.txt", "text/plain; charset=utf-8"},
      {"/archive.tar.gz", "application/octet-stream"},
      {"/Makefile", "application/octet-stream"},
      {"/.htaccess", "application/octet-stream"},
      {"/js.d/noextension", "application/octet-stream"},
  }));
  INFO(path);
  CHECK(ContentTypeForPath(path) == type);
}

}  // namespace
}  // namespace tellal::web
