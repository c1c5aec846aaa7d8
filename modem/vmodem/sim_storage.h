// The SIM's short-message store ("SM", TS 27.005 §3.1), in PDU mode: numbered
// slots from 1, each holding one PDU and its status. Inbound parts and stored
// status reports take the lowest free slot, as modems do.
#ifndef TELLAL_MODEM_VMODEM_SIM_STORAGE_H_
#define TELLAL_MODEM_VMODEM_SIM_STORAGE_H_

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace tellal::vmodem {

// <stat> in PDU mode, TS 27.005 §3.1.
enum class SmsStat { kReceivedUnread = 0, kReceivedRead = 1, kStoredUnsent = 2, kStoredSent = 3 };
inline constexpr int kStatAll = 4;

struct StoredSms {
  int index = 0;
  SmsStat stat = SmsStat::kReceivedUnread;
  std::string pdu_hex;     // SMSC part + TPDU
  std::size_t length = 0;  // TPDU octets, the <length> printed
};

class SimStorage {
 public:
  // SIM cards of the kind these modems take hold a few dozen messages.
  explicit SimStorage(int capacity = 30) : capacity_(capacity) {}

  int capacity() const { return capacity_; }
  std::size_t size() const { return slots_.size(); }

  // The slot used, or nothing when the SIM is full.
  std::optional<int> store(std::string pdu_hex, std::size_t length, SmsStat stat);

  // Reads slot `index` as it was; a received-unread message then becomes
  // read, as with AT+CMGR. Nothing when the slot is empty.
  std::optional<StoredSms> Read(int index);

  // AT+CMGL=<stat>: the messages with that stat (kStatAll: every one), in
  // index order; unread ones become read.
  std::vector<StoredSms> List(int stat);

  bool Remove(int index);

  // AT+CMGD=<index>,<delflag> with delflag 1..4 (TS 27.005 §3.5.4): 1 read,
  // 2 read and sent, 3 read, sent and unsent, 4 all.
  void RemoveByFlag(int delflag);

 private:
  int capacity_;
  std::map<int, StoredSms> slots_;
};

}  // namespace tellal::vmodem

#endif  // TELLAL_MODEM_VMODEM_SIM_STORAGE_H_
