#include "daemon/store/sqlite/sqlite_contacts.h"

#include <sqlite3.h>

#include <utility>

#include "daemon/store/page_cursor.h"
#include "daemon/store/sqlite/bind_and_run.h"
#include "daemon/store/sqlite/contacts_sql.h"
#include "daemon/text/turkish_fold.h"

namespace tellal::store {
namespace {

Contact ReadContactRow(const Statement& q) {
  Contact c;
  c.id = q.ColumnInt64(0);
  c.number = q.ColumnText(1);
  c.name = q.ColumnText(2);
  c.created_at = q.ColumnInt64(3);
  c.updated_at = q.ColumnInt64(4);
  return c;
}

ContactGroup ReadGroupRow(const Statement& q) {
  return ContactGroup{q.ColumnText(0), q.ColumnText(1), q.ColumnInt64(2), q.ColumnInt64(3)};
}

// A LIKE pattern matching `text` anywhere, its wildcards escaped.
std::string ContainsPattern(const std::string& text) {
  std::string pattern = "%";
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') pattern += '\\';
    pattern += c;
  }
  return pattern + "%";
}

// SQLite's unique-constraint failure on contacts.number or a group name.
bool IsUniqueViolation(Database& db) {
  return db.LastErrorCode() == SQLITE_CONSTRAINT_UNIQUE || db.LastErrorCode() == SQLITE_CONSTRAINT_PRIMARYKEY;
}

}  // namespace

Status SqliteContacts::Apply(int64_t id, const ContactChange& change, bool create_groups, Millis now, bool inserted,
                             std::set<std::string>* ensured) {
  if (change.name && !inserted) {
    Status s = Run(db_, sql::kSetContactName, id, *change.name, text::Fold(*change.name), now);
    if (!s) return s;
  }
  if (change.replace_attributes) {
    Status s = Run(db_, sql::kClearAttributes, id);
    if (!s) return s;
  }
  for (const auto& [key, value] : change.attributes) {
    if (key.empty()) return Error::InvalidArgument("attributes: a key is empty");
    Status s = value ? Run(db_, sql::kSetAttribute, id, key, *value) : Run(db_, sql::kRemoveAttribute, id, key);
    if (!s) return s;
  }
  if (change.groups) {
    Status s = Run(db_, sql::kLeaveGroups, id);
    if (!s) return s;
  }
  const auto join = [&](const std::string& group) -> Status {
    if (group.empty()) return Error::InvalidArgument("groups: a group name is empty");
    if (ensured && ensured->contains(group)) {
      // Made or found earlier in this transaction.
    } else if (create_groups) {
      Status s = Run(db_, sql::kEnsureGroup, group, now);
      if (!s) return s;
      if (ensured) ensured->insert(group);
    } else {
      auto exists = QueryOne<int64_t>(db_, sql::kGroupExists, group);
      if (!exists) return exists.error();
      if (!*exists) return Error::NotFound("groups: no group named '" + group + "'");
    }
    return Run(db_, sql::kJoinGroup, id, group);
  };
  if (change.groups) {
    for (const std::string& g : *change.groups) {
      Status s = join(g);
      if (!s) return s;
    }
  }
  for (const std::string& g : change.add_groups) {
    Status s = join(g);
    if (!s) return s;
  }
  if (inserted) return Status::Ok();
  return Run(db_, sql::kTouchContact, id, now);
}

Status SqliteContacts::Complete(Contact& contact) {
  auto attributes = QueryAll<std::string, std::string>(db_, sql::kAttributesOf, contact.id);
  if (!attributes) return attributes.error();
  for (auto& [key, value] : *attributes) contact.attributes.emplace(std::move(key), std::move(value));
  auto groups = QueryAll<std::string>(db_, sql::kGroupsOf, contact.id);
  if (!groups) return groups.error();
  contact.groups = std::move(*groups);
  return Status::Ok();
}

