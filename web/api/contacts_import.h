// POST /api/v1/contacts/import: a CSV (contacts_csv.h) turned into the
// contact upserts it asks for, and the rows it cannot take.
//
// Columns, by header name (compared Turkish-folded, so "Telefon" and
// "TELEFON" are one):
//   number | phone | telefon | numara | gsm   the number; required
//   name | ad | isim | ad soyad | adi soyadi   the name
//   groups | group | grup | gruplar            groups to add the contact
//                                             to, separated by '|';
//                                             missing groups are created
//   anything else                             an attribute named as the
//                                             header is written
// Upsert rule: a number already stored is updated, any other created; an
// empty cell leaves that field as it is, so a partial file never erases.
// A row is rejected, with its field, when it is malformed, has a different
// number of fields than the header, or holds a bad number, group or value.
//
// Pure functions; safe from any thread.
#ifndef TELLAL_WEB_API_CONTACTS_IMPORT_H_
#define TELLAL_WEB_API_CONTACTS_IMPORT_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "daemon/store/contact_records.h"
#include "modem/result.h"
#include "web/api/api_errors.h"
#include "web/api/api_settings.h"

namespace tellal::web {

// Whether a header names the number column (number, phone, telefon, numara,
// gsm; compared Turkish-folded). Shared with campaign CSV audiences.
bool IsNumberColumn(std::string_view header);

struct ImportRejection {
  int row = 0;
  std::optional<std::string> field;  // the column's header; none for a malformed row
  std::string error;
};

struct ImportPlan {
  std::vector<store::ContactChange> upserts;  // in file order
  std::vector<ImportRejection> rejected;
};

// A 400 (naming "header" or the column) only when the file as a whole
// cannot be read: no header, no number column, a column named twice.
Result<ImportPlan, ApiError> PlanImport(std::string_view csv, const ApiSettings& settings);

}  // namespace tellal::web

#endif  // TELLAL_WEB_API_CONTACTS_IMPORT_H_
