#include "modem/driver/command_queue.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "modem/at/at_commands.h"

namespace tellal::modem {
namespace {

QueuedCommand Command(at::AtCommand command, bool is_send, std::vector<std::string>* log) {
  QueuedCommand c;
  c.command = std::move(command);
  c.is_send = is_send;
  const std::string text = c.command.text;
  c.done = [log, text](CommandReply reply) { log->push_back(text + " " + reply.Describe()); };
  return c;
}

TEST_CASE("Commands run one at a time in order", "[command_queue]") {
  std::vector<std::string> log;
  CommandQueue q;
  q.push_back(Command(at::Csq(), false, &log));
  q.push_back(Command(at::CregQuery(), false, &log));
  q.push_front(Command(at::At(), false, &log));
  CHECK_FALSE(q.in_flight());

  CHECK(q.StartNext().command.text == "AT");
  CHECK(q.in_flight());
  const std::uint64_t first_id = q.current_id();
  auto [cmd, reply] = q.Finish(ReplyStatus::kFinal, at::Final{at::FinalKind::kOk, -1, "OK"});
  cmd.done(reply);

  CHECK(q.StartNext().command.text == "AT+CSQ");
  CHECK(q.current_id() != first_id);
  q.AddLine(at::Line{"+CSQ: 20,99"});
  auto [cmd2, reply2] = q.Finish(ReplyStatus::kFinal, at::Final{at::FinalKind::kOk, -1, "OK"});
  CHECK(reply2.LineWith("+CSQ:") == std::optional<std::string>("+CSQ: 20,99"));
  cmd2.done(reply2);

  CHECK(q.StartNext().command.text == "AT+CREG?");
  auto [cmd3, reply3] = q.Finish(ReplyStatus::kTimeout);
  cmd3.done(reply3);
  CHECK_FALSE(q.has_pending());
  CHECK(log == std::vector<std::string>{"AT OK", "AT+CSQ OK", "AT+CREG? timeout"});
}

TEST_CASE("Sends are counted waiting and in flight", "[command_queue]") {
  std::vector<std::string> log;
  CommandQueue q;
  const std::string pdu = "0011000B916407281553F80000AA0AE8329BFD4697D9EC37";
  q.push_back(Command(at::Cmgs(23, pdu).value(), true, &log));
  q.push_back(Command(at::Csq(), false, &log));
  q.push_back(Command(at::Cmgs(23, pdu).value(), true, &log));
  CHECK(q.pending_sends() == 2);
  q.StartNext();
  CHECK(q.send_in_flight());
  CHECK(q.pending_sends() == 1);
  CHECK_FALSE(q.prompt_seen());
  q.MarkPrompt();
  CHECK(q.prompt_seen());
  auto [cmd, reply] = q.Finish(ReplyStatus::kAborted, {}, "device lost");
  CHECK(reply.prompt_seen);
  CHECK(reply.Describe() == "aborted: device lost");
  CHECK_FALSE(q.send_in_flight());

  std::vector<QueuedCommand> rest = q.TakePending();
  CHECK(rest.size() == 2);
  CHECK(q.pending_sends() == 0);
  CHECK_FALSE(q.has_pending());
}

}  // namespace
}  // namespace tellal::modem
