// What one API handler sees: the request, the settings it runs under, the
// backend, the router's clock reading and the {…} path segment. Handlers
// are plain functions of a Call (api_router.cc's route table).
#ifndef TELLAL_WEB_API_API_CALL_H_
#define TELLAL_WEB_API_API_CALL_H_

#include <string_view>

#include "daemon/store/records.h"
#include "web/api/api_backend.h"
#include "web/api/api_settings.h"
#include "web/http/http_types.h"

namespace tellal::web {

struct PanelAuth;

struct Call {
  const HttpRequest& request;
  const ApiSettings& settings;
  ApiBackend& backend;
  store::Millis now;
  std::string_view id;  // the {…} path segment, when the pattern has one
  PanelAuth* panel = nullptr;  // the panel's sessions (session_api.h); set by the router
};

using Handler = HttpResponse (*)(const Call&);

}  // namespace tellal::web

#endif  // TELLAL_WEB_API_API_CALL_H_
