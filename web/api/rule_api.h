// The keyword rule endpoints of the HTTP API. Each handler validates its
// request fully (400s name the field), then works through
// ApiBackend::WithRules, in one transaction.
//
//   POST   /api/v1/rules        create (rule_request.h); 201 with Location
//   GET    /api/v1/rules        every rule, in the order they are tried
//   GET    /api/v1/rules/{id}   one rule
//   PATCH  /api/v1/rules/{id}   the members given replace the stored ones;
//                               the result is checked as a whole
//   DELETE /api/v1/rules/{id}   removes it
//
// A rule that does not exist is 404. A tag/untag group that does not exist
// is 400 naming actions[i].group; a poll_vote poll that does not exist is
// 400 naming actions[i].poll.
//
// Pure request-to-response functions; safe from any HTTP thread.
#ifndef TELLAL_WEB_API_RULE_API_H_
#define TELLAL_WEB_API_RULE_API_H_

#include "web/api/api_call.h"
#include "web/http/http_types.h"

namespace tellal::web {

HttpResponse PostRule(const Call& c);
HttpResponse ListRules(const Call& c);
HttpResponse GetRule(const Call& c);
HttpResponse PatchRule(const Call& c);
HttpResponse DeleteRule(const Call& c);

}  // namespace tellal::web

#endif  // TELLAL_WEB_API_RULE_API_H_
