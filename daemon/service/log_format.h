// The daemon's log line format. Every message is written with its control
// characters escaped (text::EscapeControls), whatever produced it, so text
// from outside that reaches a log line (a modem's answer, a sender's name,
// a URL path, a client's address) cannot forge another journal line or send
// escape sequences to the terminal of whoever reads the log.
#ifndef TELLAL_DAEMON_SERVICE_LOG_FORMAT_H_
#define TELLAL_DAEMON_SERVICE_LOG_FORMAT_H_

#include <spdlog/formatter.h>

#include <memory>

namespace tellal::service {

// "<level>: <message>" for the journal, which stamps the time itself;
// "<date> <time.ms> <level>: <message>" otherwise.
std::unique_ptr<spdlog::formatter> MakeLogFormatter(bool journal);

}  // namespace tellal::service

#endif  // TELLAL_DAEMON_SERVICE_LOG_FORMAT_H_
