#include "daemon/cli/passwd_command.h"

#include <CLI/CLI.hpp>

#include "web/api/session_password.h"

namespace tellal::cli {
namespace {

constexpr std::string_view kCommand = "passwd";

}  // namespace

void DeclarePasswdCommandLine(CLI::App& app) {
  app.description("set the web panel's login password");
  app.add_option("--config")
      ->description("the daemon's configuration, for its state_dir (default " + std::string(kDefaultConfigPath) + ")")
      ->type_name("PATH");
  app.add_option("--state-dir")
      ->description("write to this directory instead of the configuration's state_dir")
      ->type_name("DIR");
  app.footer(
      "Asks for the password twice (or reads one line from stdin when it is not a\n"
      "terminal) and stores its Argon2id hash in <state_dir>/panel-password, mode 0600.\n"
      "Run it as the daemon's user, or as root (the file is then given to the owner\n"
      "of the state directory). The running daemon uses the new password at once.");
}

int RunPasswdCommand(const std::vector<std::string>& args, const CommandContext& ctx, const PasswordSource& source) {
  CLI::App app("", "tellal passwd");
  DeclarePasswdCommandLine(app);
  int status = kExitOk;
  auto parsed = ParseOrExplain(app, args, ctx.out, ctx.err, &status);
  if (!parsed) return status;
  if (!parsed->positional.empty()) return Usage(ctx, kCommand, "takes no arguments", &app);

  std::string state_dir;
  if (auto dir = parsed->get("--state-dir")) {
    state_dir = *dir;
  } else {
    const std::string path = parsed->get("--config").value_or(kDefaultConfigPath);
    auto config = ctx.load_config(path);
    if (!config) return Failure(ctx, kCommand, "cannot read " + path + ": " + config.error().message);
    state_dir = config->daemon.state_dir;
  }
  if (state_dir.empty()) return Usage(ctx, kCommand, "--state-dir is empty", &app);

  auto password = source.read("Panel password: ");
  if (!password) return Failure(ctx, kCommand, "no password given");
  if (password->size() < web::kMinPanelPasswordLength)
    return Failure(ctx, kCommand,
                   "the password must have at least " + std::to_string(web::kMinPanelPasswordLength) + " characters");
  if (source.interactive) {
    auto again = source.read("Again: ");
    if (!again || *again != *password) return Failure(ctx, kCommand, "the two passwords differ; nothing changed");
  }
  auto hash = web::HashPanelPassword(*password);
  if (!hash) return Failure(ctx, kCommand, hash.error().message);
  const std::string file = state_dir + "/" + std::string(web::kPanelPasswordFileName);
  Status written = web::WritePanelPasswordFile(file, *hash);
  if (!written) return Failure(ctx, kCommand, written.error().message);
  ctx.out << "panel password stored in " << file << "\n";
  return kExitOk;
}

}  // namespace tellal::cli
