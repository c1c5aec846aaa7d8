#include "web/api/poll_request.h"

#include <algorithm>
#include <set>
#include <string>
#include <utility>

#include "daemon/core/keyword_rules.h"
#include "daemon/text/message_template.h"
#include "daemon/text/rfc3339.h"
#include "web/api/json_members.h"

namespace tellal::web {
namespace {

using nlohmann::json;

constexpr size_t kMaxText = 256;

Result<std::optional<store::Millis>, ApiError> OptionalTime(const json& body, const char* name) {
  auto given = OptionalString(body, name);
  if (!given) return std::move(given).error();
  if (!*given) return std::optional<store::Millis>();
  auto at = text::ParseRfc3339(**given);
  if (!at) return ApiError::InvalidField(name, at.error().message);
  return std::optional<store::Millis>(*at);
}

Result<std::string, ApiError> ShortText(const json& value, const std::string& field) {
  if (!value.is_string()) return ApiError::InvalidField(field, "must be a string, " + Got(value));
  std::string s = value.get<std::string>();
  if (s.empty() || s.size() > kMaxText) return ApiError::InvalidField(field, "must be 1-256 bytes");
  return s;
}

Result<bool, ApiError> ParseOptions(const json& body, store::PollSpec& spec) {
  const json* options = Member(body, "options");
  if (!options) return ApiError::MissingField("options");
  if (!options->is_array() || options->size() < 2 || options->size() > kMaxPollOptions)
    return ApiError::InvalidField("options", "must be an array of 2-50 {keyword, title}");
  std::set<std::string> seen;
  for (size_t i = 0; i < options->size(); ++i) {
    const std::string at = "options[" + std::to_string(i) + "]";
    const json& item = (*options)[i];
    if (!item.is_object()) return ApiError::InvalidField(at, "must be an object {keyword, title}, " + Got(item));
    for (const auto& [key, value] : item.items()) {
      if (key != "keyword" && key != "title") return ApiError::UnknownField(at + "." + key);
    }
    const json* keyword = Member(item, "keyword");
    if (!keyword) return ApiError::MissingField(at + ".keyword");
    auto word = ShortText(*keyword, at + ".keyword");
    if (!word) return std::move(word).error();
    auto folded = core::FoldKeyword(*word);
    if (!folded) return ApiError::InvalidField(at + ".keyword", folded.error().message);
    if (!seen.insert(*folded).second)
      return ApiError::InvalidField(at + ".keyword", "'" + *word + "' is another option's keyword once folded");
    const json* title = Member(item, "title");
    if (!title) return ApiError::MissingField(at + ".title");
    auto named = ShortText(*title, at + ".title");
    if (!named) return std::move(named).error();
    spec.options.push_back(store::PollOption{std::move(*word), std::move(*named)});
  }
  return true;
}

Result<bool, ApiError> ParseReplies(const json& body, store::PollSpec& spec) {
  const json* replies = Member(body, "replies");
  if (!replies) return true;
  if (!replies->is_object()) return ApiError::InvalidField("replies", "must be an object {valid, invalid, closed}");
  for (const auto& [key, value] : replies->items()) {
    std::string* target = key == "valid"     ? &spec.reply_valid
                          : key == "invalid" ? &spec.reply_invalid
                          : key == "closed"  ? &spec.reply_closed
                                             : nullptr;
    if (!target) return ApiError::UnknownField("replies." + key);
    if (value.is_null()) continue;
    if (!value.is_string()) return ApiError::InvalidField("replies." + key, "must be a string, " + Got(value));
    *target = value.get<std::string>();
    if (target->empty()) continue;
    auto parsed = text::MessageTemplate::Parse(*target);
    if (!parsed) return ApiError::InvalidField("replies." + key, parsed.error().message);
  }
  return true;
}

}  // namespace

Result<store::PollSpec, ApiError> ParsePoll(const json& body) {
  store::PollSpec spec;
  const json* name = Member(body, "name");
  if (!name) return ApiError::MissingField("name");
  auto named = ShortText(*name, "name");
  if (!named) return std::move(named).error();
  spec.name = std::move(*named);
  auto keyword = OptionalString(body, "keyword");
  if (!keyword) return std::move(keyword).error();
  if (*keyword && !(*keyword)->empty()) {
    auto folded = core::FoldKeyword(**keyword);
    if (!folded) return ApiError::InvalidField("keyword", folded.error().message);
    spec.keyword = **keyword;
  }
  if (auto o = ParseOptions(body, spec); !o) return std::move(o).error();
  auto opens = OptionalTime(body, "opens_at");
  if (!opens) return std::move(opens).error();
  spec.opens_at = *opens;
  auto closes = OptionalTime(body, "closes_at");
  if (!closes) return std::move(closes).error();
  spec.closes_at = *closes;
  if (spec.opens_at && spec.closes_at && *spec.closes_at <= *spec.opens_at)
    return ApiError::InvalidField("closes_at", "must be after opens_at");
  auto votes = OptionalString(body, "votes_per_number");
  if (!votes) return std::move(votes).error();
  if (*votes) {
    auto parsed = store::ParseVotesPerNumber(**votes);
    if (!parsed) return ApiError::InvalidField("votes_per_number", "expected once or last, got '" + **votes + "'");
    spec.votes_per_number = *parsed;
  }
  if (auto r = ParseReplies(body, spec); !r) return std::move(r).error();
  return spec;
}

}  // namespace tellal::web
