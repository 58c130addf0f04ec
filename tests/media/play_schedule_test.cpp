// wardcast play --date, end to end through the CLI on a real store: two
// recorded bulletins pinned a few seconds ahead (and one pinned in the past)
// play at their planned wall-clock instants, measured from RTP packet
// arrival times at a loopback receiver; silence streams between them on the
// same RTP stream (no receiver reconnects), and the past entry is skipped.
#include <fmt/format.h>
#include <boost/asio/io_context.hpp>
#include <catch2/catch.hpp>

#include <atomic>
#include <ctime>
#include <thread>

#include "tests/media/media_test_support.hpp"
#include "tests/media/rtp_receiver.hpp"
#include "tests/support/test_support.hpp"

using namespace wardcast::test;
using namespace std::chrono_literals;
using Catch::Contains;
using WallTime = std::chrono::system_clock::time_point;

namespace {

// The station's zone is Asia/Ho_Chi_Minh: UTC+7 all year, no DST.
constexpr auto kZoneOffset = 7h;
// How far from its planned instant the first RTP packet of an item may
// arrive (kernel receive stamp). SPEC §7's 20 ms (p99) is a benchmark
// figure; this test only catches an item that is not started by the clock
// (a CLI child process on a loaded machine), and 150 ms is still well
// inside what a listener would call "on time".
constexpr auto kTolerance = 150ms;
// From reading the clock to the first entry: the pins and the CLI's start
// (store, pipeline, renditions on the forwarding path) must fit in it, or
// the first entry is already over. The test waits for all of it.
constexpr auto kLead = 10s;

constexpr const char* kStation = R"toml(
[station]
name = "Phường thử phát"
timezone = "Asia/Ho_Chi_Minh"
data_dir = "data"

[[window]]
id = "morning"
start = "06:00"
end = "06:30"
days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

[[channel]]
id = "ward"
name = "Toàn phường"
kind = "loudspeaker"
groups = ["ward"]
windows = ["morning"]
outputs = [{outputs}]
)toml";

// "2026-11-25T13:30:05", local time, whole seconds.
std::string localText(WallTime t, const char* format = "%Y-%m-%dT%H:%M:%S") {
  std::time_t seconds = std::chrono::system_clock::to_time_t(t + kZoneOffset);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char text[32];
  std::strftime(text, sizeof text, format, &tm);
  return text;
}

WallTime wholeSecondAfter(WallTime t) {
  return std::chrono::ceil<std::chrono::seconds>(t);
}

class Station {
 public:
  // The channel sends RTP to `port` and, unless `forwardable`, also records
  // (a recording needs the decoding path; RTP alone is forwarded).
  explicit Station(int port, bool forwardable = false) {
    std::string outputs = fmt::format("\"rtp://127.0.0.1:{}?codec=opus\"", port);
    if (!forwardable) outputs += ", \"file:rec/ward.ogg\"";
    writeFile(dir_ / "station.toml", fmt::format(fmt::runtime(kStation), fmt::arg("outputs", outputs)));
    std::filesystem::create_directories(dir_ / "data");
  }
  std::filesystem::path file(const std::string& name) const { return dir_ / name; }
  ProcessResult cli(std::vector<std::string> args, std::chrono::milliseconds deadline = 60s,
                    const std::vector<std::string>& env = {}) const {
    args.insert(args.begin(), {"--config", (dir_ / "station.toml").string(), "--data-dir",
                               (dir_ / "data").string()});
    return runCli(args, deadline, env);
  }
  ProcessResult ok(const std::vector<std::string>& args) const {
    auto r = cli(args);
    INFO("wardcast " << Catch::Detail::stringify(args) << "\nstdout: " << r.out
                     << "\nstderr: " << r.err);
    REQUIRE(r.exit_code == 0);
    return r;
  }

 private:
  TempDir dir_;
};

// b1: 1.5 s of 440 Hz, b2: 1.5 s of 660 Hz, both approved.
void addTones(const Station& s) {
  s.ok({"user", "add", "root", "--role", "admin"});
  s.ok({"--user", "root", "user", "add", "lan", "--role", "editor"});
  s.ok({"--user", "root", "user", "add", "hoa", "--role", "approver"});
  for (int frequency : {440, 660}) {
    auto tone = s.file(fmt::format("tone{}.wav", frequency));
    REQUIRE(run({"sox", "-n", "-r", "48000", "-c", "1", "-b", "16", tone.string(), "synth", "1.5",
                 "sine", std::to_string(frequency), "gain", "-10"})
                .exit_code == 0);
    s.ok({"--user", "lan", "bulletin", "add", "--topic", "thu", "--title",
          fmt::format("Tone {}", frequency), "--audio", tone.string()});
  }
  for (const char* id : {"b1", "b2"}) s.ok({"--user", "hoa", "approve", id});
}

