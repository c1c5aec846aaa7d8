// The audience endpoints of the HTTP API: contacts (and their CSV import),
// groups, consents, opt-outs and the blocked list. Each handler validates
// its request fully (400s name the field), then does its work through
// ApiBackend::WithAudience, so what one request changes commits together.
//
//   POST   /api/v1/contacts            create (with an optional first consent)
//   GET    /api/v1/contacts            list: group=, q=, attribute.<key>=, limit=, cursor=
//   GET    /api/v1/contacts/{id}       one contact with its current consent
//   PATCH  /api/v1/contacts/{id}       change number, name, attributes (all), groups (all)
//   DELETE /api/v1/contacts/{id}       delete (its consent history stays)
//   POST   /api/v1/contacts/import     text/csv upsert by number (contacts_import.h)
//   GET    /api/v1/groups              every group with its member count
//   POST   /api/v1/groups              create
//   GET    /api/v1/groups/{name}       one group
//   PATCH  /api/v1/groups/{name}       rename and/or describe
//   DELETE /api/v1/groups/{name}       delete (members stay contacts)
//   POST   /api/v1/consents            append a consent record
//   GET    /api/v1/consents            the history, oldest first: number= (one number's,
//                                       normalised), since=, format=json|csv
//   POST   /api/v1/optouts             record a refusal (RET)
//   GET    /api/v1/optouts             numbers whose current status is RET
//   DELETE /api/v1/optouts/{number}    opt back in: ONAY from the required source=
//   POST   /api/v1/blocked             block every send to a number
//   GET    /api/v1/blocked             the blocked list
//   DELETE /api/v1/blocked/{number}    unblock
//
// Pure request-to-response functions; safe from any HTTP thread.
#ifndef TELLAL_WEB_API_AUDIENCE_API_H_
#define TELLAL_WEB_API_AUDIENCE_API_H_

#include "web/api/api_call.h"

namespace tellal::web {

HttpResponse PostContact(const Call& c);
HttpResponse ListContacts(const Call& c);
HttpResponse GetContact(const Call& c);
HttpResponse PatchContact(const Call& c);
HttpResponse DeleteContact(const Call& c);
HttpResponse ImportContacts(const Call& c);

HttpResponse ListGroups(const Call& c);
HttpResponse PostGroup(const Call& c);
HttpResponse GetGroup(const Call& c);
HttpResponse PatchGroup(const Call& c);
HttpResponse DeleteGroup(const Call& c);

HttpResponse PostConsent(const Call& c);
HttpResponse ListConsents(const Call& c);

HttpResponse PostOptOut(const Call& c);
HttpResponse ListOptOuts(const Call& c);
HttpResponse DeleteOptOut(const Call& c);

HttpResponse PostBlocked(const Call& c);
HttpResponse ListBlocked(const Call& c);
HttpResponse DeleteBlocked(const Call& c);

}  // namespace tellal::web

#endif  // TELLAL_WEB_API_AUDIENCE_API_H_
