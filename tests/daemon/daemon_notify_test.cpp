// wardcastd speaks systemd's notify protocol (sd_notify(3)) as a
// Type=notify unit with WatchdogSec= needs: the test plays systemd. It binds
// a Unix datagram socket of its own, starts a real daemon with
// NOTIFY_SOCKET and WATCHDOG_USEC pointing at it, and reads what arrives:
// READY=1 once the channel is on air (the API answers by then), WATCHDOG=1
// pings at least as often as half the watchdog period, RELOADING=1 then
// READY=1 around SIGHUP, STOPPING=1 at SIGTERM.
#include <signal.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstring>
#include <optional>
#include <vector>

#include <catch2/catch.hpp>

#include "tests/daemon/daemon_station.hpp"

using namespace wardcast::test;
using namespace std::chrono_literals;
using Catch::Contains;

namespace {

// systemd's side of the notify socket: every datagram with its arrival.
class NotifySocket {
 public:
  explicit NotifySocket(const std::filesystem::path& path) : path_(path) {
    fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    REQUIRE(fd_ >= 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    REQUIRE(path.string().size() < sizeof addr.sun_path);
    std::strcpy(addr.sun_path, path.c_str());
    REQUIRE(::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  }
  ~NotifySocket() { ::close(fd_); }

  struct Message {
    std::chrono::steady_clock::time_point at;
    std::string text;
  };
  // Reads every datagram waiting; returns all read so far.
  const std::vector<Message>& poll() {
    char buffer[4096];
    for (ssize_t n; (n = ::recv(fd_, buffer, sizeof buffer, 0)) > 0;)
      messages_.push_back({std::chrono::steady_clock::now(), std::string(buffer, std::size_t(n))});
    return messages_;
  }
  // The index of the first message at or after `from` that holds `line`.
  std::optional<std::size_t> find(const std::string& line, std::size_t from = 0) {
    poll();
    for (std::size_t i = from; i < messages_.size(); ++i)
      if (("\n" + messages_[i].text + "\n").find("\n" + line + "\n") != std::string::npos) return i;
    return std::nullopt;
  }

 private:
  std::filesystem::path path_;
  int fd_ = -1;
  std::vector<Message> messages_;
};

}  // namespace

TEST_CASE("wardcastd tells systemd it is ready, pings the watchdog, and says when it reloads and stops") {
  DaemonStation s(freePort(Protocol::kUdp));
  NotifySocket notify(s.file("notify.sock"));
  // The unit's WatchdogSec=10s would ask for a ping every 5 s; 2 s here,
  // so a ping every second at most is expected (the heartbeat's period).
  BackgroundProcess daemon({"env", "NOTIFY_SOCKET=" + s.file("notify.sock").string(), "WATCHDOG_USEC=2000000",
                            daemonPath().string(), "--config", s.stationFile().string(), "--data-dir",
                            s.dataDir().string()},
                           s.daemonLog());
  std::optional<std::size_t> ready;
  REQUIRE(waitFor([&] { return (ready = notify.find("READY=1")) || !daemon.running(); }, 20s));
  INFO("wardcastd log:\n" << daemon.log());
  REQUIRE(ready);
  // Ready means on air: the API answers and the channel is up.
  auto status = s.ok({"status"}).out;
  CHECK_THAT(status, Contains("ward") && Contains("on air"));

  // Watchdog pings: at least three in the next 3.5 s, none more than
  // WATCHDOG_USEC / 2 = 1 s (plus scheduling slack) after the previous.
  auto pings_from = notify.poll().size();
  REQUIRE(waitFor([&] { return notify.poll().size() >= pings_from + 3; }, 3500ms));
  std::vector<std::chrono::steady_clock::time_point> pings;
  for (std::size_t i = *ready; i < notify.poll().size(); ++i)
    if (notify.poll()[i].text == "WATCHDOG=1") pings.push_back(notify.poll()[i].at);
  REQUIRE(pings.size() >= 3);
  for (std::size_t i = 1; i < pings.size(); ++i) CHECK(pings[i] - pings[i - 1] <= 1300ms);

  auto before_reload = notify.poll().size();
  ::kill(daemon.pid(), SIGHUP);
  std::optional<std::size_t> reloading, ready_again;
  REQUIRE(waitFor([&] { return (reloading = notify.find("RELOADING=1", before_reload)).has_value(); }, 10s));
  REQUIRE(waitFor([&] { return (ready_again = notify.find("READY=1", *reloading + 1)).has_value(); }, 10s));

  ::kill(daemon.pid(), SIGTERM);
  REQUIRE(waitFor([&] { return notify.find("STOPPING=1", *ready_again + 1).has_value(); }, 10s));
  REQUIRE(waitFor([&] { return !daemon.running(); }, 10s));
  CHECK(daemon.exitCode() == 0);
}