bool hasTone(const std::vector<float>& block, double frequency) {
  return !block.empty() && tonePower(block.data(), block.size(), 48000, frequency) > 1e-4;
}

}  // namespace

namespace {

// Both playout paths: the decoding path (RTP and a recording) and the
// forwarding path (RTP alone: items rendered once, packets sent).
void checkPlannedStarts(bool forwardable) {
  boost::asio::io_context io;
  RtpReceiver receiver(io);
  int port = receiver.port();
  Station s(port, forwardable);
  addTones(s);

  // Both entries on one local day: keep clear of local midnight.
  WallTime first = wholeSecondAfter(std::chrono::system_clock::now() + kLead);
  if (localText(first, "%F") != localText(first + 10s, "%F")) {
    WallTime midnight = wholeSecondAfter(first + 10s);
    REQUIRE(waitFor([&] { return std::chrono::system_clock::now() > midnight - kLead; }, 30s));
    first = midnight;
  }
  WallTime second = first + 4s;
  s.ok({"pin", "b1", "--channel", "ward", "--at", localText(first)});
  s.ok({"pin", "b2", "--channel", "ward", "--at", localText(second)});
  bool with_past = localText(first - 120s, "%F") == localText(first, "%F");
  if (with_past) s.ok({"pin", "b2", "--channel", "ward", "--at", localText(first - 120s)});

  ProcessResult play;
  std::atomic<bool> finished{false};
  std::thread player([&] {
    play = s.cli({"play", "--channel", "ward", "--date", localText(first, "%F")}, 40s);
    finished = true;
  });
  bool ended = runUntil(
      io, [&] { return finished.load(); }, 45s);
  player.join();
  REQUIRE(ended);
  INFO("stdout: " << play.out << "\nstderr: " << play.err);
  REQUIRE(play.exit_code == 0);
  CHECK_THAT(play.out, Contains(forwardable ? "forwarding Opus air renditions" : "decoding path"));
  CHECK_THAT(play.out, Contains("playing b1 (planned " + localText(first, "%H:%M:%S")));
  CHECK_THAT(play.out, Contains("playing b2 (planned " + localText(second, "%H:%M:%S")));
  if (with_past) CHECK_THAT(play.out, Contains("skipping b2 at ") && Contains("already over"));

  const auto& packets = receiver.packets();
  REQUIRE(packets.size() > 300);
  // One RTP stream from start to end, silence included: same SSRC, no hole
  // in the sequence (no restart between entries), and never a pause a
  // listener would hear as the stream stopping (half a second; a loaded
  // machine may hold the sender up for a few packets).
  for (std::size_t i = 1; i < packets.size(); ++i) {
    CHECK(packets[i].ssrc == packets[0].ssrc);
    CHECK(std::uint16_t(packets[i].sequence - packets[i - 1].sequence) == 1);
    CHECK(packets[i].received - packets[i - 1].received < 500ms);
  }
  // Arrival times on the wall clock: the kernel's receive stamps.
  auto arrival = [&](std::size_t i) { return packets[i].received; };
  auto blocks = decodeOpus(packets);
  REQUIRE(blocks.size() == packets.size());
  auto firstWith = [&](double frequency) -> std::optional<std::size_t> {
    for (std::size_t i = 0; i < blocks.size(); ++i)
      if (hasTone(blocks[i], frequency)) return i;
    return std::nullopt;
  };
  auto b1 = firstWith(440);
  auto b2 = firstWith(660);
  REQUIRE(b1);
  REQUIRE(b2);
  auto early1 = std::chrono::duration_cast<std::chrono::milliseconds>(arrival(*b1) - first);
  auto early2 = std::chrono::duration_cast<std::chrono::milliseconds>(arrival(*b2) - second);
  INFO("b1 first packet " << early1.count() << " ms from planned, b2 " << early2.count() << " ms");
  CHECK(std::chrono::abs(early1) <= kTolerance);
  CHECK(std::chrono::abs(early2) <= kTolerance);
  // Silence before b1 and between the end of b1 and b2 (packets kept coming).
  std::size_t silent_before = 0, silent_between = 0;
  for (std::size_t i = 0; i < *b1; ++i)
    silent_before += !hasTone(blocks[i], 440) && !hasTone(blocks[i], 660);
  for (std::size_t i = *b1; i < *b2; ++i)
    if (arrival(i) > first + 1700ms)
      silent_between += !hasTone(blocks[i], 440) && !hasTone(blocks[i], 660);
  CHECK(silent_before >= 50);       // at least a second of silence before the first entry
  CHECK(silent_between >= 2 * 50);  // 2.3 s between the entries, at 50 packets/s
}

}  // namespace

