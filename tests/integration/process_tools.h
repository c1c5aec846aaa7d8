// Other processes for the end-to-end tests: the `tellal` command-line tool
// run to completion against a daemon, and `tellald --demo` run in the
// background. Complements DaemonHarness, which runs tellald with a
// configuration file it writes itself.
//
// Threading: everything here is for the test's thread.
#ifndef TELLAL_TESTS_INTEGRATION_PROCESS_TOOLS_H_
#define TELLAL_TESTS_INTEGRATION_PROCESS_TOOLS_H_

#include <sys/types.h>

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace tellal::integration {

// A fresh directory under $TMPDIR (or /tmp), removed with everything in it
// by the destructor unless TELLAL_INTEGRATION_KEEP is set.
class ScratchDir {
 public:
  explicit ScratchDir(const std::string& prefix);
  ~ScratchDir();
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  const std::string& path() const { return path_; }
  // Writes `content` to path()/name and returns the full path.
  std::string Write(const std::string& name, const std::string& content) const;

 private:
  std::string path_;
};

// The whole content of a file ("" when it cannot be read).
std::string ReadWholeFile(const std::string& path);

// Changes to the environment a child gets, on top of the test's own (minus
// what would tie it to a systemd that is not its supervisor): a value sets
// the variable, nullopt removes it.
using EnvChanges = std::map<std::string, std::optional<std::string>>;

// A child process with its stdout and stderr written to files, stdin from
// /dev/null. It dies with the test process (PR_SET_PDEATHSIG), and the
// destructor kills (SIGKILL) and reaps it if it is still running.
class ChildProcess {
 public:
  ChildProcess(const std::vector<std::string>& argv, const EnvChanges& env, std::string stdout_path,
               std::string stderr_path);
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  bool Running();
  void Signal(int signal);
  // Waits up to `timeout` for the exit and returns its status (128 + signal
  // when a signal ended it); nothing when it is still running.
  std::optional<int> Wait(std::chrono::milliseconds timeout);
  // Exit status once reaped, as Wait returns it.
  std::optional<int> exit_status() const { return exit_status_; }

  std::string StdOut() const { return ReadWholeFile(stdout_path_); }
  std::string StdErr() const { return ReadWholeFile(stderr_path_); }

  // Prints the tails of stdout and stderr to stderr, once: called by the
  // Catch2 listener when an assertion fails while `watched` is set.
  void ReportFailure();
  // Makes this process's output appear with a failing assertion (until it
  // is destroyed).
  void WatchForFailures();
  // The process WatchForFailures chose, if it still exists; for the one
  // Catch2 listener (daemon_harness.cc) that prints what failed tests saw.
  static ChildProcess* Watched();

 private:
  bool Reap(bool block);

  pid_t pid_ = -1;
  std::string stdout_path_;
  std::string stderr_path_;
  std::optional<int> exit_status_;
  bool reported_ = false;
};

struct ProcessResult {
  int status = -1;  // exit status; 128 + signal; -1 when it did not end in time (then killed)
  std::string out;
  std::string err;
};

// The command line that starts `argv` (the program first) in a child: argv
// itself, or argv behind the program TELLAL_TEST_EXEC_WRAPPER names. The
// arm64 build's tests run on an amd64 machine under qemu-aarch64-static
// (scripts/arm64-test.sh integration); the kernel could start an arm64 child
// by itself only with qemu registered in binfmt_misc, which a container
// usually cannot do, so the child is qemu, given the program to run. qemu is
// static: the child's environment (LD_PRELOAD too) reaches the arm64 program.
std::vector<std::string> ExecArgv(std::vector<std::string> argv);

// Runs `argv` to completion (killing it after `timeout`), its output
// captured in files under `scratch_dir`.
ProcessResult RunProcess(const std::vector<std::string>& argv, const EnvChanges& env, const std::string& scratch_dir,
                         std::chrono::milliseconds timeout = std::chrono::seconds(30));

}  // namespace tellal::integration

#endif  // TELLAL_TESTS_INTEGRATION_PROCESS_TOOLS_H_
