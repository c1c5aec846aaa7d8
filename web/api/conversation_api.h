// The conversation endpoints of the HTTP API: a number's inbound and
// outbound SMS as one thread, so a person can answer a customer.
//
//   GET  /api/v1/conversations                   one row per number, newest activity first:
//                                                 q= (number prefix or contact name), limit=, cursor=
//   GET  /api/v1/conversations/{number}          the conversation and a page of its thread:
//                                                 the newest entries, oldest first; limit=, cursor=
//                                                 (next_cursor: the older page)
//   POST /api/v1/conversations/{number}/read     marks its inbound entries read (the GETs never do:
//                                                 they are safe, a preview or a second tab changes nothing)
//   POST /api/v1/conversations/{number}/messages {"text", ...}: a reply, queued as an informational
//                                                 message pinned to the modem the number last wrote to
//                                                 (unpinned if it never wrote, or that modem is no
//                                                 longer configured); 202 like POST /api/v1/messages
//
// {number} is a phone number, normalised like a destination ('+' sent as
// %2B or as itself); a malformed one is a 400 naming `number`. The reply's
// body takes the members of a message (message_request.h) except `to`,
// `modem` and `category`, which the route decides; it is validated by the
// same parser.
//
// Pure request-to-response functions; safe from any HTTP thread.
#ifndef TELLAL_WEB_API_CONVERSATION_API_H_
#define TELLAL_WEB_API_CONVERSATION_API_H_

#include "web/api/api_call.h"

namespace tellal::web {

HttpResponse ListConversations(const Call& c);
HttpResponse GetConversation(const Call& c);
HttpResponse MarkConversationRead(const Call& c);
HttpResponse ReplyInConversation(const Call& c);

}  // namespace tellal::web

#endif  // TELLAL_WEB_API_CONVERSATION_API_H_
