// SMS polls as the API shows them: the shape POST /api/v1/polls takes
// (poll_request.h) plus id and times; their results as JSON and CSV.
#ifndef TELLAL_WEB_API_POLL_JSON_H_
#define TELLAL_WEB_API_POLL_JSON_H_

#include <nlohmann/json.hpp>
#include <string>

#include "daemon/store/poll_records.h"

namespace tellal::web {

// A valid request body.
nlohmann::json PollSpecJson(const store::PollSpec& spec);
// PollSpecJson plus "id", "created_at", "updated_at".
nlohmann::json PollJson(const store::Poll& poll);
// {"poll", "name", "options": [{"keyword", "title", "votes"}] (every
// option, in the poll's order), "votes", "counted", "numbers", "invalid"}.
nlohmann::json PollResultsJson(const store::Poll& poll, const store::PollResults& results);
// The CSV header and one line of a vote: number,option,at,counted (option
// as the poll spells it, empty for an invalid answer; RFC 4180, CRLF).
std::string PollVotesCsvHeader();
std::string PollVoteCsv(const store::Poll& poll, const store::PollVote& vote);

}  // namespace tellal::web

#endif  // TELLAL_WEB_API_POLL_JSON_H_
