#include "daemon/cli/progress_bar.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace tellal::cli {

std::string FormatProgress(std::size_t done, std::size_t total, std::optional<double> per_second,
                           std::size_t bar_width) {
  // An empty job is complete: drawing it empty would look stuck.
  const std::size_t filled =
      total == 0 ? bar_width : static_cast<std::size_t>(static_cast<double>(std::min(done, total)) * bar_width / total);
  std::string line = "[" + std::string(filled, '#') + std::string(bar_width - filled, '-') + "] " +
                     std::to_string(done) + "/" + std::to_string(total);
  if (per_second && std::isfinite(*per_second) && *per_second >= 0) {
    line += " " + std::to_string(static_cast<long long>(std::llround(*per_second))) + " msg/s";
  }
  return line;
}

ProgressBar::ProgressBar(std::ostream& out, std::size_t total, bool enabled, Clock clock)
    : out_(out), total_(total), enabled_(enabled), clock_(std::move(clock)), start_(clock_()) {}

void ProgressBar::Update(std::size_t done) {
  if (!enabled_) return;
  const std::chrono::duration<double> elapsed = clock_() - start_;
  std::optional<double> rate;
  if (elapsed.count() > 0) rate = static_cast<double>(done) / elapsed.count();
  std::string line = FormatProgress(done, total_, rate);
  const std::size_t length = line.size();
  // A shorter line than the last (the rate lost a digit) must blank the rest.
  if (length < last_length_) line.append(last_length_ - length, ' ');
  last_length_ = length;
  out_ << '\r' << line << std::flush;
  drawn_ = true;
}

void ProgressBar::Finish() {
  if (!drawn_) return;
  out_ << '\n' << std::flush;
  drawn_ = false;
}

}  // namespace tellal::cli
