#include "web/api/conversation_json.h"

#include <optional>
#include <string>

#include "web/api/api_json.h"

namespace tellal::web {
namespace {

using nlohmann::json;

json OptionalText(const std::optional<std::string>& v) { return v ? json(*v) : json(nullptr); }

}  // namespace

json ConversationEntryJson(const store::ConversationEntry& e) {
  const bool inbound = e.direction == store::Direction::kInbound;
  return json{{"direction", store::DirectionName(e.direction)},
              {"id", e.id},
              {"text", e.text},
              {"at", TimeJson(e.at)},
              {"modem", OptionalText(e.modem)},
              {"state", e.state ? json(store::MessageStateName(*e.state)) : json(nullptr)},
              {"error_code", OptionalText(e.error_code)},
              {"read", inbound ? json(e.read) : json(nullptr)},
              {"undecodable", e.undecodable}};
}

json ConversationJson(const store::ConversationSummary& s) {
  return json{{"number", s.number},
              {"contact_name", OptionalText(s.contact_name)},
              {"unread", s.unread},
              {"last_inbound_modem", OptionalText(s.last_inbound_modem)},
              {"last", ConversationEntryJson(s.last)}};
}

}  // namespace tellal::web
