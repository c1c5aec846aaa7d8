// ApiRouter: the HTTP API as a function from request to response — routes,
// authorisation, validation and JSON — with no sockets, so every endpoint is
// tested by building an HttpRequest by hand. The HTTP server (web/http)
// calls Handle for every request it receives.
//
// Routes (one table in api_router.cc; openapi.json documents each, and a
// test holds the two together):
//   GET    /api/v1/health          public: status for load balancers, always 200
//   GET    /api/v1/openapi.json    public: this API's OpenAPI 3 document
//   POST   /api/v1/messages        queue one message or a batch
//   GET    /api/v1/messages        list outbound messages, newest first
//   GET    /api/v1/messages/{id}   one message with its segments
//   DELETE /api/v1/messages/{id}   cancel a message still queued
//   GET    /api/v1/inbox           received messages, newest first
//   GET    /api/v1/modems          the modems and their SIMs
//   /api/v1/contacts, /groups, /consents, /optouts, /blocked
//                                  the audience (audience_api.h)
//   POST/GET/DELETE /api/v1/session
//                                  the panel's login (session_api.h)
//   POST   /api/v1/messages/preview
//                                  what a text costs (preview_api.h)
//   GET    /metrics                Prometheus text format
//   GET    /cgi-bin/sendsms        Kannel-compatible sending (kannel_sendsms.h)
//
// Authorisation: with a token configured, every path under /api/ except the
// two public ones, and /metrics, need "Authorization: Bearer <token>"; this
// is checked before a path or method is looked up, so without the token a
// client learns nothing but 401. With no token configured (the daemon then
// listens on loopback only) nothing is checked. /cgi-bin/sendsms has
// Kannel's own username and password instead. Wherever the token is
// asked for, the panel's session cookie is accepted instead (not on
// /cgi-bin), with the CSRF rule of session_api.h; an Authorization header,
// when sent, is judged alone.
//
// Static files: any other path that `site` holds ("/" is its index.html)
// is answered by the StaticSite, without credentials: the page itself
// shows the login form.
//
// POST and PATCH bodies must be sent as Content-Type: application/json
// (POST /api/v1/contacts/import: text/csv) (415 otherwise): a browser cannot send that cross-origin without a CORS
// preflight, which this API never grants, so a web page cannot make a
// visitor's browser queue SMS through a token-less loopback daemon.
//
// Thread safety: Handle may run on many server threads at once, and
// concurrently with UpdateSettings; each request sees one consistent copy of
// the settings. Handle never throws: anything unexpected is a 500.
// Lifetime: `backend` must outlive the router.
#ifndef TELLAL_WEB_API_API_ROUTER_H_
#define TELLAL_WEB_API_API_ROUTER_H_

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string_view>
#include <variant>
#include <vector>

#include "daemon/store/records.h"
#include "web/api/api_backend.h"
#include "web/api/api_settings.h"
#include "web/api/session_api.h"
#include "web/panel_server/static_site.h"
#include "web/http/http_types.h"

namespace tellal::web {

class ApiRouter {
 public:
  // Milliseconds since the Unix epoch; tests pass a fixed clock.
  using Clock = std::function<store::Millis()>;
  static store::Millis SystemClock();

  ApiRouter(ApiBackend& backend, ApiSettings settings, Clock clock = SystemClock, StaticSite site = {});

  ApiRouter(const ApiRouter&) = delete;
  ApiRouter& operator=(const ApiRouter&) = delete;

  HttpResponse Handle(const HttpRequest& request) const;

  // The part of Handle that needs no body: routing and credentials (token,
  // Kannel user). Returns the refusal (401, 403, 404, 405) Handle would give,
  // or nothing when the request may go on; the HTTP server calls it before
  // reading any body byte, so a client without credentials never gets a body
  // buffered. Same thread safety as Handle.
  std::optional<HttpResponse> Screen(const HttpRequest& request) const;

  // The panel's sessions, login limiter and verification slots.
  PanelAuth& panel_auth() const { return *panel_; }

  // Takes effect for requests that start after it returns.
  void UpdateSettings(ApiSettings settings);

  // Every (method, path pattern) Handle answers, patterns written as in
  // OpenAPI ("/api/v1/messages/{id}").
  struct RouteInfo {
    std::string_view method;
    std::string_view path;
  };
  static std::vector<RouteInfo> Routes();

 private:
  std::shared_ptr<const ApiSettings> Settings() const;
  HttpResponse Dispatch(const HttpRequest& request) const;
  // A route (its index in the route table and the {id} segment), or the
  // response that refuses the request.
  struct Found {
    int route;
    std::string_view id;
  };
  using Resolution = std::variant<Found, HttpResponse>;
  Resolution Resolve(const HttpRequest& request, const ApiSettings& settings) const;
  // The static site's answer, for paths outside the API.
  std::optional<HttpResponse> ServeStatic(const HttpRequest& request) const;

  ApiBackend& backend_;
  Clock clock_;
  StaticSite site_;
  std::unique_ptr<PanelAuth> panel_;  // never null; its members lock themselves
  mutable std::mutex settings_mutex_;
  std::shared_ptr<const ApiSettings> settings_;  // guarded by settings_mutex_; the value is immutable
};

}  // namespace tellal::web

#endif  // TELLAL_WEB_API_API_ROUTER_H_
