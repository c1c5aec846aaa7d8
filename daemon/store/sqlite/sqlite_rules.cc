#include "daemon/store/sqlite/sqlite_rules.h"

#include <nlohmann/json.hpp>
#include <utility>

#include "daemon/store/sqlite/bind_and_run.h"
#include "daemon/store/sqlite/rules_sql.h"

namespace tellal::store {
namespace {

using nlohmann::json;

std::string ActionsJson(const std::vector<RuleAction>& actions) {
  json out = json::array();
  for (const RuleAction& a : actions) {
    json item = {{"type", RuleActionTypeName(a.type)}};
    if (!a.text.empty()) item["text"] = a.text;
    if (!a.group.empty()) item["group"] = a.group;
    if (a.poll) item["poll"] = *a.poll;
    out.push_back(std::move(item));
  }
  return out.dump();
}

// The column as written by ActionsJson; anything else is corruption.
Result<std::vector<RuleAction>> ParseActions(const std::string& text) {
  json parsed = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!parsed.is_array()) return Error::Corruption("rules.actions is not a JSON array");
  std::vector<RuleAction> actions;
  for (const json& item : parsed) {
    if (!item.is_object() || !item.contains("type") || !item["type"].is_string())
      return Error::Corruption("rules.actions holds an action without a type");
    auto type = ParseRuleActionType(item["type"].get<std::string>());
    if (!type) return Error::Corruption("rules.actions: unknown action " + item["type"].get<std::string>());
    RuleAction a;
    a.type = *type;
    if (item.contains("text") && item["text"].is_string()) a.text = item["text"].get<std::string>();
    if (item.contains("group") && item["group"].is_string()) a.group = item["group"].get<std::string>();
    if (item.contains("poll") && item["poll"].is_number_integer()) a.poll = item["poll"].get<int64_t>();
    actions.push_back(std::move(a));
  }
  return actions;
}

Result<Rule> ReadRuleRow(const Statement& q) {
  Rule r;
  r.id = q.ColumnInt64(0);
  auto match = ParseRuleMatch(q.ColumnText(1));
  if (!match) return Error::Corruption("rule " + std::to_string(r.id) + ": unknown match " + q.ColumnText(1));
  r.spec.match = *match;
  r.spec.pattern = q.ColumnText(2);
  r.spec.modem = q.OptionalText(3);
  auto actions = ParseActions(q.ColumnText(4));
  if (!actions) return Wrap("rule " + std::to_string(r.id), actions.error());
  r.spec.actions = std::move(*actions);
  r.spec.order = static_cast<int>(q.ColumnInt64(5));
  r.spec.enabled = q.ColumnInt64(6) != 0;
  r.created_at = q.ColumnInt64(7);
  r.updated_at = q.ColumnInt64(8);
  return r;
}

RuleHit ReadHitRow(const Statement& q) {
  return RuleHit{q.ColumnInt64(0), q.ColumnInt64(1), q.ColumnInt64(2) != 0, q.ColumnInt64(3)};
}

}  // namespace

Result<int64_t> SqliteRules::CreateRule(const RuleSpec& spec, Millis now) {
  return InTransaction(db_, "CreateRule", [&]() -> Result<int64_t> {
    Status s = Run(db_, sql::kInsertRule, RuleMatchName(spec.match), spec.pattern, spec.modem,
                   ActionsJson(spec.actions), spec.order, spec.enabled, now);
    if (!s) return s.error();
    return db_.LastInsertRowId();
  });
}

Result<bool> SqliteRules::UpdateRule(int64_t id, const RuleSpec& spec, Millis now) {
  return InTransaction(db_, "UpdateRule(" + std::to_string(id) + ")", [&]() -> Result<bool> {
    Status s = Run(db_, sql::kUpdateRule, RuleMatchName(spec.match), spec.pattern, spec.modem,
                   ActionsJson(spec.actions), spec.order, spec.enabled, now, id);
    if (!s) return s.error();
    return db_.Changes() > 0;
  });
}

Result<bool> SqliteRules::DeleteRule(int64_t id) {
  return InTransaction(db_, "DeleteRule(" + std::to_string(id) + ")", [&]() -> Result<bool> {
    Status s = Run(db_, sql::kDeleteRule, id);
    if (!s) return s.error();
    return db_.Changes() > 0;
  });
}

Result<std::optional<Rule>> SqliteRules::GetRule(int64_t id) {
  auto row = MapOne(db_, sql::kGetRule, ReadRuleRow, id);
  if (!row) return Wrap("GetRule", row.error());
  if (!*row) return std::optional<Rule>();
  if (!**row) return Wrap("GetRule", (**row).error());
  return std::optional<Rule>(std::move(***row));
}

Result<std::vector<Rule>> SqliteRules::ListRules() {
  auto rows = MapAll(db_, sql::kListRules, ReadRuleRow);
  if (!rows) return Wrap("ListRules", rows.error());
  std::vector<Rule> rules;
  rules.reserve(rows->size());
  for (auto& row : *rows) {
    if (!row) return Wrap("ListRules", row.error());
    rules.push_back(std::move(*row));
  }
  return rules;
}

Status SqliteRules::RecordHit(const RuleHit& hit) {
  const std::string op = "RecordHit(" + std::to_string(hit.inbox_id) + ")";
  return InGroupOrTransaction(db_, op, [&]() -> Status {
    Status s = Run(db_, sql::kInsertHit, hit.inbox_id, hit.rule_id, hit.webhook, hit.matched_at);
    if (!s && s.error().code == ErrorCode::kConflict) {
      return Error::Conflict("inbox entry " + std::to_string(hit.inbox_id) + " already matched a rule");
    }
    return s;
  });
}

Result<std::optional<RuleHit>> SqliteRules::GetHit(int64_t inbox_id) {
  auto row = MapOne(db_, sql::kGetHit, ReadHitRow, inbox_id);
  if (!row) return Wrap("GetHit", row.error());
  return row;
}

Result<int> SqliteRules::CountAutoReplies(const std::string& number, Millis since) {
  auto count = QueryOne<int64_t>(db_, sql::kCountAutoReplies, number, since);
  if (!count) return Wrap("CountAutoReplies", count.error());
  return static_cast<int>(count->value_or(0));
}

}  // namespace tellal::store
