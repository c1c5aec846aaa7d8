#include "modem/vmodem/sim_storage.h"

#include <utility>

namespace tellal::vmodem {

std::optional<int> SimStorage::store(std::string pdu_hex, std::size_t length, SmsStat stat) {
  for (int index = 1; index <= capacity_; ++index) {
    if (slots_.count(index) == 0) {
      slots_[index] = StoredSms{index, stat, std::move(pdu_hex), length};
      return index;
    }
  }
  return std::nullopt;
}

std::optional<StoredSms> SimStorage::Read(int index) {
  auto it = slots_.find(index);
  if (it == slots_.end()) return std::nullopt;
  StoredSms before = it->second;
  if (it->second.stat == SmsStat::kReceivedUnread) it->second.stat = SmsStat::kReceivedRead;
  return before;
}

std::vector<StoredSms> SimStorage::List(int stat) {
  std::vector<StoredSms> out;
  for (auto& [index, sms] : slots_) {
    if (stat != kStatAll && static_cast<int>(sms.stat) != stat) continue;
    out.push_back(sms);
    if (sms.stat == SmsStat::kReceivedUnread) sms.stat = SmsStat::kReceivedRead;
  }
  return out;
}

bool SimStorage::Remove(int index) { return slots_.erase(index) > 0; }

void SimStorage::RemoveByFlag(int delflag) {
  for (auto it = slots_.begin(); it != slots_.end();) {
    const SmsStat stat = it->second.stat;
    const bool drop = delflag >= 4 || stat == SmsStat::kReceivedRead ||
                      (delflag >= 2 && stat == SmsStat::kStoredSent) ||
                      (delflag >= 3 && stat == SmsStat::kStoredUnsent);
    it = drop ? slots_.erase(it) : std::next(it);
  }
}

}  // namespace tellal::vmodem
