// Runs an io_context until a condition holds or a deadline passes: how tests
// and benchmarks wait without sleeping.
#ifndef TELLAL_TESTS_SUPPORT_RUN_IO_UNTIL_H_
#define TELLAL_TESTS_SUPPORT_RUN_IO_UNTIL_H_

#include <boost/asio/io_context.hpp>
#include <chrono>
#include <functional>

namespace tellal::testing {

// Returns whether `done` became true before `timeout` ran out.
inline bool RunIoUntil(boost::asio::io_context& io, const std::function<bool()>& done,
                       std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!done()) {
    const auto now = std::chrono::steady_clock::now();
    if (now >= deadline) return false;
    if (io.stopped()) io.restart();
    io.run_one_for(deadline - now);
  }
  return true;
}

}  // namespace tellal::testing

#endif  // TELLAL_TESTS_SUPPORT_RUN_IO_UNTIL_H_
