// The progress line of a bulk send, "[#####-----] 5000/10000 1234 msg/s",
// redrawn in place on a terminal. Only drawn when the stream is a terminal:
// in a log file or a pipe, carriage-return redraws are noise.
#ifndef TELLAL_DAEMON_CLI_PROGRESS_BAR_H_
#define TELLAL_DAEMON_CLI_PROGRESS_BAR_H_

#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <ostream>
#include <string>

namespace tellal::cli {

// `bar_width` '#'/'-' cells, then done/total and, when known, the rate
// rounded to a whole number. done > total is drawn as a full bar.
std::string FormatProgress(std::size_t done, std::size_t total, std::optional<double> per_second,
                           std::size_t bar_width = 30);

class ProgressBar {
 public:
  using Clock = std::function<std::chrono::steady_clock::time_point()>;

  // Draws nothing when !enabled. `clock` measures the rate; tests pass a
  // fake one. The rate is counted from construction.
  ProgressBar(std::ostream& out, std::size_t total, bool enabled, Clock clock = std::chrono::steady_clock::now);

  // Redraws the line with `done` finished.
  void Update(std::size_t done);
  // Ends the line, so what is printed next starts on a line of its own.
  void Finish();

 private:
  std::ostream& out_;
  std::size_t total_;
  bool enabled_;
  bool drawn_ = false;
  Clock clock_;
  std::chrono::steady_clock::time_point start_;
  std::size_t last_length_ = 0;
};

}  // namespace tellal::cli

#endif  // TELLAL_DAEMON_CLI_PROGRESS_BAR_H_
