// Contacts: the people a business sends to, their free attributes and the
// groups they belong to.
//
// Contract for every implementation:
//  - A contact's number is unique (E.164, normalised by the caller, as for
//    outbound messages). Every change is one transaction (inside an open
//    Group: part of it).
//  - Attribute keys and group names are non-empty; the caller validates
//    their shape. A group named in a change must exist unless the call says
//    create_groups.
//  - Errors: a number taken by another contact is kConflict, a missing
//    group kNotFound, a malformed limit or cursor kInvalidArgument, each
//    naming the field; storage failures keep the storage's code.
//
// Thread affinity: single thread (the daemon's io_context thread). Lifetime:
// owned by its Store; nothing returned refers back into it.
#ifndef TELLAL_DAEMON_STORE_CONTACTS_H_
#define TELLAL_DAEMON_STORE_CONTACTS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "daemon/store/contact_records.h"
#include "daemon/store/records.h"
#include "modem/result.h"

namespace tellal::store {

class Contacts {
 public:
  virtual ~Contacts() = default;

  // `change.number` is required. Returns the new contact's id.
  virtual Result<int64_t> CreateContact(const ContactChange& change, bool create_groups, Millis now) = 0;
  // false: no such contact.
  virtual Result<bool> UpdateContact(int64_t id, const ContactChange& change, bool create_groups, Millis now) = 0;
  virtual Result<bool> DeleteContact(int64_t id) = 0;
  virtual Result<std::optional<Contact>> GetContact(int64_t id) = 0;
  virtual Result<std::optional<Contact>> FindContact(const std::string& number) = 0;
  // Newest first. limit: 1..kMaxPageSize; cursor: "" or a next_cursor.
  virtual Result<Page<Contact>> ListContacts(const ContactFilter& filter, int limit, const std::string& cursor) = 0;
  // Creates or updates each row by its number (required), all in one
  // transaction; a number repeated in `rows` updates what the earlier row
  // created. Missing groups are created.
  virtual Result<UpsertOutcome> UpsertContacts(const std::vector<ContactChange>& rows, Millis now) = 0;

  // kConflict when the name is taken.
  virtual Status CreateGroup(const std::string& name, const std::string& description, Millis now) = 0;
  virtual Result<std::optional<ContactGroup>> GetGroup(const std::string& name) = 0;
  virtual Result<std::vector<ContactGroup>> ListGroups() = 0;  // by name
  // Renames (members follow) and/or describes. false: no such group;
  // kConflict when new_name is taken.
  virtual Result<bool> UpdateGroup(const std::string& name, const std::optional<std::string>& new_name,
                                   const std::optional<std::string>& description) = 0;
  // The members stay contacts; they leave the group. false: no such group.
  virtual Result<bool> DeleteGroup(const std::string& name) = 0;
};

}  // namespace tellal::store

#endif  // TELLAL_DAEMON_STORE_CONTACTS_H_
