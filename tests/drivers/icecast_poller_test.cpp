// The Icecast statistics poller against a real icecast2 on 127.0.0.1 with a
// real source (ffmpeg) and a real listener (curl).
#include <chrono>
#include <optional>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <catch2/catch.hpp>

#include "drivers/icecast_stats_poller.hpp"
#include "tests/drivers/icecast_server.hpp"
#include "tests/support/closed_port.hpp"
#include "tests/support/test_support.hpp"

using namespace wardcast;
using namespace wardcast::drivers;
using namespace std::chrono_literals;

namespace {

// Runs `io` until a report satisfies `accept` or `deadline` passes; returns
// the last report seen.
std::optional<IcecastListenerReport> pollUntil(
    boost::asio::io_context& io, IcecastPollerConfig config,
    const std::function<bool(const IcecastListenerReport&)>& accept,
    std::chrono::milliseconds deadline) {
  std::optional<IcecastListenerReport> last;
  bool done = false;
  IcecastStatsPoller poller(io.get_executor(), std::move(config),
                            [&](const IcecastListenerReport& report) {
                              last = report;
                              done = accept(report);
                            });
  poller.start();
  io.restart();
  auto until = std::chrono::steady_clock::now() + deadline;
  while (!done && std::chrono::steady_clock::now() < until) io.run_one_for(20ms);
  poller.stop();
  io.restart();
  io.poll();  // drain the cancelled poll
  return last;
}

}  // namespace

TEST_CASE("poller reports one listener on the mount a listener plays", "[drivers][icecast]") {
  test::TempDir dir;
  test::IcecastServer server(dir.path());
  boost::asio::io_context io;
  auto target = icecastTargetFor(server.sourceUri("/ward.mp3"));
  REQUIRE(target.ok());
  IcecastPollerConfig config = target->server;
  config.interval = 200ms;
  config.timeout = 2s;

  auto source = server.startToneSource("/ward.mp3");
  auto mounted = pollUntil(
      io, config, [](const auto& r) { return r.listenersOn("/ward.mp3").has_value(); }, 15s);
  INFO("icecast log:\n" << server.log() << "\nsource log:\n" << source.log());
  REQUIRE(mounted);
  REQUIRE(mounted->ok());
  REQUIRE(mounted->listenersOn("/ward.mp3") == 0);
  CHECK(mounted->server == "127.0.0.1:" + std::to_string(server.port()));

  auto listener = server.startListener("/ward.mp3");
  auto heard = pollUntil(
      io, config, [](const auto& r) { return r.listenersOn("/ward.mp3") == 1; }, 15s);
  REQUIRE(heard);
  CHECK(heard->ok());
  CHECK(heard->listenersOn("/ward.mp3") == 1);
  CHECK(heard->mounts.size() == 1);

  SECTION("the admin statistics agree") {
    config.admin_user = server.adminUser();
    config.admin_password = server.adminPassword();
    auto admin = pollUntil(
        io, config, [](const auto&) { return true; }, 10s);
    REQUIRE(admin);
    INFO(admin->error);
    CHECK(admin->ok());
    CHECK(admin->listenersOn("/ward.mp3") == 1);
  }
  SECTION("a wrong admin password is reported, not mistaken for zero listeners") {
    config.admin_user = server.adminUser();
    config.admin_password = "wrong";
    auto refused = pollUntil(
        io, config, [](const auto&) { return true; }, 10s);
    REQUIRE(refused);
    CHECK_FALSE(refused->ok());
    CHECK_THAT(refused->error, Catch::Contains("admin user or password was refused"));
    CHECK(refused->mounts.empty());
  }
  SECTION("the count drops when the listener leaves") {
    listener.stop();
    auto left = pollUntil(
        io, config, [](const auto& r) { return r.listenersOn("/ward.mp3") == 0; }, 15s);
    REQUIRE(left);
    CHECK(left->listenersOn("/ward.mp3") == 0);
  }
}

TEST_CASE("poller reports a server that does not answer as an error event", "[drivers][icecast]") {
  boost::asio::io_context io;
  test::ClosedPort closed;  // nothing listens, and no test beside this one can
  IcecastPollerConfig config;
  config.port = closed.port();
  config.timeout = 1s;
  auto report = pollUntil(
      io, config, [](const auto&) { return true; }, 5s);
  REQUIRE(report);
  CHECK_FALSE(report->ok());
  CHECK_THAT(report->error, Catch::Contains("127.0.0.1:" + std::to_string(config.port)) &&
                                Catch::Contains("connect failed"));
}
