#include "daemon/demo/echo_number.h"

#include <catch2/catch.hpp>
#include <optional>
#include <string>
#include <vector>

using tellal::demo::EchoNumber;
using tellal::demo::kEchoNumber;
using tellal::pdu::Concat;
using tellal::pdu::DecodedPdu;

namespace {

DecodedPdu Submit(const std::string& to, const std::string& text, std::optional<Concat> concat = std::nullopt) {
  DecodedPdu pdu;
  pdu.type = tellal::pdu::MessageType::kSubmit;
  pdu.address.value = to;
  pdu.text = text;
  pdu.udh.concat = concat;
  return pdu;
}

}  // namespace

TEST_CASE("TheEchoQuotesEveryMessageSentToIt", "[demo][echo]") {
  EchoNumber echo;
  const std::string text = GENERATE("Merhaba", "DUR", "Şu an müsait misiniz? 😀", "");
  CHECK(echo.Accept(Submit(kEchoNumber, text)) == std::optional<std::string>("Yankı: " + text));
  // Again, and again: always, not sometimes.
  CHECK(echo.Accept(Submit(kEchoNumber, text)) == std::optional<std::string>("Yankı: " + text));
}

TEST_CASE("OtherNumbersAreNotTheEchosBusiness", "[demo][echo]") {
  EchoNumber echo;
  const std::string to = GENERATE("+905321234567", "05550000000", "+9055500000001", "+90555000000");
  CHECK_FALSE(echo.Accept(Submit(to, "Merhaba")).has_value());
}

TEST_CASE("AConcatenatedMessageIsQuotedOnceWholeWhicheverOrderItsPartsCome", "[demo][echo]") {
  EchoNumber echo;
  // Parts of ref 77 in every order, interleaved with a set of ref 78.
  const std::vector<int> order =
      GENERATE(std::vector<int>{1, 2, 3}, std::vector<int>{3, 1, 2}, std::vector<int>{2, 3, 1});
  const std::vector<std::string> parts = {"Birinci parça, ", "ikinci parça, ", "üçüncü parça."};
  std::vector<std::string> replies;
  for (size_t i = 0; i < order.size(); ++i) {
    const int seq = order[i];
    auto reply = echo.Accept(
        Submit(kEchoNumber, parts[static_cast<size_t>(seq - 1)], Concat{77, 3, static_cast<uint8_t>(seq), false}));
    if (reply) replies.push_back(*reply);
    if (i == 0) {
      auto other = echo.Accept(Submit(kEchoNumber, "öteki", Concat{78, 2, 1, false}));
      CHECK_FALSE(other.has_value());
    }
    if (i + 1 < order.size()) CHECK_FALSE(reply.has_value());
  }
  CHECK(replies == std::vector<std::string>{"Yankı: Birinci parça, ikinci parça, üçüncü parça."});
  CHECK(echo.Accept(Submit(kEchoNumber, " son", Concat{78, 2, 2, false})) ==
        std::optional<std::string>("Yankı: öteki son"));
}

TEST_CASE("APartSentAgainDoesNotCompleteItsSetEarly", "[demo][echo]") {
  EchoNumber echo;
  CHECK_FALSE(echo.Accept(Submit(kEchoNumber, "bir ", Concat{5, 2, 1, false})).has_value());
  CHECK_FALSE(echo.Accept(Submit(kEchoNumber, "bir ", Concat{5, 2, 1, false})).has_value());
  CHECK(echo.Accept(Submit(kEchoNumber, "iki", Concat{5, 2, 2, false})) ==
        std::optional<std::string>("Yankı: bir iki"));
  // The set is done: the same reference starts a new message.
  CHECK_FALSE(echo.Accept(Submit(kEchoNumber, "yeni ", Concat{5, 2, 1, false})).has_value());
}