Result<int64_t> SqliteContacts::CreateContact(const ContactChange& change, bool create_groups, Millis now) {
  if (!change.number || change.number->empty()) return Error::InvalidArgument("CreateContact: number: missing");
  const std::string op = "CreateContact(" + *change.number + ")";
  return InTransaction(db_, op, [&]() -> Result<int64_t> {
    const std::string name = change.name.value_or("");
    Status s = Run(db_, sql::kInsertContact, *change.number, name, text::Fold(name), now);
    if (!s) {
      if (IsUniqueViolation(db_)) return Error::Conflict("number: a contact with " + *change.number + " exists");
      return s.error();
    }
    const int64_t id = db_.LastInsertRowId();
    s = Apply(id, change, create_groups, now, /*inserted=*/true);
    if (!s) return s.error();
    return id;
  });
}

Result<bool> SqliteContacts::UpdateContact(int64_t id, const ContactChange& change, bool create_groups, Millis now) {
  return InTransaction(db_, "UpdateContact(" + std::to_string(id) + ")", [&]() -> Result<bool> {
    auto exists = QueryOne<int64_t>(db_, sql::kContactExists, id);
    if (!exists) return exists.error();
    if (!*exists) return false;
    if (change.number) {
      Status s = Run(db_, sql::kSetContactNumber, id, *change.number, now);
      if (!s) {
        if (IsUniqueViolation(db_)) return Error::Conflict("number: a contact with " + *change.number + " exists");
        return s.error();
      }
    }
    Status s = Apply(id, change, create_groups, now);
    if (!s) return s.error();
    return true;
  });
}

Result<bool> SqliteContacts::DeleteContact(int64_t id) {
  return InTransaction(db_, "DeleteContact(" + std::to_string(id) + ")", [&]() -> Result<bool> {
    Status s = Run(db_, sql::kDeleteContact, id);
    if (!s) return s.error();
    return db_.Changes() > 0;
  });
}

Result<std::optional<Contact>> SqliteContacts::GetContact(int64_t id) {
  auto contact = MapOne(db_, sql::kGetContact, ReadContactRow, id);
  if (!contact) return Wrap("GetContact", contact.error());
  if (*contact) {
    Status s = Complete(**contact);
    if (!s) return Wrap("GetContact", s.error());
  }
  return contact;
}

Result<std::optional<Contact>> SqliteContacts::FindContact(const std::string& number) {
  auto contact = MapOne(db_, sql::kGetContactByNumber, ReadContactRow, number);
  if (!contact) return Wrap("FindContact", contact.error());
  if (*contact) {
    Status s = Complete(**contact);
    if (!s) return Wrap("FindContact", s.error());
  }
  return contact;
}

Result<Page<Contact>> SqliteContacts::ListContacts(const ContactFilter& filter, int limit, const std::string& cursor) {
  Status valid = ValidateLimit(limit);
  if (!valid) return Wrap("ListContacts", valid.error());
  auto after = ParseCursor(kContactCursor, cursor);
  if (!after) return Wrap("ListContacts", after.error());
  std::string text(sql::kListContacts);
  if (filter.group) text += sql::kListContactsInGroup;
  std::optional<std::string> pattern;
  if (filter.query) {
    pattern = ContainsPattern(text::Fold(*filter.query));
    text += sql::kListContactsMatching;
  }
  if (*after) text += sql::kListContactsBefore;
  int next = 5;
  for (size_t i = 0; i < filter.attributes.size(); ++i, next += 2) {
    text += std::string(sql::kAttributeConditionStart) + std::to_string(next) +
            std::string(sql::kAttributeConditionMiddle) + std::to_string(next + 1) +
            std::string(sql::kAttributeConditionEnd);
  }
  text += sql::kListContactsEnd;

  auto q = Prepare(db_, text, filter.group, pattern, *after, limit + 1);
  if (!q) return Wrap("ListContacts", q.error());
  int index = 5;
  for (const auto& [key, value] : filter.attributes) {
    q->Bind(index++, key);
    q->Bind(index++, value);
  }
  std::vector<Contact> rows;
  for (;;) {
    auto row = q->Step();
    if (!row) return Wrap("ListContacts", row.error());
    if (!*row) break;
    rows.push_back(ReadContactRow(*q));
  }
  for (Contact& c : rows) {
    Status s = Complete(c);
    if (!s) return Wrap("ListContacts", s.error());
  }
  return MakePage(std::move(rows), limit, kContactCursor);
}

