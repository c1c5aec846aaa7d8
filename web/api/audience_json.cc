#include "web/api/audience_json.h"

#include <utility>
#include <vector>

#include "web/api/api_json.h"
#include "web/api/export_format.h"

namespace tellal::web {
namespace {

using nlohmann::json;

json OptionalText(const std::optional<std::string>& v) { return v ? json(*v) : json(nullptr); }

}  // namespace

json ContactJson(const store::Contact& c, const std::optional<store::ConsentRecord>& consent, bool blocked) {
  json attributes = json::object();
  for (const auto& [key, value] : c.attributes) attributes[key] = value;
  json current = nullptr;
  if (consent) {
    current = json{{"status", consent->consent.status},
                   {"source", consent->consent.source},
                   {"consent_date", TimeJson(consent->consent.consent_date)}};
  }
  return json{{"id", c.id},
              {"number", c.number},
              {"name", c.name},
              {"attributes", std::move(attributes)},
              {"groups", c.groups},
              {"consent", std::move(current)},
              {"blocked", blocked},
              {"created_at", TimeJson(c.created_at)},
              {"updated_at", TimeJson(c.updated_at)}};
}

json GroupJson(const store::ContactGroup& g) {
  return json{
      {"name", g.name}, {"description", g.description}, {"members", g.members}, {"created_at", TimeJson(g.created_at)}};
}

json ConsentJson(const store::ConsentRecord& r) {
  const store::NewConsent& c = r.consent;
  return json{{"id", r.id},
              {"recipient", c.number},
              {"recipient_type", c.recipient_type},
              {"type", c.type},
              {"status", c.status},
              {"source", c.source},
              {"consent_date", TimeJson(c.consent_date)},
              {"evidence", c.evidence},
              {"modem", OptionalText(c.modem)},
              {"sim", OptionalText(c.sim)},
              {"inbox_id", c.inbox_id ? json(*c.inbox_id) : json(nullptr)},
              {"recorded_at", TimeJson(r.recorded_at)}};
}

json BlockedJson(const store::BlockedNumber& b) {
  return json{{"number", b.number}, {"reason", b.reason}, {"blocked_at", TimeJson(b.blocked_at)}};
}

std::string ConsentCsvHeader() {
  return "id,recipient,recipient_type,type,status,source,consent_date,evidence,modem,sim,inbox_id,recorded_at\r\n";
}

std::string ConsentCsvLine(const store::ConsentRecord& r) {
  const store::NewConsent& c = r.consent;
  const std::vector<std::string> fields = {std::to_string(r.id),
                                           c.number,
                                           c.recipient_type,
                                           c.type,
                                           c.status,
                                           c.source,
                                           TimeJson(c.consent_date).get<std::string>(),
                                           c.evidence,
                                           c.modem.value_or(""),
                                           c.sim.value_or(""),
                                           c.inbox_id ? std::to_string(*c.inbox_id) : std::string(),
                                           TimeJson(r.recorded_at).get<std::string>()};
  std::string line;
  for (size_t i = 0; i < fields.size(); ++i) line += (i ? "," : "") + CsvField(fields[i]);
  return line + "\r\n";
}

}  // namespace tellal::web
