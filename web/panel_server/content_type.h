// The Content-Type a static file is served with, from its name's extension.
#ifndef TELLAL_WEB_PANEL_SERVER_CONTENT_TYPE_H_
#define TELLAL_WEB_PANEL_SERVER_CONTENT_TYPE_H_

#include <string_view>

namespace tellal::web {

// "text/html; charset=utf-8" for "/index.html", "text/javascript;
// charset=utf-8" for ".js" and ".mjs" (browsers refuse ES modules served as
// anything but a JavaScript type), ...; the extension is compared without
// regard to case. Unknown extensions are "application/octet-stream", which
// with nosniff a browser will neither render nor run.
std::string_view ContentTypeForPath(std::string_view path);

}  // namespace tellal::web

#endif  // TELLAL_WEB_PANEL_SERVER_CONTENT_TYPE_H_
