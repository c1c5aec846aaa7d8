// The SQL of SqliteContacts, shared with the tests that check its query
// plans (contacts_sql_test.cc). Internal to daemon/store/sqlite.
#ifndef TELLAL_DAEMON_STORE_SQLITE_CONTACTS_SQL_H_
#define TELLAL_DAEMON_STORE_SQLITE_CONTACTS_SQL_H_

#include <string_view>

namespace tellal::store::sql {

// ?1 number, ?2 name, ?3 name_folded, ?4 now.
inline constexpr std::string_view kInsertContact =
    "INSERT INTO contacts (number, name, name_folded, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)";
inline constexpr std::string_view kFindContactId = "SELECT id FROM contacts WHERE number = ?1";
inline constexpr std::string_view kContactExists = "SELECT 1 FROM contacts WHERE id = ?1";
// ?1 id, ?2 number, ?3 now.
inline constexpr std::string_view kSetContactNumber = "UPDATE contacts SET number = ?2, updated_at = ?3 WHERE id = ?1";
// ?1 id, ?2 name, ?3 name_folded, ?4 now.
inline constexpr std::string_view kSetContactName =
    "UPDATE contacts SET name = ?2, name_folded = ?3, updated_at = ?4 WHERE id = ?1";
inline constexpr std::string_view kTouchContact = "UPDATE contacts SET updated_at = ?2 WHERE id = ?1";
inline constexpr std::string_view kDeleteContact = "DELETE FROM contacts WHERE id = ?1";

// -> (id, number, name, created_at, updated_at), the order ReadContactRow reads.
inline constexpr std::string_view kGetContact =
    "SELECT id, number, name, created_at, updated_at FROM contacts WHERE id = ?1";
inline constexpr std::string_view kGetContactByNumber =
    "SELECT id, number, name, created_at, updated_at FROM contacts WHERE number = ?1";

// ?1 contact_id, ?2 key, ?3 value.
inline constexpr std::string_view kSetAttribute =
    "INSERT INTO contact_attributes (contact_id, key, value) VALUES (?1, ?2, ?3)"
    " ON CONFLICT (contact_id, key) DO UPDATE SET value = excluded.value";
inline constexpr std::string_view kRemoveAttribute =
    "DELETE FROM contact_attributes WHERE contact_id = ?1 AND key = ?2";
inline constexpr std::string_view kClearAttributes = "DELETE FROM contact_attributes WHERE contact_id = ?1";
inline constexpr std::string_view kAttributesOf =
    "SELECT key, value FROM contact_attributes WHERE contact_id = ?1 ORDER BY key";

// ?1 contact_id, ?2 group name.
inline constexpr std::string_view kJoinGroup =
    "INSERT INTO group_members (group_name, contact_id) VALUES (?2, ?1) ON CONFLICT DO NOTHING";
inline constexpr std::string_view kLeaveGroups = "DELETE FROM group_members WHERE contact_id = ?1";
inline constexpr std::string_view kGroupsOf =
    "SELECT group_name FROM group_members WHERE contact_id = ?1 ORDER BY group_name";

// ListContacts: kListContacts, then the conditions the filter asks for, then
// kListContactsEnd. ?1 group, ?2 folded query as a LIKE pattern, ?3 before
// id, ?4 limit; attribute filters bind ?5, ?6 (key, value), ?7, ?8 ...
inline constexpr std::string_view kListContacts =
    "SELECT c.id, c.number, c.name, c.created_at, c.updated_at FROM contacts c WHERE 1";
inline constexpr std::string_view kListContactsInGroup =
    " AND c.id IN (SELECT contact_id FROM group_members WHERE group_name = ?1)";
inline constexpr std::string_view kListContactsMatching =
    " AND (c.name_folded LIKE ?2 ESCAPE '\\' OR c.number LIKE ?2 ESCAPE '\\')";
inline constexpr std::string_view kListContactsBefore = " AND c.id < ?3";
inline constexpr std::string_view kListContactsEnd = " ORDER BY c.id DESC LIMIT ?4";
// One attribute condition, with its two parameter numbers spliced in.
inline constexpr std::string_view kAttributeConditionStart =
    " AND c.id IN (SELECT contact_id FROM contact_attributes WHERE key = ?";
inline constexpr std::string_view kAttributeConditionMiddle = " AND value = ?";
inline constexpr std::string_view kAttributeConditionEnd = ")";

// Groups. ?1 name, ?2 description, ?3 now.
inline constexpr std::string_view kInsertGroup =
    "INSERT INTO contact_groups (name, description, created_at) VALUES (?1, ?2, ?3)";
inline constexpr std::string_view kEnsureGroup =
    "INSERT INTO contact_groups (name, description, created_at) VALUES (?1, '', ?2) ON CONFLICT DO NOTHING";
inline constexpr std::string_view kGroupExists = "SELECT 1 FROM contact_groups WHERE name = ?1";
inline constexpr std::string_view kGetGroup =
    "SELECT g.name, g.description, (SELECT count(*) FROM group_members m WHERE m.group_name = g.name), g.created_at"
    " FROM contact_groups g WHERE g.name = ?1";
inline constexpr std::string_view kListGroups =
    "SELECT g.name, g.description, (SELECT count(*) FROM group_members m WHERE m.group_name = g.name), g.created_at"
    " FROM contact_groups g ORDER BY g.name";
// ?1 name, ?2 new name.
inline constexpr std::string_view kRenameGroup = "UPDATE contact_groups SET name = ?2 WHERE name = ?1";
// ?1 name, ?2 description.
inline constexpr std::string_view kDescribeGroup = "UPDATE contact_groups SET description = ?2 WHERE name = ?1";
inline constexpr std::string_view kDeleteGroup = "DELETE FROM contact_groups WHERE name = ?1";

}  // namespace tellal::store::sql

#endif  // TELLAL_DAEMON_STORE_SQLITE_CONTACTS_SQL_H_
