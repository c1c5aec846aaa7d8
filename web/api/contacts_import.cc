#include "web/api/contacts_import.h"

#include <algorithm>
#include <array>
#include <utility>

#include "daemon/core/phone_number.h"
#include "daemon/text/turkish_fold.h"
#include "modem/text/ascii.h"
#include "web/api/contact_fields.h"
#include "web/api/contacts_csv.h"

namespace tellal::web {
namespace {

enum class Column { kNumber, kName, kGroups, kAttribute };

constexpr std::array<std::string_view, 5> kNumberNames = {"number", "phone", "telefon", "numara", "gsm"};
constexpr std::array<std::string_view, 5> kNameNames = {"name", "ad", "isim", "ad soyad", "adi soyadi"};
constexpr std::array<std::string_view, 4> kGroupNames = {"groups", "group", "grup", "gruplar"};

template <size_t N>
bool OneOf(const std::array<std::string_view, N>& names, const std::string& folded) {
  return std::find(names.begin(), names.end(), folded) != names.end();
}

Column Classify(const std::string& header) {
  const std::string folded = text::FoldWords(header);
  if (OneOf(kNumberNames, folded)) return Column::kNumber;
  if (OneOf(kNameNames, folded)) return Column::kName;
  if (OneOf(kGroupNames, folded)) return Column::kGroups;
  return Column::kAttribute;
}

// The groups of a cell: "vip | 2024" -> {"vip", "2024"}.
std::vector<std::string> SplitGroups(std::string_view cell) {
  std::vector<std::string> groups;
  while (true) {
    const size_t bar = cell.find('|');
    const std::string_view item = text::TrimSpaces(cell.substr(0, bar));
    if (!item.empty()) groups.emplace_back(item);
    if (bar == std::string_view::npos) break;
    cell.remove_prefix(bar + 1);
  }
  return groups;
}

}  // namespace

bool IsNumberColumn(std::string_view header) { return Classify(std::string(header)) == Column::kNumber; }

Result<ImportPlan, ApiError> PlanImport(std::string_view csv, const ApiSettings& settings) {
  std::string why;
  auto table = ParseCsv(csv, &why);
  if (!table) return ApiError::InvalidField("header", why);
  if (table->header.error) return ApiError::InvalidField("header", "row 1: " + *table->header.error);
  const std::vector<std::string>& names = table->header.fields;
  std::vector<Column> columns;
  std::optional<size_t> number_column;
  for (size_t i = 0; i < names.size(); ++i) {
    if (names[i].empty()) return ApiError::InvalidField("header", "column " + std::to_string(i + 1) + " has no name");
    for (size_t j = 0; j < i; ++j) {
      if (names[j] == names[i]) return ApiError::InvalidField("header", "column '" + names[i] + "' is named twice");
    }
    columns.push_back(Classify(names[i]));
    if (columns.back() == Column::kNumber) {
      if (number_column)
        return ApiError::InvalidField("header",
                                      "two number columns: '" + names[*number_column] + "' and '" + names[i] + "'");
      number_column = i;
    } else if (columns.back() == Column::kAttribute) {
      if (auto problem = AttributeKeyProblem(names[i]))
        return ApiError::InvalidField("header", "column '" + names[i] + "' " + *problem);
    }
  }
  if (!number_column)
    return ApiError::InvalidField("number", "the header has no number column (number, phone, telefon, numara, gsm)");

  ImportPlan plan;
  plan.upserts.reserve(table->rows.size());
  for (const CsvRecord& record : table->rows) {
    const auto reject = [&](std::optional<std::string> field, std::string error) {
      plan.rejected.push_back(ImportRejection{record.row, std::move(field), std::move(error)});
    };
    if (record.error) {
      reject(std::nullopt, *record.error);
      continue;
    }
    if (record.fields.size() != names.size()) {
      reject(std::nullopt,
             "has " + std::to_string(record.fields.size()) + " fields, the header " + std::to_string(names.size()));
      continue;
    }
    store::ContactChange change;
    bool ok = true;
    for (size_t i = 0; i < names.size() && ok; ++i) {
      const std::string_view cell = text::TrimSpaces(record.fields[i]);
      switch (columns[i]) {
        case Column::kNumber: {
          if (cell.empty()) {
            reject(names[i], "is empty");
            ok = false;
            break;
          }
          auto number = core::NormalizeNumber(cell, settings.default_country);
          if (!number) {
            reject(names[i], number.error().message);
            ok = false;
            break;
          }
          change.number = std::move(number).value();
          break;
        }
        case Column::kName:
          if (cell.empty()) break;
          if (auto problem = NameProblem(cell)) {
            reject(names[i], *problem);
            ok = false;
            break;
          }
          change.name = std::string(cell);
          break;
        case Column::kGroups:
          for (std::string& g : SplitGroups(cell)) {
            if (auto problem = GroupNameProblem(g)) {
              reject(names[i], "group '" + g + "' " + *problem);
              ok = false;
              break;
            }
            change.add_groups.push_back(std::move(g));
          }
          break;
        case Column::kAttribute:
          if (cell.empty()) break;
          if (auto problem = AttributeValueProblem(cell)) {
            reject(names[i], *problem);
            ok = false;
            break;
          }
          change.attributes.emplace(names[i], std::string(cell));
          break;
      }
    }
    if (ok) plan.upserts.push_back(std::move(change));
  }
  return plan;
}

}  // namespace tellal::web
