#include "daemon/store/conversation_records.h"

namespace tellal::store {

const char* DirectionName(Direction d) { return d == Direction::kInbound ? "inbound" : "outbound"; }

}  // namespace tellal::store
