#include "daemon/service/log_format.h"

#include <spdlog/logger.h>
#include <spdlog/sinks/ostream_sink.h>

#include <catch2/catch.hpp>
#include <memory>
#include <regex>
#include <sstream>
#include <string>

namespace tellal::service {
namespace {

std::string LogOnce(bool journal, const std::string& outside_text) {
  std::ostringstream out;
  auto sink = std::make_shared<spdlog::sinks::ostream_sink_st>(out);
  spdlog::logger logger("t", sink);
  logger.set_formatter(MakeLogFormatter(journal));
  logger.warn("sim1: < {}", outside_text);
  return out.str();
}

TEST_CASE("A log line stays one line whatever text from outside it carries", "[log]") {
  const std::string forged = "+CMS ERROR: 38\ncritical: sim2: SIM locked\r\x1b[2J";
  const std::string line = LogOnce(true, forged);
  CHECK(line == "warning: sim1: < +CMS ERROR: 38\\ncritical: sim2: SIM locked\\r\\x1b[2J\n");
}

TEST_CASE("Outside the journal the line starts with the local time", "[log]") {
  const std::string line = LogOnce(false, "Şeker çay");
  INFO(line);
  CHECK(std::regex_match(line, std::regex(R"(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} warning: sim1: < Şeker çay\n)")));
}

}  // namespace
}  // namespace tellal::service
