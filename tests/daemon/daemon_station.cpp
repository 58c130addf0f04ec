#include "tests/daemon/daemon_station.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <ctime>

#include "tests/media/media_test_support.hpp"

namespace wardcast::test {
namespace {

using namespace std::chrono_literals;

constexpr auto kZoneOffset = 7h;  // Asia/Ho_Chi_Minh

constexpr const char* kStation = R"toml(
[station]
name = "Phường thử phát"
timezone = "Asia/Ho_Chi_Minh"
data_dir = "data"

[[window]]
id = "allday"
start = "00:00"
end = "23:59"

[[channel]]
id = "ward"
name = "Toàn phường"
kind = "loudspeaker"
groups = ["ward"]
windows = ["allday"]
outputs = ["rtp://127.0.0.1:{port}?codec=opus"]
)toml";

}  // namespace

std::filesystem::path daemonPath() { return WARDCAST_DAEMON_PATH; }

std::string localText(WallTime t, const char* format) {
  std::time_t seconds = std::chrono::system_clock::to_time_t(t + kZoneOffset);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char text[32];
  std::strftime(text, sizeof text, format, &tm);
  return text;
}

WallTime parseLocal(const std::string& iso) {
  std::tm tm{};
  int millis = 0;
  INFO(iso);
  REQUIRE(iso.size() == 29);
  REQUIRE(iso.substr(23) == "+07:00");
  REQUIRE(strptime(iso.substr(0, 19).c_str(), "%Y-%m-%dT%H:%M:%S", &tm) != nullptr);
  millis = std::stoi(iso.substr(20, 3));
  return std::chrono::system_clock::from_time_t(timegm(&tm)) - kZoneOffset + std::chrono::milliseconds(millis);
}

WallTime wholeSecondAfter(WallTime t) { return std::chrono::ceil<std::chrono::seconds>(t); }

WallTime aheadOnOneDay(std::chrono::seconds lead, std::chrono::seconds span) {
  WallTime first = wholeSecondAfter(std::chrono::system_clock::now() + lead);
  if (localText(first, "%F") == localText(first + span, "%F")) return first;
  WallTime midnight = wholeSecondAfter(first + span);
  REQUIRE(waitFor([&] { return std::chrono::system_clock::now() > midnight - lead; }, span + 30s));
  return wholeSecondAfter(std::chrono::system_clock::now() + lead);
}

std::optional<std::size_t> firstWith(const std::vector<std::vector<float>>& blocks, double frequency) {
  for (std::size_t i = 0; i < blocks.size(); ++i)
    if (!blocks[i].empty() && tonePower(blocks[i].data(), blocks[i].size(), 48000, frequency) > 1e-4) return i;
  return std::nullopt;
}

DaemonStation::DaemonStation(int rtp_port) {
  writeFile(stationFile(), fmt::format(fmt::runtime(kStation), fmt::arg("port", rtp_port)));
  std::filesystem::create_directories(dataDir());
}

ProcessResult DaemonStation::cli(std::vector<std::string> args, std::chrono::milliseconds deadline) const {
  args.insert(args.begin(), {"--config", stationFile().string(), "--data-dir", dataDir().string()});
  return runCli(args, deadline);
}

ProcessResult DaemonStation::ok(const std::vector<std::string>& args) const {
  auto r = cli(args);
  INFO("wardcast " << Catch::Detail::stringify(args) << "\nstdout: " << r.out << "\nstderr: " << r.err);
  REQUIRE(r.exit_code == 0);
  return r;
}

DaemonStation::DaemonStation(const std::string& station_toml) {
  writeFile(stationFile(), station_toml);
  std::filesystem::create_directories(dataDir());
}

std::vector<std::string> DaemonStation::addTones(const std::vector<std::pair<int, double>>& tones) const {
  ok({"user", "add", "root", "--role", "admin"});
  ok({"--user", "root", "user", "add", "lan", "--role", "editor"});
  ok({"--user", "root", "user", "add", "hoa", "--role", "approver"});
  std::vector<std::string> ids;
  for (const auto& [frequency, seconds] : tones) {
    auto tone = file(fmt::format("tone{}-{}.wav", frequency, ids.size()));
    REQUIRE(run({"sox", "-n", "-r", "48000", "-c", "1", "-b", "16", tone.string(), "synth",
                 fmt::format("{}", seconds), "sine", std::to_string(frequency), "gain", "-10"})
                .exit_code == 0);
    ok({"--user", "lan", "bulletin", "add", "--topic", "thu", "--title", fmt::format("Tone {}", frequency), "--audio",
        tone.string()});
    ids.push_back("b" + std::to_string(ids.size() + 1));
    ok({"--user", "hoa", "approve", ids.back()});
  }
  return ids;
}

void DaemonStation::pin(const std::string& item, WallTime at, const std::string& target) const {
  ok({"pin", item, "--channel", target, "--at", localText(at)});
}

BackgroundProcess DaemonStation::startDaemon(std::chrono::milliseconds deadline) const {
  BackgroundProcess daemon({daemonPath().string(), "--config", stationFile().string(), "--data-dir",
                            dataDir().string()},
                           daemonLog());
  bool listening = waitFor([&] { return !daemon.running() || std::filesystem::exists(socket()); }, deadline);
  INFO("wardcastd log:\n" << daemon.log());
  REQUIRE(listening);
  REQUIRE(daemon.running());
  auto status = cli({"status"}, deadline);
  INFO("wardcast status: " << status.out << status.err);
  REQUIRE(status.exit_code == 0);
  return daemon;
}

}  // namespace wardcast::test
