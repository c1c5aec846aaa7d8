// SqliteContacts: the Contacts in the contacts, contact_attributes,
// contact_groups and group_members tables (schema version 10).
//
// Thread affinity and lifetime: those of the SqliteStore that owns it; it
// uses the store's connection, which must outlive it.
#ifndef TELLAL_DAEMON_STORE_SQLITE_SQLITE_CONTACTS_H_
#define TELLAL_DAEMON_STORE_SQLITE_SQLITE_CONTACTS_H_

#include <set>
#include <string>

#include "daemon/store/contacts.h"
#include "daemon/store/sqlite/sqlite_handle.h"

namespace tellal::store {

class SqliteContacts final : public Contacts {
 public:
  explicit SqliteContacts(Database& db) : db_(db) {}

  Result<int64_t> CreateContact(const ContactChange& change, bool create_groups, Millis now) override;
  Result<bool> UpdateContact(int64_t id, const ContactChange& change, bool create_groups, Millis now) override;
  Result<bool> DeleteContact(int64_t id) override;
  Result<std::optional<Contact>> GetContact(int64_t id) override;
  Result<std::optional<Contact>> FindContact(const std::string& number) override;
  Result<Page<Contact>> ListContacts(const ContactFilter& filter, int limit, const std::string& cursor) override;
  Result<UpsertOutcome> UpsertContacts(const std::vector<ContactChange>& rows, Millis now) override;

  Status CreateGroup(const std::string& name, const std::string& description, Millis now) override;
  Result<std::optional<ContactGroup>> GetGroup(const std::string& name) override;
  Result<std::vector<ContactGroup>> ListGroups() override;
  Result<bool> UpdateGroup(const std::string& name, const std::optional<std::string>& new_name,
                           const std::optional<std::string>& description) override;
  Result<bool> DeleteGroup(const std::string& name) override;

 private:
  // The parts of `change` other than creating the row, inside the caller's
  // transaction. `inserted`: the row was just written with the change's
  // name and time stamps, which need no second write. `ensured`: groups
  // known to exist in this transaction (an import names the same few on
  // every row); null: look each one up.
  Status Apply(int64_t id, const ContactChange& change, bool create_groups, Millis now, bool inserted = false,
               std::set<std::string>* ensured = nullptr);
  Status Complete(Contact& contact);  // reads attributes and groups

  Database& db_;
};

}  // namespace tellal::store

#endif  // TELLAL_DAEMON_STORE_SQLITE_SQLITE_CONTACTS_H_
