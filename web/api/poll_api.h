// The SMS poll endpoints of the HTTP API. Each handler validates its
// request fully (400s name the field), then works through
// ApiBackend::WithRules, in one transaction.
//
//   POST   /api/v1/polls               create (poll_request.h); 201, Location
//   GET    /api/v1/polls               every poll, by id
//   GET    /api/v1/polls/{id}          one poll
//   PATCH  /api/v1/polls/{id}          the members given replace the stored
//                                      ones; the result is checked whole
//   DELETE /api/v1/polls/{id}          removes it and its votes; 409 naming
//                                      "id" while a rule's poll_vote names it
//   GET    /api/v1/polls/{id}/results  tallies (poll_json.h); format=csv
//                                      lists every vote instead
//
// A poll that does not exist is 404.
//
// Pure request-to-response functions; safe from any HTTP thread.
#ifndef TELLAL_WEB_API_POLL_API_H_
#define TELLAL_WEB_API_POLL_API_H_

#include "web/api/api_call.h"
#include "web/http/http_types.h"

namespace tellal::web {

HttpResponse PostPoll(const Call& c);
HttpResponse ListPolls(const Call& c);
HttpResponse GetPoll(const Call& c);
HttpResponse PatchPoll(const Call& c);
HttpResponse DeletePoll(const Call& c);
HttpResponse GetPollResults(const Call& c);

}  // namespace tellal::web

#endif  // TELLAL_WEB_API_POLL_API_H_
