#include "modem/driver/stored_messages.h"

#include <catch2/catch.hpp>
#include <string>

namespace tellal::modem {
namespace {

const std::string kPdu1 = "07911326040000F0040B911346610089F60000208062917314080CC8F71D14969741F977FD07";
const std::string kPdu2 = "0791448720003023240DD0E474D81C0EBB010000111011315214000BE474D81C0EBB5DE3771B";

CommandReply Lines(std::initializer_list<std::pair<at::LineRole, std::string>> lines) {
  CommandReply r;
  r.status = ReplyStatus::kFinal;
  r.final = at::Final{at::FinalKind::kOk, -1, "OK"};
  for (const auto& [role, text] : lines) r.lines.push_back(at::Line{text, role});
  return r;
}

TEST_CASE("AT+CMGR pairs its header with the PDU", "[stored_messages]") {
  const CommandReply r = Lines({{at::LineRole::kPduHeader, "+CMGR: 0,,39"}, {at::LineRole::kPdu, kPdu1}});
  Result<StoredPdu> s = ParseCmgrReply(r, 3);
  REQUIRE(s.ok());
  CHECK(s->index == 3);
  CHECK(s->stat == 0);
  CHECK(s->pdu_hex == kPdu1);

  CHECK(ParseCmgrReply(Lines({}), 3).error().message == "+CMGR 3: empty slot");
  CHECK_FALSE(ParseCmgrReply(Lines({{at::LineRole::kPduHeader, "+CMGR: 0,,39"}}), 3).ok());
}

TEST_CASE("AT+CMGL lists every stored message, skipping broken entries", "[stored_messages]") {
  const CommandReply r = Lines({
      {at::LineRole::kPduHeader, "+CMGL: 1,0,,39"},
      {at::LineRole::kPdu, kPdu1},
      {at::LineRole::kPduHeader, "+CMGL: 2,1,,36"},  // its PDU never came
      {at::LineRole::kPduHeader, "+CMGL: 4,1,,36"},
      {at::LineRole::kPdu, kPdu2},
      {at::LineRole::kPduHeader, "+CMGL: x"},
      {at::LineRole::kPdu, kPdu2},
  });
  const StoredList list = ParseCmglReply(r);
  REQUIRE(list.messages.size() == 2);
  CHECK(list.messages[0].index == 1);
  CHECK(list.messages[0].pdu_hex == kPdu1);
  CHECK(list.messages[1].index == 4);
  CHECK(list.messages[1].stat == 1);
  CHECK(list.skipped.size() == 2);
  CHECK(ParseCmglReply(Lines({})).messages.empty());
}

}  // namespace
}  // namespace tellal::modem
