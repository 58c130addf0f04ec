#include "drivers/child_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

extern char** environ;

namespace wardcast::drivers {
namespace {

using Clock = std::chrono::steady_clock;

// Owns a file descriptor.
class Fd {
 public:
  explicit Fd(int fd = -1) noexcept : fd_(fd) {}
  ~Fd() { reset(); }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const noexcept { return fd_; }
  void reset() noexcept {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

 private:
  int fd_;
};

// Reads what is available; returns false at end of file.
bool readSome(int fd, std::string& sink, std::size_t keep_bytes) {
  char buffer[4096];
  ssize_t n = ::read(fd, buffer, sizeof buffer);
  if (n < 0) return errno == EINTR || errno == EAGAIN;
  if (n == 0) return false;
  sink.append(buffer, static_cast<std::size_t>(n));
  if (sink.size() > keep_bytes) sink.erase(0, sink.size() - keep_bytes);
  return true;
}

// Waits for `pid` until `deadline`; true when it was reaped into `status`.
bool reapBefore(pid_t pid, Clock::time_point deadline, int& status) {
  for (;;) {
    pid_t r = ::waitpid(pid, &status, WNOHANG);
    if (r == pid) return true;
    if (r < 0 && errno != EINTR) return true;  // already gone; status unknown
    if (Clock::now() >= deadline) return false;
    ::poll(nullptr, 0, 5);
  }
}

void killGroup(pid_t pid, int& status) {
  ::kill(-pid, SIGTERM);
  if (reapBefore(pid, Clock::now() + std::chrono::seconds(1), status)) return;
  ::kill(-pid, SIGKILL);
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
}

Result<pid_t> spawn(const std::vector<std::string>& argv, int out_fd) {
  std::vector<char*> args;
  args.reserve(argv.size() + 1);
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out_fd, 1);
  posix_spawn_file_actions_adddup2(&actions, out_fd, 2);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  // Own process group, so a timeout can kill the program and its children.
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK);
  posix_spawnattr_setpgroup(&attr, 0);
  sigset_t none;
  sigemptyset(&none);
  posix_spawnattr_setsigmask(&attr, &none);
  pid_t pid = 0;
  int rc = ::posix_spawn(&pid, args[0], &actions, &attr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  if (rc != 0) {
    return makeError(ErrorKind::kIo,
                     fmt::format("cannot start {}: {}", argv.front(), std::strerror(rc)));
  }
  return pid;
}

}  // namespace

Result<ChildOutcome> runBounded(const std::vector<std::string>& argv,
                                std::chrono::milliseconds timeout, std::size_t keep_bytes) {
  if (argv.empty()) return makeError(ErrorKind::kInternal, "runBounded: empty argv");
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) {
    return makeError(ErrorKind::kIo, fmt::format("pipe: {}", std::strerror(errno)));
  }
  Fd read_end(fds[0]);
  Fd write_end(fds[1]);
  auto pid = spawn(argv, write_end.get());
  if (!pid) return pid.error();
  write_end.reset();

  const auto deadline = Clock::now() + timeout;
  ChildOutcome outcome;
  bool open = true;
  while (open && Clock::now() < deadline) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    pollfd p{read_end.get(), POLLIN, 0};
    int n = ::poll(&p, 1, static_cast<int>(std::max<long long>(left.count(), 1)));
    if (n > 0) open = readSome(read_end.get(), outcome.output, keep_bytes);
  }
  int status = 0;
  if (!reapBefore(*pid, deadline, status)) {
    outcome.timed_out = true;
    killGroup(*pid, status);
  }
  if (WIFEXITED(status)) outcome.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) outcome.signal = WTERMSIG(status);
  return outcome;
}

}  // namespace wardcast::drivers
