// AmplifierScheduler on an io_context run by the test: the amplifier goes on
// `lead` before a window and off `tail` after it, failures are retried with
// back-off, and every attempt is reported.
#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>
#include <catch2/catch.hpp>

#include "drivers/amplifier_factory.hpp"
#include "drivers/amplifier_scheduler.hpp"
#include "tests/drivers/modbus_test_server.hpp"
#include "tests/support/closed_port.hpp"
#include "tests/support/test_support.hpp"

using namespace wardcast;
using namespace wardcast::drivers;
using namespace std::chrono;
using namespace std::chrono_literals;

namespace {

SysMillis now() {
  return time_point_cast<milliseconds>(system_clock::now());
}

// Records calls; fails the first `failures_left` power-on calls.
class FakeDriver final : public AmplifierDriver {
 public:
  explicit FakeDriver(int failures_left = 0) : failures_left_(failures_left) {}
  Status powerOn() override { return record(AmplifierPower::kOn); }
  Status powerOff() override { return record(AmplifierPower::kOff); }
  std::string describe() const override { return "fake relay"; }

 private:
  Status record(AmplifierPower power) {
    if (power == AmplifierPower::kOn && failures_left_ > 0) {
      --failures_left_;
      return makeError(ErrorKind::kIo, "fake relay: no answer");
    }
    return okStatus();
  }
  int failures_left_;
};

// Runs `io` until `done` holds or `deadline` passes; fails the test on the latter.
void runUntil(boost::asio::io_context& io, const std::function<bool()>& done,
              milliseconds deadline) {
  auto until = steady_clock::now() + deadline;
  while (!done() && steady_clock::now() < until) io.run_one_for(20ms);
  REQUIRE(done());
}

// A switch is never early: at most a few milliseconds before it was due
// (timers and the clock count whole milliseconds). It may be late by up to a
// second: on a shared machine the io thread can be held up, and an
// amplifier a second late on a lead of seconds is not heard.
constexpr milliseconds kEarliest{5};
constexpr milliseconds kLatest{1000};

// How late `actual` is after `planned`, in ms (negative: early).
long long lateBy(SysMillis actual, SysMillis planned) {
  return (actual - planned).count();
}

class OnTime : public Catch::MatcherBase<long long> {
 public:
  bool match(const long long& late) const override {
    return late >= -kEarliest.count() && late <= kLatest.count();
  }
  std::string describe() const override {
    return "is no more than " + std::to_string(kEarliest.count()) + " ms early and " +
           std::to_string(kLatest.count()) + " ms late";
  }
};

}  // namespace

TEST_CASE("scheduler powers on lead before a window and off tail after it",
          "[drivers][scheduler]") {
  boost::asio::io_context io;
  std::vector<AmplifierEvent> events;
  AmplifierTiming timing;
  timing.lead = 1s;
  timing.tail = 500ms;
  AmplifierScheduler scheduler(io.get_executor(), "ward", std::make_unique<FakeDriver>(), timing,
                               [&](const AmplifierEvent& e) { events.push_back(e); });
  const SysMillis t0 = now();
  const WindowInstance window{t0 + 2s, t0 + 3s};
  scheduler.setWindows({window});

  runUntil(
      io, [&] { return events.size() >= 3; }, 6s);
  REQUIRE(events.size() == 3);
  // Outside a window at start: the amplifier is switched off once, at once.
  CHECK(events[0].action == AmplifierPower::kOff);
  CHECK_THAT(lateBy(events[0].finished, t0), OnTime());
  // On at start - lead, off at end + tail.
  CHECK(events[1].action == AmplifierPower::kOn);
  CHECK(events[1].outcome == AttemptOutcome::kSucceeded);
  CHECK(events[1].planned == window.start - 1s);
  CHECK_THAT(lateBy(events[1].finished, window.start - 1s), OnTime());
  CHECK(events[2].action == AmplifierPower::kOff);
  CHECK(events[2].planned == window.end + 500ms);
  CHECK_THAT(lateBy(events[2].finished, window.end + 500ms), OnTime());
  for (const auto& e : events) {
    CHECK(e.channel == "ward");
    CHECK(e.driver == "fake relay");
    CHECK(e.attempt == 1);
  }
  CHECK(scheduler.confirmedState() == AmplifierPower::kOff);
}

TEST_CASE("scheduler merges back-to-back windows and ignores past ones", "[drivers][scheduler]") {
  boost::asio::io_context io;
  std::vector<AmplifierEvent> events;
  AmplifierTiming timing;
  timing.lead = 300ms;
  timing.tail = 300ms;
  AmplifierScheduler scheduler(io.get_executor(), "ward", std::make_unique<FakeDriver>(), timing,
                               [&](const AmplifierEvent& e) { events.push_back(e); });
  const SysMillis t0 = now();
  // Given out of order; the gap of 400 ms is shorter than tail + lead.
  scheduler.setWindows({{t0 + 1400ms, t0 + 1800ms}, {t0 - 5s, t0 - 4s}, {t0 + 500ms, t0 + 1s}});
  runUntil(
      io, [&] { return events.size() >= 3; }, 5s);
  REQUIRE(events.size() == 3);
  CHECK(events[1].action == AmplifierPower::kOn);
  CHECK_THAT(lateBy(events[1].finished, t0 + 200ms), OnTime());
  CHECK(events[2].action == AmplifierPower::kOff);
  CHECK_THAT(lateBy(events[2].finished, t0 + 2100ms), OnTime());
}

