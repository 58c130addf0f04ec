#include "tests/media/pulse_server.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>
#include <catch2/catch.hpp>

#include <cstring>
#include <vector>

extern char** environ;

namespace wardcast::test {
namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

bool accepts(const fs::path& socket_path) {
  int fd = socket(AF_UNIX, SOCK_STREAM, 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  std::strncpy(addr.sun_path, socket_path.c_str(), sizeof addr.sun_path - 1);
  bool ok = connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  close(fd);
  return ok;
}

// Starts argv with the test's environment plus `extra`, stdout to `out`.
pid_t spawn(std::vector<std::string> argv, const std::vector<std::string>& extra,
            const fs::path& out, const fs::path& err) {
  std::vector<std::string> env_store;
  for (char** e = environ; *e; ++e) env_store.emplace_back(*e);
  env_store.insert(env_store.end(), extra.begin(), extra.end());
  std::vector<char*> envp, args;
  for (auto& e : env_store) envp.push_back(e.data());
  envp.push_back(nullptr);
  for (auto& a : argv) args.push_back(a.data());
  args.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  pid_t pid = -1;
  int rc = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  REQUIRE(rc == 0);
  return pid;
}

// SIGTERM, then SIGKILL if it has not ended within `grace`.
void end(pid_t& pid, std::chrono::milliseconds grace) {
  if (pid < 0) return;
  ::kill(pid, SIGTERM);
  int status = 0;
  bool gone = waitFor([&] { return waitpid(pid, &status, WNOHANG) == pid; }, grace);
  if (!gone) {
    ::kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
  }
  pid = -1;
}

}  // namespace

PulseServer::PulseServer() {
  fs::create_directories(dir_ / "run");
  fs::create_directories(dir_ / "config");
  auto socket = dir_ / "native";
  writeFile(dir_ / "server.pa",
            fmt::format("load-module module-null-sink sink_name=wardcast rate=48000 channels=2\n"
                        "load-module module-native-protocol-unix socket={} auth-anonymous=1\n",
                        socket.string()));
  writeFile(
      alsaConfig(),
      fmt::format("pcm.{} {{\n  type pulse\n  server \"unix:{}\"\n  device \"wardcast\"\n}}\n",
                  kAlsaDevice, socket.string()));
  server_ = spawn({"pulseaudio", "-n", "-F", (dir_ / "server.pa").string(), "--daemonize=no",
                   "--exit-idle-time=-1", "--use-pid-file=no", "--disable-shm=yes", "--system=no",
                   "--realtime=no", "--high-priority=no"},
                  {"HOME=" + dir_.path().string(), "XDG_RUNTIME_DIR=" + (dir_ / "run").string(),
                   "XDG_CONFIG_HOME=" + (dir_ / "config").string(),
                   "PULSE_RUNTIME_PATH=" + (dir_ / "run").string()},
                  dir_ / "server.out", dir_ / "server.log");
  bool up = waitFor([&] { return accepts(socket); }, 10s);
  INFO("pulseaudio: " << readFile(dir_ / "server.log"));
  REQUIRE(up);
}

PulseServer::~PulseServer() {
  stopRecording();
  end(server_, 5s);
}

void PulseServer::startRecording(const fs::path& file) {
  REQUIRE(recorder_ < 0);
  recorder_ =
      spawn({"parec", "--server=unix:" + (dir_ / "native").string(), "--device=wardcast.monitor",
             "--format=float32le", "--rate=48000", "--channels=2", "--raw", "--latency-msec=20"},
            {"HOME=" + dir_.path().string()}, file, dir_ / "parec.log");
  // The null sink runs all the time, so its monitor yields silence at once.
  std::error_code ec;
  bool recording = waitFor([&] { return fs::file_size(file, ec) > 4096; }, 10s);
  INFO("parec: " << readFile(dir_ / "parec.log"));
  REQUIRE(recording);
}

void PulseServer::stopRecording() {
  end(recorder_, 5s);
}

}  // namespace wardcast::test
