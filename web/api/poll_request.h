// POST and PATCH /api/v1/polls: a JSON poll turned into a store::PollSpec,
// every member checked, a 400 naming the first one that is wrong.
//
//   name              required, 1-256 bytes
//   keyword           optional, one word: votes are "<keyword> <option>";
//                     absent, an option's keyword alone is a vote
//   options           required, 2-50 of {"keyword": one word, "title":
//                     1-256 bytes}; keywords distinct once folded
//   opens_at          RFC 3339 with offset; absent: open at once
//   closes_at         RFC 3339 with offset, after opens_at; absent: never
//   votes_per_number  "once" (the first vote counts, default) or "last"
//   replies           {"valid", "invalid", "closed"}: templates
//                     (text/message_template.h; fields: the contact's and
//                     number, text, keyword, modem, poll, option, title);
//                     an absent or empty one sends no answer
//
// Pure functions; safe from any thread.
#ifndef TELLAL_WEB_API_POLL_REQUEST_H_
#define TELLAL_WEB_API_POLL_REQUEST_H_

#include <array>
#include <nlohmann/json.hpp>
#include <string_view>

#include "daemon/store/poll_records.h"
#include "modem/result.h"
#include "web/api/api_errors.h"

namespace tellal::web {

inline constexpr std::array<std::string_view, 7> kPollMembers = {"name",      "keyword",          "options", "opens_at",
                                                                 "closes_at", "votes_per_number", "replies"};
inline constexpr size_t kMaxPollOptions = 50;

Result<store::PollSpec, ApiError> ParsePoll(const nlohmann::json& body);

}  // namespace tellal::web

#endif  // TELLAL_WEB_API_POLL_REQUEST_H_
