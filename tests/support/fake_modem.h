// FakeModem: a modem::Modem with no serial port and no AT conversation. Each
// Send() is answered on the io_context (posted, never from inside Send) with
// the result its script gives — by default success with TP-MR 0, 1, 2, ... —
// so dispatcher and service tests are deterministic and take no real time.
//
// What a test can script: the result of every send (CMS/CME codes are
// classed by the real modem::SendResultFromReply, so a fake "+CMS ERROR: 38"
// is temporary exactly as on a real modem), a timeout after the PDU went out,
// holding answers back to keep a send in flight, state changes (reported to
// the listener as the driver reports them), inbound messages and status
// reports handed up with the driver's `stored` contract.
//
// Thread affinity: the io_context's thread. The listener outlives the fake.
#ifndef TELLAL_TESTS_SUPPORT_FAKE_MODEM_H_
#define TELLAL_TESTS_SUPPORT_FAKE_MODEM_H_

#include <boost/asio/io_context.hpp>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "modem/driver/modem.h"
#include "modem/driver/modem_listener.h"
#include "modem/pdu/pdu_decoder.h"

namespace tellal::testing {

class FakeModem : public modem::Modem {
 public:
  // One PDU handed to Send(), as the network would have read it.
  struct Submitted {
    std::string pdu_hex;
    int tpdu_length = 0;
    bool more_follow = false;
    pdu::DecodedPdu decoded;
    modem::SendResult result;  // what the fake answered (after release, when held)
  };
  using Script = std::function<modem::SendResult(const Submitted&)>;

  FakeModem(boost::asio::io_context& io, std::string name, modem::ModemListener& listener);
  ~FakeModem() override;

  // modem::Modem. Start() makes it ready (reported like a driver's init).
  void Start() override;
  void Stop(std::function<void()> done) override;
  void Send(std::string pdu_hex, int tpdu_length, bool more_follow, SendCallback done) override;
  modem::ModemState state() const override { return state_; }
  const modem::ModemInfo& info() const override { return info_; }
  const std::string& name() const override { return name_; }

  // --- Script ---------------------------------------------------------------
  // The results a real modem's answers give (classed by the driver's code).
  static modem::SendResult Accepted(int message_reference);  // +CMGS: <mr>, OK
  static modem::SendResult CmsError(int code);               // +CMS ERROR: <code>
  static modem::SendResult CmeError(int code);               // +CME ERROR: <code>
  static modem::SendResult NoAnswer();                       // no answer after the PDU
  // Every later send is answered by `script` (replaces the default).
  void AnswerWith(Script script);
  // Success, TP-MR counting up from 0 (mod 256): the default.
  void AnswerOk();
  // "+CMS ERROR: <code>" to every send, classed as a real modem's would be.
  void AnswerCmsError(int code);
  void AnswerCmeError(int code);
  // No +CMGS answer after the PDU was written: the outcome is unknown.
  void AnswerTimeout();
  // While held, answers wait (the send stays in flight) until released.
  void Hold();
  // Answers the oldest held send now; returns false if none was held.
  bool ReleaseOne();
  // Stops holding and answers every held send.
  void ReleaseAll();
  std::size_t held() const { return held_.size(); }

  // Moves to `state` and tells the listener (posted, as the driver does).
  void SetState(modem::ModemState state);
  modem::ModemInfo& mutable_info() { return info_; }

  // Hands up a message as the driver does after +CMTI; `stored` counts
  // the confirmations the listener gave (the SIM delete the driver would do).
  void DeliverInbound(modem::InboundPdu pdu);
  void DeliverStatusReport(modem::StatusReport report);
  int confirmations() const { return *confirmations_; }

  // --- What happened --------------------------------------------------------
  // The PDUs the network accepted (answered with +CMGS), in order.
  const std::vector<Submitted>& submitted() const { return submitted_; }
  // The texts the network got, one per segment, in order.
  std::vector<std::string> Texts() const;
  // Every Send(), whatever came of it (the AT+CMGS a real modem would see).
  int send_calls() const { return send_calls_; }

 private:
  struct Pending {
    Submitted submitted;
    SendCallback done;
  };
  void Answer(Pending pending);
  void MaybeFinishStop();

  boost::asio::io_context& io_;
  std::string name_;
  modem::ModemListener& listener_;
  modem::ModemInfo info_;
  modem::ModemState state_ = modem::ModemState::kAbsent;
  Script script_;
  int next_mr_ = 0;
  bool holding_ = false;
  std::deque<Pending> held_;
  std::vector<Submitted> submitted_;
  int send_calls_ = 0;
  bool stopping_ = false;
  std::function<void()> stop_done_;
  std::shared_ptr<int> confirmations_ = std::make_shared<int>(0);
  std::shared_ptr<int> alive_ = std::make_shared<int>(0);
};

}  // namespace tellal::testing

#endif  // TELLAL_TESTS_SUPPORT_FAKE_MODEM_H_