TEST_CASE("play --date starts each planned entry at its planned time, with silence between") {
  checkPlannedStarts(false);
}

TEST_CASE("play --date on the forwarding path: the same starts from air renditions") {
  checkPlannedStarts(true);
}

TEST_CASE("play --date with every entry over says so and exits 1") {
  int port = freePort(Protocol::kUdp);
  Station s(port);
  addTones(s);
  // Half a minute ago, on today's local date (just after midnight: wait).
  auto sameDay = [] {
    auto now = std::chrono::system_clock::now();
    return localText(now - 35s, "%F") == localText(now, "%F");
  };
  REQUIRE(waitFor(sameDay, 45s));
  WallTime past = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()) - 30s;
  s.ok({"pin", "b1", "--channel", "ward", "--at", localText(past)});
  auto play = s.cli({"play", "--channel", "ward", "--date", localText(past, "%F")}, 30s);
  INFO("stdout: " << play.out << "\nstderr: " << play.err);
  CHECK(play.exit_code == 1);
  CHECK_THAT(play.out, Contains("skipping b1 at ") && Contains("already over"));
  CHECK_THAT(play.err, Contains("nothing left to play"));
  auto nothing = s.cli({"play", "--channel", "ward", "--date", "2001-01-01"}, 30s);
  CHECK(nothing.exit_code == 1);
  CHECK_THAT(nothing.err, Contains("nothing planned on 2001-01-01 for ward"));
}

