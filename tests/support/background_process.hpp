#pragma once
// BackgroundProcess: a child process a test keeps running while it works
// (a server, a stream source, a listener), with its stdout and stderr in a
// log file. Started with posix_spawnp (argv[0] looked up in PATH), stdin
// from /dev/null, in its own process group. The destructor sends SIGTERM
// to the group, waits up to 3 s, then SIGKILLs it: no orphans after a test.
#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

namespace wardcast::test {

class BackgroundProcess {
 public:
  // Throws std::runtime_error when the program cannot be started.
  BackgroundProcess(const std::vector<std::string>& argv, std::filesystem::path log_file);
  ~BackgroundProcess();
  BackgroundProcess(BackgroundProcess&& other) noexcept;
  BackgroundProcess& operator=(BackgroundProcess&&) = delete;
  BackgroundProcess(const BackgroundProcess&) = delete;
  BackgroundProcess& operator=(const BackgroundProcess&) = delete;

  pid_t pid() const { return pid_; }
  // False once the process has exited (it is reaped then).
  bool running();
  // Exit code once it has exited; -1 while running or when killed by a signal.
  int exitCode() const { return exit_code_; }
  // The signal that ended it once it has exited; 0 while running or when it
  // exited by itself.
  int termSignal() const { return term_signal_; }
  // What it wrote to stdout and stderr so far.
  std::string log() const;
  // Terminates it (SIGTERM, then SIGKILL after `grace`) and reaps it.
  void stop(std::chrono::milliseconds grace = std::chrono::seconds(3));

 private:
  pid_t pid_ = -1;
  bool exited_ = false;
  int exit_code_ = -1;
  int term_signal_ = 0;
  std::filesystem::path log_file_;
};

}  // namespace wardcast::test
