#include "daemon/cli/inbox_command.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <utility>

#include "daemon/cli/table.h"
#include "daemon/text/rfc3339.h"

namespace tellal::cli {

using nlohmann::json;

void DeclareInboxCommandLine(CLI::App& app) {
  app.description("received messages, newest first; --follow waits for new ones");
  app.add_option("--from", "only messages from this sender")->type_name("NUMBER");
  app.add_option("--since", "only messages received at or after this time,\ne.g. 2024-05-01T00:00:00+03:00")
      ->type_name("RFC3339");
  app.add_option("--limit", "at most N messages (default: the daemon's page size)")->type_name("N");
  AddSwitch(app, "--follow",
            "after the list, print new messages as they arrive (checking every\n"
            "second), oldest first, until interrupted with Ctrl-C");
  AddSwitch(app, "--json", "print the API's JSON; with --follow, one JSON object per message\nper line");
  AddConnectionOptions(app);
}

namespace {

constexpr std::string_view kCommand = "inbox";
// Page size while following: arrivals within a second rarely exceed it, and
// more are fetched page by page.
constexpr long kFollowPageSize = 100;
// The largest `limit` the API accepts; a larger --limit is fetched in pages.
constexpr long kMaxPageSize = 1000;
// Pages fetched per poll at most, so a daemon that keeps returning unseen
// messages cannot keep one poll going forever.
constexpr int kFollowMaxPages = 50;

struct Filter {
  std::optional<std::string> from;
  std::optional<std::string> since;
  std::optional<long> limit;
};

std::string InboxPath(const std::optional<std::string>& since, const std::optional<std::string>& from,
                      std::optional<long> limit, const std::optional<std::string>& cursor) {
  return "/api/v1/inbox" +
         QueryString({{"since", since},
                      {"from", from},
                      {"limit", limit ? std::optional<std::string>(std::to_string(*limit)) : std::nullopt},
                      {"cursor", cursor}});
}

std::optional<std::string> NextCursor(const json& page) {
  const json* next = Member(page, "next_cursor");
  if (next == nullptr || !next->is_string() || next->get<std::string>().empty()) return std::nullopt;
  return next->get<std::string>();
}

std::string MessageKey(const json& m) {
  const json* id = Member(m, "id");
  return id != nullptr ? id->dump() : m.dump(-1, ' ', false, json::error_handler_t::replace);
}

bool Flag(const json& m, std::string_view key) {
  const json* flag = Member(m, key);
  return flag != nullptr && flag->is_boolean() && flag->get<bool>();
}

std::string Text(const json& m) {
  // No text to show: what it was and why, so someone can decode it by hand.
  if (Flag(m, "undecodable")) return "(undecodable: " + Show(m, "undecodable_reason") + ") " + Show(m, "raw_pdu");
  std::string text = Show(m, "text");
  if (Flag(m, "partial")) text = "(incomplete) " + text;
  return text;
}

struct Listing {
  std::vector<json> messages;  // newest first, as the API gives them
  std::string first_raw;       // the first page as received
  int pages = 0;
  std::optional<std::string> next_cursor;
};

// Fetches pages until `filter.limit` messages are in, or one page when no
// limit was given. On failure the exit status is in `*status`.
std::optional<Listing> FetchListing(ApiClient& api, const Filter& filter, const CommandContext& ctx, int* status) {
  Listing out;
  std::optional<std::string> cursor;
  std::optional<long> remaining = filter.limit;
  while (true) {
    // -1 stands for "no limit" instead of an empty optional: g++ 12 at -O2
    // warns (falsely) that the optional's value may be used uninitialised.
    const long size = remaining ? std::min(*remaining, kMaxPageSize) : -1;
    std::optional<long> page_size;
    if (size >= 0) page_size = size;
    auto reply = api.Get(InboxPath(filter.since, filter.from, page_size, cursor));
    if (!reply) {
      *status = Failure(ctx, kCommand, reply.error().message);
      return std::nullopt;
    }
    if (!reply->ok()) {
      *status = ApiFailure(ctx, kCommand, *reply, api.endpoint());
      return std::nullopt;
    }
    const json* messages = Member(reply->body, "messages");
    if (messages == nullptr || !messages->is_array()) {
      *status = Failure(ctx, kCommand, "malformed reply: no \"messages\" array");
      return std::nullopt;
    }
    if (++out.pages == 1) out.first_raw = reply->raw;
    for (const json& m : *messages) out.messages.push_back(m);
    out.next_cursor = NextCursor(reply->body);
    if (!filter.limit || !out.next_cursor || messages->empty()) break;
    *remaining -= static_cast<long>(messages->size());
    if (*remaining <= 0) break;
    cursor = out.next_cursor;
  }
  return out;
}

// What --follow remembers: the newest arrival seen, which the next poll asks
// from, and the ids arrived at or after it, which that poll returns again
// (`since` includes its boundary) and must not be printed twice. Times are
// compared as instants: the daemon writes local time, and the offset can
// change between two messages.
class FollowState {
 public:
  bool Seen(const json& m) const { return seen_.count(MessageKey(m)) > 0; }

