#include "modem/driver/stored_messages.h"

#include "modem/at/at_replies.h"

namespace tellal::modem {

Result<StoredPdu> ParseCmgrReply(const CommandReply& reply, int index) {
  const std::string where = "+CMGR " + std::to_string(index);
  const at::Line* header = nullptr;
  for (const at::Line& line : reply.lines) {
    if (line.role == at::LineRole::kPduHeader) {
      header = &line;
    } else if (line.role == at::LineRole::kPdu && header != nullptr) {
      Result<at::CmgrHeader> h = at::ParseCmgrHeader(header->text);
      if (!h.ok()) return Wrap(where, h.error());
      return StoredPdu{index, h->stat, line.text};
    }
  }
  if (header != nullptr) return Error::Corruption(where + ": header without a PDU line");
  return Error::NotFound(where + ": empty slot");
}

StoredList ParseCmglReply(const CommandReply& reply) {
  StoredList list;
  const at::Line* header = nullptr;
  for (const at::Line& line : reply.lines) {
    if (line.role == at::LineRole::kPduHeader) {
      if (header != nullptr) {
        list.skipped.push_back(header->text + " (no PDU line)");
      }
      header = &line;
    } else if (line.role == at::LineRole::kPdu && header != nullptr) {
      Result<at::CmglHeader> h = at::ParseCmglHeader(header->text);
      if (h.ok()) {
        list.messages.push_back(StoredPdu{h->index, h->stat, line.text});
      } else {
        list.skipped.push_back(header->text + " (" + h.error().message + ")");
      }
      header = nullptr;
    }
  }
  if (header != nullptr) list.skipped.push_back(header->text + " (no PDU line)");
  return list;
}

}  // namespace tellal::modem
