#include "modem/driver/send_result.h"

#include <catch2/catch.hpp>
#include <string>

namespace tellal::modem {
namespace {

CommandReply Reply(at::FinalKind kind, int code, std::string text, bool prompt = true) {
  CommandReply r;
  r.status = ReplyStatus::kFinal;
  r.prompt_seen = prompt;
  r.final = at::Final{kind, code, std::move(text)};
  return r;
}

TEST_CASE("A +CMGS answer gives the message reference", "[send_result]") {
  CommandReply r = Reply(at::FinalKind::kOk, -1, "OK");
  r.lines.push_back(at::Line{"+CMGS: 42"});
  const SendResult s = SendResultFromReply(r);
  CHECK(s.ok);
  CHECK(s.message_reference == 42);
  CHECK(s.error == SendError::kNone);

  const SendResult no_mr = SendResultFromReply(Reply(at::FinalKind::kOk, -1, "OK"));
  CHECK(no_mr.ok);
  CHECK(no_mr.message_reference == -1);
}

TEST_CASE("Error results are classed for the dispatcher", "[send_result]") {
  // The text is deliberately not "+CMS ERROR: ...": the table a code comes
  // from is read from the final result's kind, never from its text.
  auto [kind, code, expected, from] = GENERATE(table<at::FinalKind, int, SendError, ErrorTable>({
      {at::FinalKind::kCmsError, 38, SendError::kTemporary, ErrorTable::kCms},  // network out of order
      {at::FinalKind::kCmsError, 1, SendError::kPermanent, ErrorTable::kCms},   // unassigned number
      {at::FinalKind::kCmsError, 310, SendError::kModem, ErrorTable::kCms},     // SIM not inserted
      {at::FinalKind::kCmeError, 10, SendError::kModem, ErrorTable::kCme},
      {at::FinalKind::kError, -1, SendError::kTemporary, ErrorTable::kNone},
  }));
  const SendResult s = SendResultFromReply(Reply(kind, code, "X"));
  CHECK_FALSE(s.ok);
  CHECK(s.error == expected);
  CHECK(s.code == code);
  CHECK(s.table == from);
}

TEST_CASE("Timeouts before the prompt are certain, after it unknown", "[send_result]") {
  CommandReply before;
  before.status = ReplyStatus::kTimeout;
  CHECK(SendResultFromReply(before).error == SendError::kUnavailable);

  CommandReply after = before;
  after.prompt_seen = true;
  CHECK(SendResultFromReply(after).error == SendError::kTimeout);

  CommandReply aborted = CommandReply::Aborted("device lost");
  CHECK(SendResultFromReply(aborted).error == SendError::kUnavailable);
  aborted.prompt_seen = true;
  CHECK(SendResultFromReply(aborted).error == SendError::kTimeout);
}

}  // namespace
}  // namespace tellal::modem