  void Add(const json& m) {
    const std::string text = Show(m, "received_at");
    // Compared as instants: the daemon writes local time, and the offset can
    // change between two messages.
    const auto at = text::ParseRfc3339(text, text::DateTimeSeparator::kTOrSpace);
    // A message without a readable time is remembered until the next prune;
    // no `since` query can return it again anyway.
    seen_[MessageKey(m)] = at.ok() ? *at : std::numeric_limits<std::int64_t>::min();
    if (at.ok() && (!newest_ || *at > newest_->second)) newest_ = {text, *at};
  }

  // Drops ids older than the newest time: no later poll can return them.
  void Prune() {
    if (!newest_) return;
    for (auto it = seen_.begin(); it != seen_.end();) {
      it = it->second < newest_->second ? seen_.erase(it) : std::next(it);
    }
  }

  // The newest arrival time as the daemon wrote it, to be sent back as `since`.
  std::optional<std::string> Newest() const {
    if (!newest_) return std::nullopt;
    return newest_->first;
  }

 private:
  std::map<std::string, std::int64_t> seen_;  // id -> received_at in ms
  std::optional<std::pair<std::string, std::int64_t>> newest_;
};

void PrintFollowed(const CommandContext& ctx, const json& m, bool as_json) {
  if (as_json) {
    ctx.out << m.dump(-1, ' ', false, json::error_handler_t::replace) << "\n";
  } else {
    ctx.out << FormatInboxLine(m);
  }
  ctx.out.flush();
}

int Follow(ApiClient& api, const Filter& filter, const Listing& initial, bool as_json, const CommandContext& ctx) {
  FollowState state;
  for (auto it = initial.messages.rbegin(); it != initial.messages.rend(); ++it) {
    PrintFollowed(ctx, *it, as_json);
    state.Add(*it);
  }
  state.Prune();
  std::optional<std::string> trouble;  // the last poll's problem, reported once until it clears
  while (ctx.wait(kInboxPollInterval)) {
    const std::optional<std::string> since = state.Newest() ? state.Newest() : filter.since;
    std::vector<json> fresh;
    std::optional<std::string> cursor;
    std::optional<std::string> problem;
    for (int page = 0; page < kFollowMaxPages; ++page) {
      auto reply = api.Get(InboxPath(since, filter.from, kFollowPageSize, cursor));
      if (!reply) {
        problem = reply.error().message;
        break;
      }
      if (!reply->ok()) {
        // The daemon restarting answers 5xx for a moment; anything else
        // (a revoked token, say) will not get better by waiting.
        if (reply->status < 500) return ApiFailure(ctx, kCommand, *reply, api.endpoint());
        problem = FormatApiError(ParseApiError(*reply));
        break;
      }
      const json* messages = Member(reply->body, "messages");
      if (messages == nullptr || !messages->is_array()) {
        problem = "malformed reply: no \"messages\" array";
        break;
      }
      bool reached_seen = false;
      for (const json& m : *messages) {
        // Newest first: past the first message already printed, all are.
        if (state.Seen(m)) {
          reached_seen = true;
          break;
        }
        fresh.push_back(m);
      }
      cursor = NextCursor(reply->body);
      if (reached_seen || !cursor || messages->empty()) break;
    }
    if (problem) {
      if (problem != trouble) ctx.err << "tellal inbox: " << *problem << " (still trying)\n";
      trouble = problem;
    } else if (trouble) {
      ctx.err << "tellal inbox: reconnected\n";
      trouble.reset();
    }
    for (auto it = fresh.rbegin(); it != fresh.rend(); ++it) {
      PrintFollowed(ctx, *it, as_json);
      state.Add(*it);
    }
    state.Prune();
  }
  return kExitOk;
}

}  // namespace

std::string FormatInboxTable(const json& messages) {
  Table table({"RECEIVED", "FROM", "MODEM", "TEXT"});
  if (messages.is_array()) {
    for (const json& m : messages) {
      table.AddRow({Show(m, "received_at"), Show(m, "from"), Show(m, "modem"), Text(m)});
    }
  }
  return table.Render();
}

std::string FormatInboxLine(const json& m) {
  return SanitizeForTerminal(Show(m, "received_at") + "  " + Show(m, "from") + "  " + Show(m, "modem") + "  " +
                             Text(m)) +
         "\n";
}

int RunInboxCommand(const std::vector<std::string>& args, const CommandContext& ctx) {
  CLI::App app("", "tellal inbox");
  DeclareInboxCommandLine(app);
  int exit_status = kExitUsage;
  const auto parsed = ParseOrExplain(app, args, ctx.out, ctx.err, &exit_status);
  if (!parsed) return exit_status;
  const ParsedArguments& a = *parsed;
  if (!a.positional.empty()) return Usage(ctx, kCommand, "unexpected argument '" + a.positional[0] + "'", &app);
  Filter filter;
  filter.from = a.get("--from");
  if (filter.from && filter.from->empty()) return Usage(ctx, kCommand, "--from: empty number", &app);
  filter.since = a.get("--since");
  if (filter.since && !IsCommandLineTime(*filter.since)) {
    return Usage(ctx, kCommand,
                 "--since: '" + *filter.since + "' is not an RFC 3339 time such as 2024-05-01T00:00:00+03:00", &app);
  }
  if (auto limit = a.get("--limit")) {
    auto n = ParseInteger(*limit, 1, 1000000, "--limit");
    if (!n) return Usage(ctx, kCommand, n.error().message, &app);
    filter.limit = *n;
  }
  const bool as_json = a.has("--json");

  auto api = OpenApi(a, ctx);
  if (!api) return Usage(ctx, kCommand, api.error().message, nullptr);
  int status = kExitFailure;
  auto listing = FetchListing(*api, filter, ctx, &status);
  if (!listing) return status;

  if (a.has("--follow")) return Follow(*api, filter, *listing, as_json, ctx);

  if (as_json) {
    if (listing->pages == 1) {
      PrintRawJson(ctx.out, listing->first_raw);
    } else {
      json merged{{"messages", listing->messages},
                  {"next_cursor", listing->next_cursor ? json(*listing->next_cursor) : json(nullptr)}};
      ctx.out << merged.dump(-1, ' ', false, json::error_handler_t::replace) << "\n";
    }
    return kExitOk;
  }
  if (listing->messages.empty()) {
    ctx.out << "no messages\n";
    return kExitOk;
  }
  ctx.out << FormatInboxTable(json(listing->messages));
  if (listing->next_cursor && !filter.limit) {
    ctx.err << "(older messages exist; use --limit N to list more)\n";
  }
  return kExitOk;
}

}  // namespace tellal::cli
