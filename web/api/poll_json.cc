#include "web/api/poll_json.h"

#include "daemon/text/rfc3339.h"
#include "daemon/text/turkish_fold.h"
#include "web/api/api_json.h"
#include "web/api/export_format.h"

namespace tellal::web {

using nlohmann::json;

json PollSpecJson(const store::PollSpec& spec) {
  json options = json::array();
  for (const store::PollOption& o : spec.options) options.push_back({{"keyword", o.keyword}, {"title", o.title}});
  return json{
      {"name", spec.name},
      {"keyword", spec.keyword.empty() ? json(nullptr) : json(spec.keyword)},
      {"options", std::move(options)},
      {"opens_at", TimeJson(spec.opens_at)},
      {"closes_at", TimeJson(spec.closes_at)},
      {"votes_per_number", store::VotesPerNumberName(spec.votes_per_number)},
      {"replies", {{"valid", spec.reply_valid}, {"invalid", spec.reply_invalid}, {"closed", spec.reply_closed}}}};
}

json PollJson(const store::Poll& poll) {
  json out = PollSpecJson(poll.spec);
  out["id"] = poll.id;
  out["created_at"] = TimeJson(poll.created_at);
  out["updated_at"] = TimeJson(poll.updated_at);
  return out;
}

json PollResultsJson(const store::Poll& poll, const store::PollResults& r) {
  json options = json::array();
  for (const store::PollOption& o : poll.spec.options) {
    int64_t votes = 0;
    const std::string key = text::FoldWords(o.keyword);
    for (const store::OptionTally& t : r.options) {
      if (t.keyword == key) votes = t.votes;
    }
    options.push_back({{"keyword", o.keyword}, {"title", o.title}, {"votes", votes}});
  }
  return json{{"poll", poll.id},      {"name", poll.spec.name}, {"options", std::move(options)}, {"votes", r.votes},
              {"counted", r.counted}, {"numbers", r.numbers},   {"invalid", r.invalid}};
}

std::string PollVotesCsvHeader() { return "number,option,at,counted\r\n"; }

std::string PollVoteCsv(const store::Poll& poll, const store::PollVote& v) {
  std::string option;
  if (v.vote.option) {
    option = *v.vote.option;  // an option since removed keeps its folded keyword
    for (const store::PollOption& o : poll.spec.options) {
      if (text::FoldWords(o.keyword) == *v.vote.option) option = o.keyword;
    }
  }
  return CsvField(v.vote.number) + "," + CsvField(option) + "," + text::FormatRfc3339Local(v.vote.voted_at) + "," +
         (v.counted ? "true" : "false") + "\r\n";
}

}  // namespace tellal::web
