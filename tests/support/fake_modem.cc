#include "tests/support/fake_modem.h"

#include <boost/asio/post.hpp>
#include <utility>

#include "modem/driver/command_reply.h"

namespace tellal::testing {
namespace {

// The reply a real modem gives, read by the driver's own classification.
modem::SendResult FromFinal(at::FinalKind kind, int code, std::string text) {
  modem::CommandReply reply;
  reply.status = modem::ReplyStatus::kFinal;
  reply.prompt_seen = true;
  reply.final = at::Final{kind, code, std::move(text)};
  return modem::SendResultFromReply(reply);
}

}  // namespace

FakeModem::FakeModem(boost::asio::io_context& io, std::string name, modem::ModemListener& listener)
    : io_(io), name_(std::move(name)), listener_(listener) {
  info_.manufacturer = "tellal";
  info_.model = "fake";
  info_.family = "generic";
  info_.imsi = "286010000000001";
  info_.operator_name = "Fake GSM";
  info_.signal_dbm = -71;
  info_.registration = 1;
  AnswerOk();
}

FakeModem::~FakeModem() = default;

void FakeModem::Start() { SetState(modem::ModemState::kReady); }

void FakeModem::Stop(std::function<void()> done) {
  if (stopping_) {
    boost::asio::post(io_, std::move(done));
    return;
  }
  stopping_ = true;
  stop_done_ = std::move(done);
  // Queued sends never started: they fail at once; the one in flight (the
  // oldest held) finishes when released.
  while (held_.size() > 1) {
    Pending queued = std::move(held_.back());
    held_.pop_back();
    boost::asio::post(io_, [done = std::move(queued.done)] { done(modem::SendUnavailable("stopping")); });
  }
  MaybeFinishStop();
}

void FakeModem::MaybeFinishStop() {
  if (!stopping_ || !held_.empty() || !stop_done_) return;
  state_ = modem::ModemState::kAbsent;
  boost::asio::post(io_, std::exchange(stop_done_, nullptr));
}

void FakeModem::Send(std::string pdu_hex, int tpdu_length, bool more_follow, SendCallback done) {
  ++send_calls_;
  if (stopping_ || !modem::AcceptsSends(state_)) {
    boost::asio::post(io_, [done = std::move(done)] { done(modem::SendUnavailable("not ready")); });
    return;
  }
  Pending pending;
  pending.submitted.decoded = pdu::DecodePdu(pdu_hex).value();
  pending.submitted.pdu_hex = std::move(pdu_hex);
  pending.submitted.tpdu_length = tpdu_length;
  pending.submitted.more_follow = more_follow;
  pending.done = std::move(done);
  if (holding_) {
    held_.push_back(std::move(pending));
    return;
  }
  Answer(std::move(pending));
}

void FakeModem::Answer(Pending pending) {
  pending.submitted.result = script_(pending.submitted);
  // Only what the network accepted counts as submitted; send_calls()
  // counts every attempt.
  if (pending.submitted.result.ok) submitted_.push_back(pending.submitted);
  boost::asio::post(io_, [done = std::move(pending.done), result = pending.submitted.result] { done(result); });
}

void FakeModem::AnswerWith(Script script) { script_ = std::move(script); }

modem::SendResult FakeModem::Accepted(int message_reference) {
  modem::SendResult r = FromFinal(at::FinalKind::kOk, -1, "OK");
  r.message_reference = message_reference;
  return r;
}

modem::SendResult FakeModem::CmsError(int code) {
  return FromFinal(at::FinalKind::kCmsError, code, "+CMS ERROR: " + std::to_string(code));
}

modem::SendResult FakeModem::CmeError(int code) {
  return FromFinal(at::FinalKind::kCmeError, code, "+CME ERROR: " + std::to_string(code));
}

modem::SendResult FakeModem::NoAnswer() {
  modem::CommandReply reply;
  reply.status = modem::ReplyStatus::kTimeout;
  reply.prompt_seen = true;
  return modem::SendResultFromReply(reply);
}

void FakeModem::AnswerOk() {
  AnswerWith([this](const Submitted&) {
    const int mr = next_mr_;
    next_mr_ = (next_mr_ + 1) % 256;
    return Accepted(mr);
  });
}

void FakeModem::AnswerCmsError(int code) {
  AnswerWith([code](const Submitted&) { return CmsError(code); });
}

void FakeModem::AnswerCmeError(int code) {
  AnswerWith([code](const Submitted&) { return CmeError(code); });
}

void FakeModem::AnswerTimeout() {
  AnswerWith([](const Submitted&) { return NoAnswer(); });
}

void FakeModem::Hold() { holding_ = true; }

bool FakeModem::ReleaseOne() {
  if (held_.empty()) return false;
  Pending pending = std::move(held_.front());
  held_.pop_front();
  Answer(std::move(pending));
  MaybeFinishStop();
  return true;
}

void FakeModem::ReleaseAll() {
  holding_ = false;
  while (ReleaseOne()) {
  }
}

void FakeModem::SetState(modem::ModemState state) {
  state_ = state;
  boost::asio::post(io_, [this, state, alive = std::weak_ptr<int>(alive_)] {
    if (!alive.expired()) listener_.OnStateChanged(name_, state);
  });
}

void FakeModem::DeliverInbound(modem::InboundPdu pdu) {
  if (pdu.sim.empty()) pdu.sim = info_.imsi;
  listener_.OnInbound(name_, std::move(pdu), [count = confirmations_] { ++*count; });
}

void FakeModem::DeliverStatusReport(modem::StatusReport report) {
  listener_.OnStatusReport(name_, std::move(report), [count = confirmations_] { ++*count; });
}

std::vector<std::string> FakeModem::Texts() const {
  std::vector<std::string> out;
  for (const Submitted& s : submitted_) out.push_back(s.decoded.text);
  return out;
}

}  // namespace tellal::testing
