#include "web/api/campaign_request.h"

#include <algorithm>
#include <array>
#include <set>
#include <string>
#include <utility>

#include "daemon/core/campaign_render.h"
#include "daemon/text/message_template.h"
#include "daemon/text/rfc3339.h"
#include "web/api/contact_fields.h"
#include "web/api/contacts_csv.h"
#include "web/api/contacts_import.h"
#include "web/api/json_members.h"
#include "web/api/message_request.h"

namespace tellal::web {
namespace {

using nlohmann::json;

constexpr std::array<std::string_view, 4> kAudienceMembers = {"groups", "numbers", "filter", "csv"};
constexpr std::array<std::string_view, 3> kVariantMembers = {"name", "template", "weight"};

Result<std::optional<store::Millis>, ApiError> OptionalTime(const json& body, const char* name) {
  auto given = OptionalString(body, name);
  if (!given) return std::move(given).error();
  if (!*given) return std::optional<store::Millis>();
  auto at = text::ParseRfc3339(**given);
  if (!at) return ApiError::InvalidField(name, at.error().message);
  return std::optional<store::Millis>(*at);
}

// The parser's reason ("text: '{' at character 9 ..."); the caller names
// the field once.
Status CheckTemplate(const std::string& text) {
  auto parsed = text::MessageTemplate::Parse(text);
  if (!parsed) return parsed.error();
  return Status::Ok();
}

Result<std::vector<store::CampaignVariant>, ApiError> Variants(const json& body) {
  const json* single = Member(body, "template");
  const json* many = Member(body, "variants");
  if (single && many) return ApiError::InvalidField("variants", "give either template or variants, not both");
  std::vector<store::CampaignVariant> out;
  if (single) {
    if (!single->is_string()) return ApiError::InvalidField("template", "must be a string, " + Got(*single));
    out.push_back({"", single->get<std::string>(), 1});
    if (out[0].text.empty()) return ApiError::InvalidField("template", "must not be empty");
    if (Status s = CheckTemplate(out[0].text); !s) return ApiError::InvalidField("template", s.error().message);
    return out;
  }
  if (!many) return ApiError::MissingField("template");
  if (!many->is_array() || many->empty())
    return ApiError::InvalidField("variants", "must be a non-empty array of {name, template, weight}");
  std::set<std::string> names;
  int total_weight = 0;
  for (size_t i = 0; i < many->size(); ++i) {
    const json& v = (*many)[i];
    const std::string field = "variants[" + std::to_string(i) + "]";
    if (!v.is_object()) return ApiError::InvalidField(field, "must be an object, " + Got(v));
    for (const auto& [key, value] : v.items()) {
      if (std::find(kVariantMembers.begin(), kVariantMembers.end(), key) == kVariantMembers.end())
        return ApiError::UnknownField(field + "." + key);
    }
    store::CampaignVariant variant;
    auto name = OptionalString(v, "name");
    if (!name || !*name || (*name)->empty() || (*name)->size() > kMaxNameBytes)
      return ApiError::InvalidField(field + ".name", "must be a string of 1-256 bytes");
    variant.name = std::move(**name);
    if (!names.insert(variant.name).second)
      return ApiError::InvalidField(field + ".name", "'" + variant.name + "' names two variants");
    auto text = OptionalString(v, "template");
    if (!text || !*text || (*text)->empty())
      return ApiError::InvalidField(field + ".template", "must be a non-empty string");
    variant.text = std::move(**text);
    if (Status s = CheckTemplate(variant.text); !s)
      return ApiError::InvalidField(field + ".template", s.error().message);
    if (const json* w = Member(v, "weight")) {
      if (!w->is_number_integer() || w->get<int64_t>() < 1 || w->get<int64_t>() > 10'000)
        return ApiError::InvalidField(field + ".weight", "must be a whole number from 1 to 10000");
      variant.weight = w->get<int>();
    }
    // The renderer refuses a larger sum; refused here it names the variant
    // (later it could only be blamed on the campaign as a whole).
    if (variant.weight > core::kMaxVariantWeightSum - total_weight) {
      return ApiError::InvalidField(field + ".weight", "the weights may add up to at most " +
                                                           std::to_string(core::kMaxVariantWeightSum));
    }
    total_weight += variant.weight;
    out.push_back(std::move(variant));
  }
  return out;
}

Result<std::vector<std::string>, ApiError> StringList(const json& audience, const char* name, const std::string& field) {
  std::vector<std::string> out;
  const json* list = Member(audience, name);
  if (!list) return out;
  if (!list->is_array()) return ApiError::InvalidField(field, "must be an array of strings, " + Got(*list));
  for (size_t i = 0; i < list->size(); ++i) {
    if (!(*list)[i].is_string())
      return ApiError::InvalidField(field + "[" + std::to_string(i) + "]", "must be a string, " + Got((*list)[i]));
    out.push_back((*list)[i].get<std::string>());
  }
  return out;
}

// The CSV's rows as fields by header; the number column also as "number",
// normalised. Any bad row refuses the campaign, naming it.
Result<std::vector<std::map<std::string, std::string>>, ApiError> CsvRows(const std::string& csv,
                                                                           const ApiSettings& settings,
                                                                           std::vector<std::string>& columns) {
  const std::string field = "audience.csv";
  std::string why;
  auto table = ParseCsv(csv, &why);
  if (!table) return ApiError::InvalidField(field, why);
  if (table->header.error) return ApiError::InvalidField(field, "row 1: " + *table->header.error);
  columns = table->header.fields;
  std::optional<size_t> number_column;
  for (size_t i = 0; i < columns.size(); ++i) {
    if (columns[i].empty())
      return ApiError::InvalidField(field, "column " + std::to_string(i + 1) + " has no name");
    if (IsNumberColumn(columns[i]) && !number_column) number_column = i;
  }
  if (!number_column)
    return ApiError::InvalidField(field, "the header has no number column (number, phone, telefon, numara, gsm)");
  std::vector<std::map<std::string, std::string>> rows;
  rows.reserve(table->rows.size());
  for (const CsvRecord& record : table->rows) {
    const std::string where = "row " + std::to_string(record.row) + ": ";
    if (record.error) return ApiError::InvalidField(field, where + *record.error);
    if (record.fields.size() != columns.size()) {
      return ApiError::InvalidField(field, where + "has " + std::to_string(record.fields.size()) +
                                               " fields, the header " + std::to_string(columns.size()));
    }
    auto number = NormalizeDestination(field, record.fields[*number_column], settings);
    if (!number) return ApiError::InvalidField(field, where + std::move(number).error().message);
    std::map<std::string, std::string> row;
    for (size_t i = 0; i < columns.size(); ++i) row[columns[i]] = record.fields[i];
    row["number"] = std::move(number).value();
    rows.push_back(std::move(row));
  }
  if (rows.empty()) return ApiError::InvalidField(field, "has a header but no rows");
  return rows;
}

Result<store::CampaignAudience, ApiError> Audience(const json& body, const ApiSettings& settings,
                                                   const std::vector<store::CampaignVariant>& variants) {
  const json* a = Member(body, "audience");
  if (!a) return ApiError::MissingField("audience");
  if (!a->is_object()) return ApiError::InvalidField("audience", "must be an object, " + Got(*a));
  for (const auto& [key, value] : a->items()) {
    if (std::find(kAudienceMembers.begin(), kAudienceMembers.end(), key) == kAudienceMembers.end())
      return ApiError::UnknownField("audience." + key);
  }
  store::CampaignAudience audience;
  auto groups = StringList(*a, "groups", "audience.groups");
  if (!groups) return std::move(groups).error();
  for (size_t i = 0; i < groups->size(); ++i) {
    if (auto problem = GroupNameProblem((*groups)[i]))
      return ApiError::InvalidField("audience.groups[" + std::to_string(i) + "]", *problem);
  }
  audience.groups = std::move(groups).value();
  auto numbers = StringList(*a, "numbers", "audience.numbers");
  if (!numbers) return std::move(numbers).error();
  if (numbers->size() > kMaxCampaignNumbers) {
    return ApiError::InvalidField("audience.numbers", "at most " + std::to_string(kMaxCampaignNumbers) +
                                                          " numbers; import larger lists as contacts or a CSV");
  }
  for (size_t i = 0; i < numbers->size(); ++i) {
    auto normalized = NormalizeDestination("audience.numbers[" + std::to_string(i) + "]", (*numbers)[i], settings);
    if (!normalized) return std::move(normalized).error();
    audience.numbers.push_back(std::move(normalized).value());
  }
  if (const json* filter = Member(*a, "filter")) {
    if (!filter->is_object()) return ApiError::InvalidField("audience.filter", "must be an object, " + Got(*filter));
    for (const auto& [key, value] : filter->items()) {
      const std::string field = "audience.filter." + key;
      if (auto problem = AttributeKeyProblem(key)) return ApiError::InvalidField(field, *problem);
      if (!value.is_string()) return ApiError::InvalidField(field, "must be a string, " + Got(value));
      audience.filter[key] = value.get<std::string>();
    }
  }
  auto csv = OptionalString(*a, "csv");
  if (!csv) return ApiError::InvalidField("audience.csv", "must be a string, " + Got(*Member(*a, "csv")));
  // The fields every recipient is known to have when no contact is in the
  // audience: a CSV's columns, or only "number" once bare numbers are in.
  std::vector<std::string> columns;
  if (*csv) {
    auto rows = CsvRows(**csv, settings, columns);
    if (!rows) return std::move(rows).error();
    audience.rows = std::move(rows).value();
  }
  if (!audience.numbers.empty()) columns.clear();
  columns.push_back("number");
  // Contacts are checked one by one when they are sent to; without any, a
  // template that needs a field nobody has is refused now.
  if (audience.groups.empty() && audience.filter.empty()) {
    for (size_t i = 0; i < variants.size(); ++i) {
      auto parsed = text::MessageTemplate::Parse(variants[i].text);
      if (!parsed) continue;  // checked already
      if (Status s = text::CheckFields(*parsed, columns); !s) {
        // A template given as "template" is the one variant without a name.
        const bool single = variants.size() == 1 && variants[0].name.empty();
        return ApiError::InvalidField(single ? "template" : "variants[" + std::to_string(i) + "].template",
                                      s.error().message);
      }
    }
  }
  if (audience.rows.empty() && audience.numbers.empty() && audience.groups.empty() && audience.filter.empty())
    return ApiError::InvalidField("audience", "name groups, numbers, a filter or a csv");
  return audience;
}

}  // namespace

Result<store::NewCampaign, ApiError> ParseCampaign(const json& body, const ApiSettings& settings, store::Millis now) {
  store::NewCampaign c;
  auto name = RequiredString(body, "name");
  if (!name) return std::move(name).error();
  if (name->empty() || name->size() > kMaxNameBytes) return ApiError::InvalidField("name", "must be 1-256 bytes");
  c.name = std::move(name).value();
  auto variants = Variants(body);
  if (!variants) return std::move(variants).error();
  c.variants = std::move(variants).value();
  auto audience = Audience(body, settings, c.variants);
  if (!audience) return std::move(audience).error();
  c.audience = std::move(audience).value();

  auto category = OptionalString(body, "category");
  if (!category) return std::move(category).error();
  if (*category) {
    auto parsed = store::ParseCategory(**category);
    if (!parsed) return ApiError::InvalidField("category", "expected commercial or informational, got '" + **category + "'");
    c.category = *parsed;
  }
  const bool commercial = c.category == store::Category::kCommercial;
  if (const json* footer = Member(body, "footer")) {
    if (!footer->is_boolean()) return ApiError::InvalidField("footer", "must be true or false, " + Got(*footer));
    c.footer = footer->get<bool>();
    if (c.footer && !commercial)
      return ApiError::InvalidField("footer", "only commercial campaigns carry the opt-out footer");
  } else {
    c.footer = commercial;
  }

  auto send_at = OptionalTime(body, "send_at");
  if (!send_at) return std::move(send_at).error();
  c.send_at = *send_at;
  auto end_at = OptionalTime(body, "end_at");
  if (!end_at) return std::move(end_at).error();
  c.end_at = *end_at;
  if (c.end_at && *c.end_at <= std::max(now, c.send_at.value_or(now)))
    return ApiError::InvalidField("end_at", "must be after send_at and after now");
  if (const json* rate = Member(body, "rate_per_minute")) {
    if (!rate->is_number_integer() || rate->get<int64_t>() < 0 || rate->get<int64_t>() > kMaxRatePerMinute)
      return ApiError::InvalidField("rate_per_minute", "must be a whole number from 0 to " + std::to_string(kMaxRatePerMinute));
    c.rate_per_minute = rate->get<int>();
  }
  return c;
}

}  // namespace tellal::web