TEST_CASE("scheduler retries a failed power-on with back-off and reports each attempt",
          "[drivers][scheduler]") {
  boost::asio::io_context io;
  std::vector<AmplifierEvent> events;
  AmplifierTiming timing;
  timing.lead = 200ms;
  timing.tail = 200ms;
  timing.retry_initial = 100ms;
  timing.retry_max = 1s;
  AmplifierScheduler scheduler(io.get_executor(), "ward", std::make_unique<FakeDriver>(2), timing,
                               [&](const AmplifierEvent& e) { events.push_back(e); });
  const SysMillis t0 = now();
  scheduler.setWindows({{t0 + 500ms, t0 + 2s}});
  runUntil(
      io, [&] { return events.size() >= 5; }, 5s);
  REQUIRE(events.size() == 5);
  // [0] initial off; [1], [2] failed on; [3] on; [4] off.
  CHECK(events[1].outcome == AttemptOutcome::kFailed);
  CHECK(events[1].attempt == 1);
  CHECK(events[1].detail == "fake relay: no answer");
  CHECK(events[1].retry_in == 100ms);
  CHECK_THAT(lateBy(events[1].finished, t0 + 300ms), OnTime());
  CHECK(events[2].outcome == AttemptOutcome::kFailed);
  CHECK(events[2].attempt == 2);
  CHECK(events[2].retry_in == 200ms);
  CHECK_THAT(lateBy(events[2].finished, events[1].finished + 100ms), OnTime());
  CHECK(events[3].action == AmplifierPower::kOn);
  CHECK(events[3].outcome == AttemptOutcome::kSucceeded);
  CHECK(events[3].attempt == 3);
  CHECK(events[3].planned == t0 + 300ms);
  CHECK_THAT(lateBy(events[3].finished, events[2].finished + 200ms), OnTime());
  CHECK(events[4].action == AmplifierPower::kOff);
  CHECK_THAT(lateBy(events[4].finished, t0 + 2200ms), OnTime());
}

TEST_CASE("scheduler runs driver calls on the owner's blocking pool, events on its executor",
          "[drivers][scheduler][modbus]") {
  test::ModbusTestServer server;
  auto setup = makeAmplifier("modbus-tcp://127.0.0.1:" + std::to_string(server.port()) +
                             "?coil=3&lead=500ms&tail=200ms&timeout=3s");
  REQUIRE(setup.ok());
  boost::asio::io_context io;
  boost::asio::thread_pool blocking(1);
  const auto io_thread = std::this_thread::get_id();
  std::vector<AmplifierEvent> events;
  std::vector<bool> coil_at_event;
  bool all_on_io_thread = true;
  AmplifierScheduler scheduler(
      io.get_executor(), "ward", std::move(setup->driver), setup->timing,
      [&](const AmplifierEvent& e) {
        all_on_io_thread = all_on_io_thread && std::this_thread::get_id() == io_thread;
        events.push_back(e);
        coil_at_event.push_back(server.coil(3));
      },
      blocking.get_executor());
  server.setCoil(3, true);  // left on by hand: cleared at start
  const SysMillis t0 = now();
  scheduler.setWindows({{t0 + 1s, t0 + 1500ms}});
  runUntil(
      io, [&] { return events.size() >= 3; }, 5s);
  CHECK(all_on_io_thread);
  REQUIRE(events.size() == 3);
  CHECK(events[0].action == AmplifierPower::kOff);
  CHECK(events[1].action == AmplifierPower::kOn);
  CHECK(events[2].action == AmplifierPower::kOff);
  CHECK(coil_at_event == std::vector<bool>{false, true, false});
  CHECK_THAT(lateBy(events[1].finished, t0 + 500ms), OnTime());
  CHECK_THAT(lateBy(events[2].finished, t0 + 1700ms), OnTime());
  blocking.join();
}

TEST_CASE("scheduler keeps retrying a power-off until the relay answers",
          "[drivers][scheduler][modbus]") {
  test::ClosedPort closed;  // nothing listens, and no test beside this one can
  const int port = closed.port();
  auto setup = makeAmplifier("modbus-tcp://127.0.0.1:" + std::to_string(port) +
                             "?coil=1&timeout=200ms&retry=100ms&retry_max=200ms");
  REQUIRE(setup.ok());
  boost::asio::io_context io;
  std::vector<AmplifierEvent> events;
  AmplifierScheduler scheduler(io.get_executor(), "ward", std::move(setup->driver), setup->timing,
                               [&](const AmplifierEvent& e) { events.push_back(e); });
  scheduler.setWindows({});
  runUntil(
      io, [&] { return events.size() >= 2; }, 5s);
  CHECK(events[0].outcome == AttemptOutcome::kFailed);
  CHECK_THAT(events[0].detail, Catch::Contains("connect failed"));
  CHECK(events[1].attempt == 2);
  CHECK(scheduler.confirmedState() == std::nullopt);
}
