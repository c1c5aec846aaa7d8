#include "daemon/cli/progress_bar.h"

#include <catch2/catch.hpp>
#include <sstream>
#include <string>

using tellal::cli::FormatProgress;
using tellal::cli::ProgressBar;

TEST_CASE("FormatProgress draws the bar, the count and the rate", "[progress]") {
  CHECK(FormatProgress(5000, 10000, 1234.4, 10) == "[#####-----] 5000/10000 1234 msg/s");
  CHECK(FormatProgress(0, 10, std::nullopt, 10) == "[----------] 0/10");
  CHECK(FormatProgress(10, 10, 5.6, 4) == "[####] 10/10 6 msg/s");
  CHECK(FormatProgress(999, 1000, 0.0, 10) == "[#########-] 999/1000 0 msg/s");
  CHECK(FormatProgress(0, 0, std::nullopt, 3) == "[###] 0/0");
  CHECK(FormatProgress(12, 10, std::nullopt, 3) == "[###] 12/10");
  CHECK(FormatProgress(1, 3, std::nullopt).size() == 2 + 30 + 4);
}

TEST_CASE("ProgressBar redraws in place and measures the rate from its clock", "[progress]") {
  std::ostringstream out;
  auto now = std::chrono::steady_clock::time_point{};
  ProgressBar bar(out, 2000, true, [&now] { return now; });
  now += std::chrono::seconds(2);
  bar.Update(1000);
  CHECK(out.str() == "\r[###############---------------] 1000/2000 500 msg/s");
  now += std::chrono::seconds(98);
  bar.Update(2000);
  // 20 msg/s is one character shorter than 500 msg/s: the rest is blanked.
  CHECK(out.str().substr(out.str().rfind('\r')) == "\r[##############################] 2000/2000 20 msg/s ");
  bar.Finish();
  CHECK(out.str().back() == '\n');
}

TEST_CASE("A disabled ProgressBar writes nothing", "[progress]") {
  std::ostringstream out;
  ProgressBar bar(out, 10, false);
  bar.Update(5);
  bar.Finish();
  CHECK(out.str().empty());
}

TEST_CASE("Finish without an update leaves the stream alone", "[progress]") {
  std::ostringstream out;
  ProgressBar bar(out, 10, true);
  bar.Finish();
  CHECK(out.str().empty());
}
