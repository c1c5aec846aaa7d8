// StaticFile: one file of a directory compiled into the binary
// (embed_directory.cmake writes tables of them).
#ifndef TELLAL_WEB_PANEL_SERVER_STATIC_FILE_H_
#define TELLAL_WEB_PANEL_SERVER_STATIC_FILE_H_

#include <span>
#include <string_view>

namespace tellal::web {

struct StaticFile {
  std::string_view path;   // "/index.html", "/js/app.js": "/" + the path inside the directory
  std::string_view bytes;  // the content, as in the file
  std::string_view etag;   // a quoted strong validator that changes with the content: "\"3f2a...\""
};

// The panel's files (web/panel/), in path order; empty when the directory
// is. Defined by the generated panel_files.cc.
std::span<const StaticFile> PanelFiles();

}  // namespace tellal::web

#endif  // TELLAL_WEB_PANEL_SERVER_STATIC_FILE_H_
