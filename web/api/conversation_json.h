// The JSON of the conversation endpoints, with the conventions of
// api_json.h (time stamps RFC 3339 in local time, absent values null):
//
// An entry of a thread:
//   {"direction": "inbound|outbound", "id", "text", "at",
//    "modem",        inbound: received on; outbound: sent on, else pinned to
//    "state",        outbound: the message's state; inbound: null
//    "error_code",   outbound, when it has one; else null
//    "read",         inbound: marked read; outbound: null
//    "undecodable"}  inbound PDUs kept as they came (text ""); else false
// `id` is the inbox entry's (GET /api/v1/inbox) or the message's
// (GET /api/v1/messages/{id}).
//
// A conversation: {"number", "contact_name", "unread",
//   "last_inbound_modem" (where a reply goes; null if it never wrote),
//   "last": its newest entry}.
//
// Pure functions, safe from any thread.
#ifndef TELLAL_WEB_API_CONVERSATION_JSON_H_
#define TELLAL_WEB_API_CONVERSATION_JSON_H_

#include <nlohmann/json.hpp>

#include "daemon/store/conversation_records.h"

namespace tellal::web {

nlohmann::json ConversationEntryJson(const store::ConversationEntry& entry);
nlohmann::json ConversationJson(const store::ConversationSummary& summary);

}  // namespace tellal::web

#endif  // TELLAL_WEB_API_CONVERSATION_JSON_H_
