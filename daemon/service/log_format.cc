#include "daemon/service/log_format.h"

#include <spdlog/pattern_formatter.h>

#include <string>
#include <string_view>

#include "modem/text/control_escape.h"

namespace tellal::service {
namespace {

// %* : the message, escaped.
class EscapedMessage final : public spdlog::custom_flag_formatter {
 public:
  void format(const spdlog::details::log_msg& msg, const std::tm&, spdlog::memory_buf_t& dest) override {
    const std::string escaped = text::EscapeControls(std::string_view(msg.payload.data(), msg.payload.size()));
    dest.append(escaped.data(), escaped.data() + escaped.size());
  }
  std::unique_ptr<custom_flag_formatter> clone() const override { return std::make_unique<EscapedMessage>(); }
};

}  // namespace

std::unique_ptr<spdlog::formatter> MakeLogFormatter(bool journal) {
  auto formatter = std::make_unique<spdlog::pattern_formatter>();
  formatter->add_flag<EscapedMessage>('*').set_pattern(journal ? "%^%l%$: %*" : "%Y-%m-%d %H:%M:%S.%e %^%l%$: %*");
  return formatter;
}

}  // namespace tellal::service
