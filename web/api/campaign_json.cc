#include "web/api/campaign_json.h"

#include <array>
#include <string_view>

#include "web/api/api_json.h"
#include "web/api/export_format.h"

namespace tellal::web {

using nlohmann::json;

namespace {

json CountsJson(const store::CampaignCounts& n) {
  return json{{"recipients", n.recipients}, {"pending", n.pending},     {"rejected", n.rejected},
              {"queued", n.queued},         {"sending", n.sending},     {"sent", n.sent},
              {"delivered", n.delivered},   {"failed", n.failed},       {"expired", n.expired},
              {"cancelled", n.cancelled},   {"unknown", n.unknown},     {"suppressed", n.suppressed}};
}

json TallyJson(const store::CampaignTally& t) {
  json by_reason = json::object();
  for (const auto& [reason, count] : t.suppressed_by_reason) by_reason[reason] = count;
  return json{{"recipients", t.recipients},
              {"queued", t.queued},
              {"sent", t.sent},
              {"delivered", t.delivered},
              {"failed", t.failed},
              {"expired", t.expired},
              {"cancelled", t.cancelled},
              {"unknown", t.unknown},
              {"suppressed", t.suppressed},
              {"suppressed_by_reason", std::move(by_reason)},
              {"rejected", t.rejected},
              {"segments", t.segments},
              {"replies", t.replies},
              {"opt_outs", t.opt_outs}};
}

// The reasons a report names in CSV columns, in a fixed order.
constexpr std::array<std::string_view, 4> kReasons = {store::kSuppressedOptedOut, store::kSuppressedBlocked,
                                                      store::kSuppressedCapPerDay, store::kSuppressedCapPer30Days};

std::string TallyCsv(const std::string& group, const std::string& key, const store::CampaignTally& t) {
  std::string line = group + "," + CsvField(key);
  for (int64_t v : {t.recipients, t.queued, t.sent, t.delivered, t.failed, t.expired, t.cancelled, t.unknown,
                    t.suppressed}) {
    line += "," + std::to_string(v);
  }
  for (std::string_view reason : kReasons) {
    auto it = t.suppressed_by_reason.find(std::string(reason));
    line += "," + std::to_string(it == t.suppressed_by_reason.end() ? 0 : it->second);
  }
  for (int64_t v : {t.rejected, t.segments, t.replies, t.opt_outs}) line += "," + std::to_string(v);
  return line + "\r\n";
}

}  // namespace

json CampaignJson(const store::Campaign& c) {
  const store::NewCampaign& s = c.spec;
  json variants = json::array();
  for (const store::CampaignVariant& v : s.variants) {
    variants.push_back(json{{"name", v.name}, {"template", v.text}, {"weight", v.weight}});
  }
  json filter = json::object();
  for (const auto& [key, value] : s.audience.filter) filter[key] = value;
  json out{{"id", c.id},
           {"name", s.name},
           {"state", store::CampaignStateName(c.state)},
           {"category", store::CategoryName(s.category)},
           {"template", s.variants.size() == 1 && s.variants[0].name.empty() ? json(s.variants[0].text) : json(nullptr)},
           {"variants", std::move(variants)},
           {"audience",
            json{{"groups", s.audience.groups},
                 {"filter", std::move(filter)},
                 {"numbers", s.audience.numbers.size()},
                 {"csv_rows", c.audience_rows}}},
           {"send_at", TimeJson(s.send_at)},
           {"end_at", TimeJson(s.end_at)},
           {"rate_per_minute", s.rate_per_minute},
           {"footer", s.footer},
           {"created_at", TimeJson(c.created_at)},
           {"started_at", TimeJson(c.started_at)},
           {"finished_at", TimeJson(c.finished_at)},
           {"counts", CountsJson(c.counts)}};
  return out;
}

json PreviewJson(const core::CampaignPreview& p) {
  json rejections = json::array();
  for (const core::PreviewRejection& r : p.rejections) rejections.push_back(json{{"to", r.number}, {"reason", r.reason}});
  json examples = json::array();
  for (const core::PreviewExample& e : p.examples) {
    examples.push_back(json{{"to", e.number},
                            {"variant", e.variant},
                            {"text", e.text},
                            {"encoding", e.encoding},
                            {"segments", e.segments}});
  }
  json suppressed = json::object();
  for (const auto& [reason, count] : p.suppressed) suppressed[reason] = count;
  json by_encoding = json::object();
  for (const auto& [encoding, count] : p.by_encoding) by_encoding[encoding] = count;
  json by_variant = json::object();
  for (const auto& [variant, count] : p.by_variant) by_variant[variant] = count;
  return json{{"recipients", p.recipients},
              {"messages", p.messages},
              {"segments", p.segments},
              {"by_encoding", std::move(by_encoding)},
              {"by_variant", std::move(by_variant)},
              {"rejected", json{{"count", p.rejected}, {"examples", std::move(rejections)}}},
              {"suppressed", std::move(suppressed)},
              {"examples", std::move(examples)}};
}

json RecipientJson(const store::CampaignRecipient& r) {
  json fields = json::object();
  for (const auto& [key, value] : r.fields) fields[key] = value;
  return json{{"seq", r.seq},
              {"to", r.number},
              {"state", r.state},
              {"reason", r.reason ? json(*r.reason) : json(nullptr)},
              {"message_id", r.message_id ? json(*r.message_id) : json(nullptr)},
              {"modem", r.modem ? json(*r.modem) : json(nullptr)},
              {"fields", std::move(fields)}};
}

json ReportJson(int64_t campaign_id, const store::CampaignReport& r) {
  json by_variant = json::object();
  for (const auto& [name, tally] : r.by_variant) by_variant[name] = TallyJson(tally);
  json by_modem = json::object();
  for (const auto& [modem, tally] : r.by_modem) by_modem[modem] = TallyJson(tally);
  return json{{"campaign", campaign_id},
              {"total", TallyJson(r.total)},
              {"by_variant", std::move(by_variant)},
              {"by_modem", std::move(by_modem)}};
}

std::string ReportCsv(const store::CampaignReport& r) {
  std::string csv =
      "group,key,recipients,queued,sent,delivered,failed,expired,cancelled,unknown,suppressed,"
      "suppressed_opted_out,suppressed_blocked,suppressed_cap_per_day,suppressed_cap_per_30_days,"
      "rejected,segments,replies,opt_outs\r\n";
  csv += TallyCsv("total", "", r.total);
  for (const auto& [name, tally] : r.by_variant) csv += TallyCsv("variant", name, tally);
  for (const auto& [modem, tally] : r.by_modem) csv += TallyCsv("modem", modem, tally);
  return csv;
}

}  // namespace tellal::web
