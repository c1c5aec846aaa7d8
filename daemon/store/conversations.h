// Conversations: for each number the daemon exchanged SMS with, its
// inbound and outbound messages as one thread, so a person can answer a
// customer — and the read marker on inbound entries.
//
// Contract for every implementation:
//  - The listing has one row per number that has an inbox entry (with a
//    sender): numbers that wrote, not every number a campaign or a code
//    went to. Newest activity first; a number's activity is the newest
//    time of its entries in either direction (ConversationEntry::at).
//    Reading it costs a page, not the history: the summary is kept as
//    entries arrive, in their transaction.
//  - One number's conversation and thread exist as soon as it has an entry
//    in either direction: a number that never wrote has its outbound
//    messages as its thread (unread 0, no modem it wrote to), so a person
//    can look back before answering it.
//  - A thread is newest page first, items oldest first within the page (a
//    chat view shows the end and scrolls up); next_cursor asks for the page
//    of older entries. Entries at the same millisecond: inbound first.
//  - Reads change nothing; MarkRead is the one change, one transaction
//    (inside an open Group: part of it).
//  - Numbers are compared as stored: the caller normalises them the way
//    senders and destinations are (core/phone_number.h), which is one form
//    for both.
//  - Errors: a malformed limit or cursor is kInvalidArgument naming the
//    field; storage failures keep the storage's code. Nothing throws.
//
// Thread affinity: single thread (the daemon's io_context thread). Lifetime:
// owned by its Store; nothing returned refers back into it.
#ifndef TELLAL_DAEMON_STORE_CONVERSATIONS_H_
#define TELLAL_DAEMON_STORE_CONVERSATIONS_H_

#include <optional>
#include <string>

#include "daemon/store/conversation_records.h"
#include "daemon/store/records.h"
#include "modem/result.h"

namespace tellal::store {

class Conversations {
 public:
  virtual ~Conversations() = default;

  // limit: 1..kMaxPageSize; cursor: "" or a next_cursor of this listing.
  virtual Result<Page<ConversationSummary>> ListConversations(const ConversationFilter& filter, int limit,
                                                              const std::string& cursor) = 0;
  // nullopt: no entry with this number in either direction.
  virtual Result<std::optional<ConversationSummary>> GetConversation(const std::string& number) = 0;
  // limit: 1..kMaxPageSize; cursor: "" (the newest page) or a next_cursor
  // of this number's thread. An unknown number is an empty page.
  virtual Result<Page<ConversationEntry>> ListThread(const std::string& number, int limit,
                                                     const std::string& cursor) = 0;
  // Marks every unread inbound entry of `number` read at `now`. Returns how
  // many it marked; nullopt: no conversation with this number.
  virtual Result<std::optional<int>> MarkRead(const std::string& number, Millis now) = 0;
};

}  // namespace tellal::store

#endif  // TELLAL_DAEMON_STORE_CONVERSATIONS_H_