Result<UpsertOutcome> SqliteContacts::UpsertContacts(const std::vector<ContactChange>& rows, Millis now) {
  return InTransaction(db_, "UpsertContacts", [&]() -> Result<UpsertOutcome> {
    UpsertOutcome outcome;
    std::set<std::string> ensured;
    for (size_t i = 0; i < rows.size(); ++i) {
      const ContactChange& row = rows[i];
      if (!row.number || row.number->empty())
        return Error::InvalidArgument("row " + std::to_string(i) + ": number: missing");
      auto existing = QueryOne<int64_t>(db_, sql::kFindContactId, *row.number);
      if (!existing) return existing.error();
      int64_t id = 0;
      const bool inserted = !*existing;
      if (*existing) {
        id = **existing;
        ++outcome.updated;
      } else {
        const std::string name = row.name.value_or("");
        Status s = Run(db_, sql::kInsertContact, *row.number, name, text::Fold(name), now);
        if (!s) return s.error();
        id = db_.LastInsertRowId();
        ++outcome.created;
      }
      Status s = Apply(id, row, /*create_groups=*/true, now, inserted, &ensured);
      if (!s) return Wrap("row " + std::to_string(i), s.error());
    }
    return outcome;
  });
}

Status SqliteContacts::CreateGroup(const std::string& name, const std::string& description, Millis now) {
  if (name.empty()) return Error::InvalidArgument("CreateGroup: name: empty");
  return InTransaction(db_, "CreateGroup(" + name + ")", [&]() -> Status {
    Status s = Run(db_, sql::kInsertGroup, name, description, now);
    if (!s && IsUniqueViolation(db_)) return Error::Conflict("name: a group named '" + name + "' exists");
    return s;
  });
}

Result<std::optional<ContactGroup>> SqliteContacts::GetGroup(const std::string& name) {
  auto group = MapOne(db_, sql::kGetGroup, ReadGroupRow, name);
  if (!group) return Wrap("GetGroup", group.error());
  return group;
}

Result<std::vector<ContactGroup>> SqliteContacts::ListGroups() {
  auto groups = MapAll(db_, sql::kListGroups, ReadGroupRow);
  if (!groups) return Wrap("ListGroups", groups.error());
  return groups;
}

Result<bool> SqliteContacts::UpdateGroup(const std::string& name, const std::optional<std::string>& new_name,
                                         const std::optional<std::string>& description) {
  return InTransaction(db_, "UpdateGroup(" + name + ")", [&]() -> Result<bool> {
    auto exists = QueryOne<int64_t>(db_, sql::kGroupExists, name);
    if (!exists) return exists.error();
    if (!*exists) return false;
    if (description) {
      Status s = Run(db_, sql::kDescribeGroup, name, *description);
      if (!s) return s.error();
    }
    if (new_name && *new_name != name) {
      if (new_name->empty()) return Error::InvalidArgument("name: empty");
      Status s = Run(db_, sql::kRenameGroup, name, *new_name);
      if (!s) {
        if (IsUniqueViolation(db_)) return Error::Conflict("name: a group named '" + *new_name + "' exists");
        return s.error();
      }
    }
    return true;
  });
}

Result<bool> SqliteContacts::DeleteGroup(const std::string& name) {
  return InTransaction(db_, "DeleteGroup(" + name + ")", [&]() -> Result<bool> {
    Status s = Run(db_, sql::kDeleteGroup, name);
    if (!s) return s.error();
    return db_.Changes() > 0;
  });
}

}  // namespace tellal::store
