#include "tests/media/icecast_server.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <fmt/format.h>

extern char** environ;

namespace wardcast::test {
namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

constexpr const char* kPassword = "wardcast-test";

bool accepts(int port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(std::uint16_t(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bool ok = connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  close(fd);
  return ok;
}

}  // namespace

IcecastServer::IcecastServer() : port_(freePort(Protocol::kTcp)) {
  fs::create_directories(dir_ / "log");
  fs::permissions(dir_.path(), fs::perms::all, fs::perm_options::add);
  fs::permissions(dir_ / "log", fs::perms::all, fs::perm_options::add);
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
  std::string config = (dir_ / "icecast.xml").string();
  std::vector<char*> argv{const_cast<char*>("icecast2"), const_cast<char*>("-c"), config.data(), nullptr};
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  int rc = posix_spawnp(&pid_, "icecast2", &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  REQUIRE(rc == 0);
  REQUIRE(waitFor([&] { return accepts(port_); }, 5s));
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