// A relay planned by `plan apply` ([[relay]] over the current minutes) and
// joined by `play --date` while in progress: the relayed stream (a file:
// source beside the station file) reaches the RTP receiver at once.
TEST_CASE("play --date joins a relay in progress and carries its stream") {
  boost::asio::io_context io;
  RtpReceiver receiver(io);
  int port = receiver.port();
  // The relay spans this minute and the next two: keep clear of a minute
  // turning between reading the clock and planning, and of local midnight.
  auto settled = [] {
    auto now = std::chrono::system_clock::now();
    return localText(now, "%S") < "45" && localText(now, "%F") == localText(now + 200s, "%F");
  };
  REQUIRE(waitFor(settled, 60s));
  auto now = std::chrono::system_clock::now();
  std::string span = localText(now, "%H:%M") + "-" + localText(now + 120s, "%H:%M");
  Station s(port);
  auto relay_source = s.file("province.wav");
  REQUIRE(run({"sox", "-n", "-r", "48000", "-c", "1", "-b", "16", relay_source.string(), "synth", "300",
               "sine", "550", "gain", "-10"})
              .exit_code == 0);
  writeFile(s.file("station.toml"), readFile(s.file("station.toml")) +
                                        "\n[[relay]]\nsource = \"file:province.wav\"\ntargets = [\"ward\"]\n"
                                        "at = [\"" + span + "\"]\n");
  std::string today = localText(now, "%F");
  writeFile(s.file("campaign.toml"), fmt::format(R"toml([campaign]
id = "relay-only"
title = "Tiếp sóng"
issuer = "UBND phường"
start = {0}
end = {0}

[[topic]]
id = "mot-cua"
title = "Một cửa"
  [[topic.quota]]
  target = "ward"
  plays = 1
  per = "day"
)toml", today));
  auto apply = s.ok({"plan", "apply", s.file("campaign.toml").string(), "--from", today, "--to", today});
  CHECK_THAT(apply.out, Contains("1 relay entries"));

  // Play for a few seconds (the relay would last minutes), then stop it.
  // 12 s: the CLI's start on a loaded machine leaves well over 4 s of relay.
  ProcessResult play;
  std::atomic<bool> finished{false};
  std::thread player([&] {
    play = s.cli({"play", "--channel", "ward", "--date", today}, 12s);
    finished = true;
  });
  bool ended = runUntil(io, [&] { return finished.load(); }, 25s);
  player.join();
  REQUIRE(ended);
  INFO("stdout: " << play.out << "\nstderr: " << play.err);
  CHECK(play.timed_out);  // still relaying when the test stopped it
  CHECK_THAT(play.out, Contains("playing relay file://") && Contains("province.wav"));
  auto blocks = decodeOpus(receiver.packets());
  std::size_t relayed = 0;
  for (const auto& block : blocks) relayed += hasTone(block, 550);
  CHECK(relayed >= 4 * 50);  // at least 4 of the ~11 s on air carried the relay
}

// Regression: on the forwarding path, `play --items` of an item never
// played before sat silent (its rendition was made by a loop run inside the
// loop, and finished only on SIGTERM). The playout renders it on the loop
// and airs it once it is ready.
TEST_CASE("play --items on the forwarding path renders new items and airs them back to back") {
  boost::asio::io_context io;
  RtpReceiver receiver(io);
  int port = receiver.port();
  Station s(port, /*forwardable=*/true);
  addTones(s);
  ProcessResult play;
  std::atomic<bool> finished{false};
  std::thread player([&] {
    play = s.cli({"play", "--channel", "ward", "--items", "b1,b2"}, 30s);
    finished = true;
  });
  bool ended = runUntil(io, [&] { return finished.load(); }, 40s);
  player.join();
  REQUIRE(ended);
  INFO("stdout: " << play.out << "\nstderr: " << play.err);
  REQUIRE(play.exit_code == 0);
  CHECK_THAT(play.out, Contains("forwarding Opus air renditions"));
  CHECK_THAT(play.out, Contains("playing b1") && Contains("ended   b1") && Contains("playing b2"));
  auto blocks = decodeOpus(receiver.packets());
  std::optional<std::size_t> first440, first660;
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    if (!first440 && hasTone(blocks[i], 440)) first440 = i;
    if (!first660 && hasTone(blocks[i], 660)) first660 = i;
  }
  REQUIRE(first440);
  REQUIRE(first660);
  // Back to back: b2 follows b1's 1.5 s (75 packets of 20 ms) with no gap.
  CHECK(*first660 > *first440);
  CHECK(*first660 - *first440 <= 76);
}

// The station clock (WARDCAST_NOW) moves "now" for play as for every
// command: a day years ahead is planned and played at its planned second,
// which falls a few seconds after the command starts.
TEST_CASE("play --date follows the station clock that WARDCAST_NOW sets") {
  boost::asio::io_context io;
  RtpReceiver receiver(io);
  int port = receiver.port();
  Station s(port);
  addTones(s);
  const std::vector<std::string> env = {"WARDCAST_NOW=2031-03-03T06:00:00+07:00"};
  auto pin = s.cli({"pin", "b1", "--channel", "ward", "--at", "2031-03-03T06:00:06"}, 30s, env);
  INFO("pin: " << pin.err);
  REQUIRE(pin.exit_code == 0);
  ProcessResult play;
  std::atomic<bool> finished{false};
  std::thread player([&] {
    play = s.cli({"play", "--channel", "ward", "--date", "2031-03-03"}, 30s, env);
    finished = true;
  });
  bool ended = runUntil(io, [&] { return finished.load(); }, 40s);
  player.join();
  REQUIRE(ended);
  INFO("stdout: " << play.out << "\nstderr: " << play.err);
  REQUIRE(play.exit_code == 0);
  CHECK_THAT(play.out, Contains("planned b1 at 2031-03-03T06:00:06+07:00"));
  // It started at its planned second on the station clock, not at once and
  // not in 2031: the program's own report, late by at most kTolerance.
  auto at = play.out.find("playing b1 (planned 06:00:06.000, ");
  REQUIRE(at != std::string::npos);
  long late_ms = std::stol(play.out.substr(at + std::string("playing b1 (planned 06:00:06.000, ").size()));
  CHECK(std::abs(late_ms) <= kTolerance.count());
  auto blocks = decodeOpus(receiver.packets());
  std::size_t heard = 0;
  for (const auto& block : blocks) heard += hasTone(block, 440);
  CHECK(heard >= 70);  // the 1.5 s tone, 75 packets of 20 ms
}
