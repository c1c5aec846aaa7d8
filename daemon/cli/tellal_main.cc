// tellal: the command-line tool. Subcommands dispatch to daemon/cli/.
#include <signal.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "daemon/cli/api_command.h"
#include "daemon/cli/campaigns_command.h"
#include "daemon/cli/contacts_command.h"
#include "daemon/cli/conversations_command.h"
#include "daemon/cli/export_command.h"
#include "daemon/cli/inbox_command.h"
#include "daemon/cli/modems_command.h"
#include "daemon/cli/passwd_command.h"
#include "daemon/cli/pdu_command.h"
#include "daemon/cli/send_command.h"
#include "daemon/cli/status_command.h"
#include "daemon/config/config.h"

namespace {

// `tellal --help`: every command, described by its own declarations.
std::string Help() {
  CLI::App app("tellal: the command line of the tellald SMS gateway", "tellal");
  const std::string daemon = "Commands that talk to the daemon (tellald)";
  tellal::cli::DeclareSendCommandLine(*app.add_subcommand("send")->group(daemon));
  tellal::cli::DeclareStatusCommandLine(*app.add_subcommand("status")->group(daemon));
  tellal::cli::DeclareInboxCommandLine(*app.add_subcommand("inbox")->group(daemon));
  tellal::cli::DeclareConversationsCommandLine(*app.add_subcommand("conversations")->group(daemon));
  tellal::cli::DeclareModemsListCommandLine(*app.add_subcommand("modems")->group(daemon));
  tellal::cli::DeclareExportCommandLine(*app.add_subcommand("export")->group(daemon));
  tellal::cli::DeclareContactsCommandLine(*app.add_subcommand("contacts")->group(daemon));
  tellal::cli::DeclareCampaignsCommandLine(*app.add_subcommand("campaigns")->group(daemon));
  tellal::cli::DeclarePduCommandLine(*app.add_subcommand("pdu")->group("Commands that work alone"));
  tellal::cli::DeclarePasswdCommandLine(*app.add_subcommand("passwd")->group("Commands that work alone"));
  tellal::cli::AddSwitch(app, "--version", "print the version");
  app.footer(
      "`tellal COMMAND --help` describes a command's options; `tellal modems scan` lists\n"
      "attached USB modems without the daemon. The daemon commands find the API with\n"
      "--url/--token, else $TELLAL_URL/$TELLAL_TOKEN, else the daemon's configuration\n"
      "(--config PATH, default " +
      std::string(tellal::cli::kDefaultConfigPath) + ").");
  return app.help();
}

volatile std::sig_atomic_t g_interrupted = 0;

extern "C" void OnInterrupt(int) { g_interrupted = 1; }

// The pause between `inbox --follow` polls. Ctrl-C is caught from the first
// pause on, so following ends with the output flushed and status 0; before
// that the default action (ending the process) is what the user wants.
bool WaitUnlessInterrupted(std::chrono::milliseconds duration) {
  static const bool installed = [] {
    struct sigaction action {};
    action.sa_handler = OnInterrupt;
    sigemptyset(&action.sa_mask);
    ::sigaction(SIGINT, &action, nullptr);
    ::sigaction(SIGTERM, &action, nullptr);
    return true;
  }();
  (void)installed;
  timespec left{static_cast<time_t>(duration.count() / 1000), static_cast<long>(duration.count() % 1000) * 1000000};
  while (!g_interrupted && ::nanosleep(&left, &left) != 0 && errno == EINTR) {
  }
  return !g_interrupted;
}

// One line from stdin; on a terminal the prompt goes to stderr and the
// typing is not echoed (restored even when reading fails).
std::optional<std::string> ReadPasswordLine(const std::string& prompt, bool terminal) {
  termios saved{};
  const bool hide = terminal && ::tcgetattr(STDIN_FILENO, &saved) == 0;
  if (hide) {
    std::cerr << prompt << std::flush;
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
  }
  std::string line;
  const bool got = static_cast<bool>(std::getline(std::cin, line));
  if (hide) {
    ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
    std::cerr << "\n";
  }
  if (!got) return std::nullopt;
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

std::optional<std::string> GetEnv(const std::string& name) {
  const char* value = std::getenv(name.c_str());
  if (value == nullptr) return std::nullopt;
  return std::string(value);
}

int Run(const std::vector<std::string>& args) {
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    (args.empty() ? std::cerr : std::cout) << Help();
    return args.empty() ? tellal::cli::kExitUsage : tellal::cli::kExitOk;
  }
  if (args[0] == "--version") {
    std::cout << "tellal " << TELLAL_VERSION << "\n";
    return 0;
  }
  const std::vector<std::string> rest(args.begin() + 1, args.end());
  if (args[0] == "pdu") return tellal::cli::RunPduCommand(rest, std::cout, std::cerr);

  tellal::cli::CommandContext ctx{std::cout, std::cerr, GetEnv,
                                  [](const std::string& path) { return tellal::config::LoadConfig(path); }};
  ctx.err_is_terminal = ::isatty(STDERR_FILENO) == 1;
  ctx.wait = WaitUnlessInterrupted;
  if (args[0] == "send") return tellal::cli::RunSendCommand(rest, ctx);
  if (args[0] == "status") return tellal::cli::RunStatusCommand(rest, ctx);
  if (args[0] == "inbox") return tellal::cli::RunInboxCommand(rest, ctx);
  if (args[0] == "conversations") return tellal::cli::RunConversationsCommand(rest, ctx);
  if (args[0] == "modems") return tellal::cli::RunModemsListCommand(rest, ctx);
  if (args[0] == "export") return tellal::cli::RunExportCommand(rest, ctx);
  if (args[0] == "contacts") return tellal::cli::RunContactsCommand(rest, ctx);
  if (args[0] == "campaigns") return tellal::cli::RunCampaignsCommand(rest, ctx);
  if (args[0] == "passwd") {
    const bool terminal = ::isatty(STDIN_FILENO) == 1;
    tellal::cli::PasswordSource source{
        terminal, [terminal](const std::string& prompt) { return ReadPasswordLine(prompt, terminal); }};
    return tellal::cli::RunPasswdCommand(rest, ctx, source);
  }
  std::cerr << "tellal: unknown command '" << args[0] << "'\n\n" << Help();
  return tellal::cli::kExitUsage;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return Run(std::vector<std::string>(argv + 1, argv + argc));
  } catch (const std::exception& e) {
    std::cerr << "tellal: " << e.what() << "\n";
    return 1;
  }
}
