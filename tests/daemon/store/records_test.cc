#include "daemon/store/records.h"

#include <catch2/catch.hpp>
#include <string>

using namespace tellal::store;

TEST_CASE("EveryStateHasANameThatParsesBack", "[records]") {
  auto [state, name] = GENERATE(table<MessageState, std::string>({
      {MessageState::kQueued, "queued"},
      {MessageState::kSending, "sending"},
      {MessageState::kSent, "sent"},
      {MessageState::kDelivered, "delivered"},
      {MessageState::kFailed, "failed"},
      {MessageState::kExpired, "expired"},
      {MessageState::kCancelled, "cancelled"},
      {MessageState::kUnknown, "unknown"},
  }));
  CHECK(MessageStateName(state) == name);
  CHECK(ParseMessageState(name) == state);
}

TEST_CASE("EveryPriorityHasANameThatParsesBack", "[records]") {
  auto [priority, name] = GENERATE(table<Priority, std::string>({
      {Priority::kOtp, "otp"},
      {Priority::kNormal, "normal"},
      {Priority::kBulk, "bulk"},
  }));
  CHECK(PriorityName(priority) == name);
  CHECK(ParsePriority(name) == priority);
}

TEST_CASE("NamesAreExactAndCaseSensitive", "[records]") {
  const std::string name = GENERATE("", "Queued", "queued ", "OTP", "urgent");
  CHECK_FALSE(ParseMessageState(name).has_value());
  CHECK_FALSE(ParsePriority(name).has_value());
}
