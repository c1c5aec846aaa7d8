#include "daemon/store/sqlite/row_readers.h"

namespace tellal::store {

// Reads a row of sql::kMessageColumns.
Message ReadMessageRow(const Statement& q) {
  Message m;
  m.id = q.ColumnInt64(0);
  m.client_ref = q.OptionalText(1);
  m.to = q.ColumnText(2);
  m.text = q.ColumnText(3);
  m.encoding = q.ColumnText(4);
  m.segments = static_cast<int>(q.ColumnInt64(5));
  m.priority = static_cast<Priority>(q.ColumnInt64(6));  // CHECK keeps it 0..2
  // The CHECK constraint admits only names ParseMessageState knows.
  m.state = ParseMessageState(q.ColumnText(7)).value_or(MessageState::kUnknown);
  m.pinned_modem = q.OptionalText(8);
  m.modem = q.OptionalText(9);
  m.attempts = static_cast<int>(q.ColumnInt64(10));
  m.error_code = q.OptionalText(11);
  m.error_text = q.OptionalText(12);
  m.report_requested = q.ColumnInt64(13) != 0;
  m.flash = q.ColumnInt64(14) != 0;
  m.not_before = q.ColumnInt64(15);
  m.valid_until = q.OptionalInt64(16);
  m.created_at = q.ColumnInt64(17);
  m.sending_at = q.OptionalInt64(18);
  m.sent_at = q.OptionalInt64(19);
  m.delivered_at = q.OptionalInt64(20);
  m.failed_at = q.OptionalInt64(21);
  m.expired_at = q.OptionalInt64(22);
  m.cancelled_at = q.OptionalInt64(23);
  m.unknown_at = q.OptionalInt64(24);
  m.dlr_url = q.OptionalText(25);
  m.dlr_mask = static_cast<int>(q.ColumnInt64(26));
  if (auto ref = q.OptionalInt64(27)) m.concat_ref = static_cast<int>(*ref);  // CHECK keeps it 0..65535
  m.resume_until = q.OptionalInt64(28);
  m.category = q.ColumnInt64(29) == 1 ? Category::kCommercial : Category::kInformational;  // CHECK: 0 or 1
  m.campaign_id = q.OptionalInt64(30);
  m.suppressed_at = q.OptionalInt64(31);
  return m;
}

// Reads a row of sql::kInboxColumns.
InboxMessage ReadInboxRow(const Statement& q) {
  InboxMessage m;
  m.id = q.ColumnInt64(0);
  m.modem = q.ColumnText(1);
  m.sim = q.OptionalText(2);
  m.sender = q.ColumnText(3);
  m.text = q.ColumnText(4);
  m.smsc_time = q.ColumnText(5);
  m.received_at = q.ColumnInt64(6);
  m.parts_received = static_cast<int>(q.ColumnInt64(7));
  m.parts_total = static_cast<int>(q.ColumnInt64(8));
  m.partial = q.ColumnInt64(9) != 0;
  m.undecodable = q.ColumnInt64(10) != 0;
  m.raw_pdu = q.OptionalText(11);
  m.undecodable_reason = q.OptionalText(12);
  return m;
}

}  // namespace tellal::store
