#pragma once
// A station for the daemon tests: a station file with one loudspeaker
// channel "ward" sending RTP/Opus to a loopback port (the forwarding path)
// and a window all day, its own data directory, the staff (lan writes, hoa
// approves), tone bulletins, and wardcastd started as a real process.
#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "tests/support/background_process.hpp"
#include "tests/support/test_support.hpp"

namespace wardcast::test {

using WallTime = std::chrono::system_clock::time_point;

class DaemonStation {
 public:
  explicit DaemonStation(int rtp_port);
  // A station of the test's own: `station_toml` is the whole station file
  // (data_dir = "data").
  explicit DaemonStation(const std::string& station_toml);

  std::filesystem::path file(const std::string& name) const { return dir_ / name; }
  std::filesystem::path stationFile() const { return dir_ / "station.toml"; }
  std::filesystem::path dataDir() const { return dir_ / "data"; }
  std::filesystem::path socket() const { return dataDir() / "wardcastd.sock"; }

  ProcessResult cli(std::vector<std::string> args, std::chrono::milliseconds deadline = std::chrono::seconds(60)) const;
  // Runs the command and REQUIREs exit code 0.
  ProcessResult ok(const std::vector<std::string>& args) const;

  // Users, and an approved bulletin of `seconds` of `frequency` Hz per
  // entry; returns their ids in order (b1, b2, ...).
  std::vector<std::string> addTones(const std::vector<std::pair<int, double>>& tones) const;
  // Pins `item` on `target` ("ward" unless given: a channel, group:NAME or
  // kind:KIND) at `at` (whole seconds, station time).
  void pin(const std::string& item, WallTime at, const std::string& target = "ward") const;

  // Starts wardcastd; waits until its socket answers (`wardcast status`
  // exits 0) and REQUIREs that it does within the deadline.
  BackgroundProcess startDaemon(std::chrono::milliseconds deadline = std::chrono::seconds(20)) const;
  std::filesystem::path daemonLog() const { return dir_ / "wardcastd.log"; }

 private:
  TempDir dir_;
};

std::filesystem::path daemonPath();
// "2026-11-25T13:30:05" in the station's zone (UTC+7, no DST), whole seconds.
std::string localText(WallTime t, const char* format = "%Y-%m-%dT%H:%M:%S");
WallTime wholeSecondAfter(WallTime t);
// "2026-11-25T13:30:05.012+07:00" (the as-run and status times) back to an
// instant; REQUIREs the shape.
WallTime parseLocal(const std::string& iso);
// A start `lead` ahead whose next `span` stays on the same local day.
WallTime aheadOnOneDay(std::chrono::seconds lead, std::chrono::seconds span);
// The first decoded RTP block (48 kHz mono) that carries `frequency`.
std::optional<std::size_t> firstWith(const std::vector<std::vector<float>>& blocks, double frequency);

}  // namespace wardcast::test
