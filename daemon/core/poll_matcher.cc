#include "daemon/core/poll_matcher.h"

#include <algorithm>

#include "daemon/text/turkish_fold.h"

namespace tellal::core {
namespace {

std::vector<std::string> Words(std::string_view text) {
  std::vector<std::string> words;
  const std::string folded = text::FoldWords(text);
  size_t start = 0;
  while (start < folded.size()) {
    size_t end = folded.find(' ', start);
    if (end == std::string::npos) end = folded.size();
    words.push_back(folded.substr(start, end - start));
    start = end + 1;
  }
  return words;
}

PollMatch Answer(const store::Poll& poll, const std::vector<std::string>& keys, const std::string* word,
                 store::Millis now) {
  PollMatch m;
  m.poll = &poll;
  if (!PollOpen(poll.spec, now)) {
    m.answer = PollAnswer::kClosed;
    return m;
  }
  m.answer = PollAnswer::kInvalid;
  if (!word) return m;
  auto it = std::find(keys.begin(), keys.end(), *word);
  if (it == keys.end()) return m;
  m.answer = PollAnswer::kValid;
  m.option = &poll.spec.options[static_cast<size_t>(it - keys.begin())];
  m.option_key = *it;
  return m;
}

std::vector<std::string> OptionKeys(const store::Poll& poll) {
  std::vector<std::string> keys;
  for (const store::PollOption& o : poll.spec.options) keys.push_back(text::FoldWords(o.keyword));
  return keys;
}

}  // namespace

bool PollOpen(const store::PollSpec& spec, store::Millis now) {
  return (!spec.opens_at || *spec.opens_at <= now) && (!spec.closes_at || now < *spec.closes_at);
}

PollMatcher::PollMatcher(std::vector<store::Poll> polls) {
  std::sort(polls.begin(), polls.end(), [](const store::Poll& a, const store::Poll& b) { return a.id < b.id; });
  for (store::Poll& p : polls) {
    Entry e;
    e.keyword = text::FoldWords(p.spec.keyword);
    e.option_keys = OptionKeys(p);
    e.poll = std::move(p);
    entries_.push_back(std::move(e));
  }
}

std::optional<PollMatch> PollMatcher::Match(std::string_view text, store::Millis now) const {
  const std::vector<std::string> words = Words(text);
  if (words.empty()) return std::nullopt;
  const Entry* open = nullptr;
  const Entry* closed = nullptr;
  for (const Entry& e : entries_) {
    if (e.keyword.empty() || e.keyword != words[0]) continue;
    if (PollOpen(e.poll.spec, now)) {
      if (!open) open = &e;
    } else {
      closed = &e;  // the last one by id
    }
  }
  if (const Entry* e = open ? open : closed) {
    return Answer(e->poll, e->option_keys, words.size() > 1 ? &words[1] : nullptr, now);
  }
  const Entry* only = nullptr;
  for (const Entry& e : entries_) {
    if (!e.keyword.empty() || !PollOpen(e.poll.spec, now)) continue;
    if (std::find(e.option_keys.begin(), e.option_keys.end(), words[0]) == e.option_keys.end()) continue;
    if (only) return std::nullopt;  // ambiguous
    only = &e;
  }
  if (!only) return std::nullopt;
  return Answer(only->poll, only->option_keys, &words[0], now);
}

PollMatch PollMatcher::VoteIn(const store::Poll& poll, std::string_view text, store::Millis now) {
  const std::vector<std::string> keys = OptionKeys(poll);
  for (const std::string& w : Words(text)) {
    if (std::find(keys.begin(), keys.end(), w) != keys.end()) return Answer(poll, keys, &w, now);
  }
  return Answer(poll, keys, nullptr, now);
}

}  // namespace tellal::core
