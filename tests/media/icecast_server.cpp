#include "tests/media/icecast_server.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <fmt/format.h>

extern char** environ;

namespace wardcast::test {
namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

constexpr const char* kPassword = "wardcast-test";

// Whether an Icecast server answers HTTP on 127.0.0.1:port. Not just any
// listener: when freePort()'s port was taken by a process beside this test,
// that process accepts connections while our icecast2 fails to bind.
bool answersAsIcecast(int port) {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return false;
  timeval timeout{1, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(std::uint16_t(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  std::string reply;
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) {
    const std::string request = "GET /status-json.xsl HTTP/1.0\r\n\r\n";
    if (send(fd, request.data(), request.size(), MSG_NOSIGNAL) == ssize_t(request.size())) {
      char buffer[1024];
      ssize_t n;
      while (reply.find("\r\n\r\n") == std::string::npos &&
             (n = recv(fd, buffer, sizeof buffer, 0)) > 0)
        reply.append(buffer, std::size_t(n));
    }
  }
  close(fd);
  return reply.find("\r\nServer: Icecast") != std::string::npos;
}

}  // namespace

IcecastServer::IcecastServer() : port_(freePort(Protocol::kTcp)) {
  fs::create_directories(dir_ / "log");
  fs::permissions(dir_.path(), fs::perms::all, fs::perm_options::add);
  fs::permissions(dir_ / "log", fs::perms::all, fs::perm_options::add);
  writeConfig();
}

void IcecastServer::writeConfig() {
  // Icecast refuses to run as root unless it changes owner.
  std::string security = getuid() == 0
      ? "<security><chroot>0</chroot><changeowner><user>nobody</user><group>nogroup</group></changeowner></security>"
      : "<security><chroot>0</chroot></security>";
  writeFile(dir_ / "icecast.xml", fmt::format(R"(<icecast>
  <location>test</location><admin>test@localhost</admin>
  <limits><sources>8</sources><source-timeout>10</source-timeout><burst-size>65536</burst-size></limits>
  <authentication><source-password>{password}</source-password>
    <admin-user>admin</admin-user><admin-password>{password}</admin-password></authentication>
  <hostname>127.0.0.1</hostname>
  <listen-socket><port>{port}</port><bind-address>127.0.0.1</bind-address></listen-socket>
  <paths><basedir>/usr/share/icecast2</basedir><logdir>{log}</logdir>
    <webroot>/usr/share/icecast2/web</webroot><adminroot>/usr/share/icecast2/admin</adminroot></paths>
  <logging><errorlog>error.log</errorlog><loglevel>2</loglevel></logging>
  {security}
</icecast>
)", fmt::arg("password", kPassword), fmt::arg("port", port_), fmt::arg("log", (dir_ / "log").string()),
      fmt::arg("security", security)));
}

IcecastServer::~IcecastServer() { kill(); }

void IcecastServer::start() {
  REQUIRE(pid_ < 0);
  // The first start may find freePort()'s port taken by a process beside
  // this test: try a fresh one. A restart after kill() keeps the port the
  // programme under test was given.
  const int attempts = started_ ? 1 : 3;
  for (int attempt = 0; attempt < attempts; ++attempt) {
    if (attempt > 0) {
      port_ = freePort(Protocol::kTcp);
      writeConfig();
    }
    if (startOnce()) {
      started_ = true;
      return;
    }
    kill();
  }
  FAIL("icecast2 did not answer on 127.0.0.1:" << port_ << " (log: " << (dir_ / "log").string() << ")");
}

bool IcecastServer::startOnce() {
  std::string config = (dir_ / "icecast.xml").string();
  std::vector<char*> argv{const_cast<char*>("icecast2"), const_cast<char*>("-c"), config.data(), nullptr};
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  int rc = posix_spawnp(&pid_, "icecast2", &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) pid_ = -1;
  REQUIRE(rc == 0);
  // Up when it answers; given up on when it exited (it could not bind).
  bool exited = false;
  bool answered = waitFor(
      [&] {
        int status = 0;
        if (waitpid(pid_, &status, WNOHANG) == pid_) {
          pid_ = -1;
          exited = true;
          return true;
        }
        return answersAsIcecast(port_);
      },
      10s);
  return answered && !exited;
}

void IcecastServer::kill() {
  if (pid_ < 0) return;
  ::kill(pid_, SIGKILL);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
}

std::string IcecastServer::sourceUri(const std::string& mount) const {
  return fmt::format("icecast://source:{}@127.0.0.1:{}/{}", kPassword, port_, mount);
}

std::string IcecastServer::listenUrl(const std::string& mount) const {
  return fmt::format("http://127.0.0.1:{}/{}", port_, mount);
}

}  // namespace wardcast::test
