#include "modem/driver/backoff.h"

#include <catch2/catch.hpp>

namespace tellal::modem {
namespace {

using std::chrono::milliseconds;

TEST_CASE("Backoff doubles up to its cap and resets", "[backoff]") {
  Backoff b(milliseconds(500), milliseconds(3000));
  CHECK(b.Next() == milliseconds(500));
  CHECK(b.Next() == milliseconds(1000));
  CHECK(b.Next() == milliseconds(2000));
  CHECK(b.Next() == milliseconds(3000));
  CHECK(b.Next() == milliseconds(3000));
  b.Reset();
  CHECK(b.Next() == milliseconds(500));
}

TEST_CASE("Backoff with a cap below the start stays at the start", "[backoff]") {
  Backoff b(milliseconds(50), milliseconds(10));
  CHECK(b.Next() == milliseconds(50));
  CHECK(b.Next() == milliseconds(50));
}

}  // namespace
}  // namespace tellal::modem
