// bench_daemon: wardcastd itself on many channels (issue 10's benchmark;
// SPEC §7). Not a harness around the playout library: the real daemon
// process, fed by the real `wardcast` command, on a real store.
//
//   bench_daemon [--channels N] [--group-size G] [--rounds R] [--spacing S]
//                [--kills K] [--wardcast PATH] [--wardcastd PATH]
//
// A station of N loudspeaker channels (default 100), each with one
// rtp://127.0.0.1:PORT?codec=opus output (the forwarding path), in groups of
// G (default 10). One 1 s tone bulletin is pinned on every group R times
// (default 5), S seconds apart (default 3): N x R starts, every channel
// starting at the same instants, as a ward's 06:00 programme does. The bench
// receives every stream on loopback (kernel receive stamps) and decodes it
// in order (bench/support/rtp_capture): an item's first packet is the first
// that sounds after a silent one.
//
// Figures, one line:
//   start_error_ms   first sounding packet - planned instant, over every
//                    start: p50 (signed), p99 and max of |error|;
//   group_spread_ms  per group and round, latest - earliest member's first
//                    packet: p99 and max (target: 5 ms);
//   cpu_core_pct     the daemon's user+system time over the rounds, as a
//                    share of one core; rss_mb, hwm_mb from /proc at the end
//                    (target: 150 MB at 100 channels);
//   restart_ms       K times (default 1): kill -9, start again at once,
//                    until the first packet of every channel (target: 2 s).
// run.sh runs it beside Liquidsoap with 20 and 50 programmes in one process.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <boost/asio/io_context.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "bench/support/rtp_capture.hpp"

extern char** environ;

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using wardcast::bench::Receiver;
using wardcast::bench::WallTime;

namespace {

// -60 dBFS, linear peak. Between items the program sends digital silence,
// which decodes to exact zeros; the item's first packet decodes quieter
// than the rest (0.0076 where the tone is at 0.17: the decoder's overlap
// from silence), so bench_schedule's -40 dBFS would take the second packet
// for the first and add 20 ms.
constexpr double kToneThreshold = 0.001;

struct Options {
  int channels = 100;
  int group_size = 10;
  int rounds = 5;
  int spacing_s = 3;
  int kills = 1;
  std::string wardcast = WARDCAST_CLI_PATH;
  std::string wardcastd = WARDCASTD_PATH;
};

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw std::runtime_error("missing value after " + a);
      return argv[++i];
    };
    if (a == "--channels") o.channels = std::stoi(value());
    else if (a == "--group-size") o.group_size = std::stoi(value());
    else if (a == "--rounds") o.rounds = std::stoi(value());
    else if (a == "--spacing") o.spacing_s = std::stoi(value());
    else if (a == "--kills") o.kills = std::stoi(value());
    else if (a == "--wardcast") o.wardcast = value();
    else if (a == "--wardcastd") o.wardcastd = value();
    else throw std::runtime_error("unknown option " + a);
  }
  if (o.channels < 1 || o.group_size < 1 || o.rounds < 1 || o.spacing_s < 2 || o.kills < 0)
    throw std::runtime_error("--channels, --group-size, --rounds >= 1, --spacing >= 2, --kills >= 0");
  return o;
}

std::string quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

void runOrThrow(const std::vector<std::string>& argv, const fs::path& log) {
  std::string command;
  for (const auto& a : argv) command += quote(a) + " ";
  command += ">> " + quote(log.string()) + " 2>&1";
  if (std::system(command.c_str()) != 0)
    throw std::runtime_error("failed (see " + log.string() + "): " + command);
}

// The station's clock is UTC, so pin --at is the UTC time of day.
std::string utcText(WallTime t) {
  std::time_t seconds = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &tm);
  return text;
}

double ms(std::chrono::system_clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

// wardcastd as a child process in its own process group.
class Daemon {
 public:
  Daemon(const Options& o, const fs::path& station, const fs::path& data, const fs::path& log) {
    std::vector<std::string> args{o.wardcastd, "--config", station.string(), "--data-dir", data.string()};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t files;
    posix_spawn_file_actions_init(&files);
    posix_spawn_file_actions_addopen(&files, 1, log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    posix_spawn_file_actions_adddup2(&files, 1, 2);
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
    if (posix_spawn(&pid_, argv[0], &files, &attr, argv.data(), environ) != 0)
      throw std::runtime_error("cannot start " + o.wardcastd);
    posix_spawn_file_actions_destroy(&files);
    posix_spawnattr_destroy(&attr);
  }
  ~Daemon() { signal(SIGKILL); }
  pid_t pid() const { return pid_; }
  bool running() { return pid_ > 0 && ::waitpid(pid_, nullptr, WNOHANG) == 0; }
  void signal(int sig) {
    if (pid_ <= 0) return;
    ::kill(pid_, sig);
    if (sig == SIGKILL || sig == SIGTERM) {
      ::waitpid(pid_, nullptr, 0);
      pid_ = -1;
    }
  }
  // user+system seconds, from /proc/PID/stat.
  double cpuSeconds() const {
    std::ifstream in(fmt::format("/proc/{}/stat", pid_));
    std::string text((std::istreambuf_iterator<char>(in)), {});
    std::istringstream fields(text.substr(text.rfind(')') + 2));
    std::vector<std::string> f{std::istream_iterator<std::string>(fields), {}};
    return (std::stod(f.at(11)) + std::stod(f.at(12))) / double(::sysconf(_SC_CLK_TCK));
  }
  // A /proc/PID/status line's value in MB ("VmRSS", "VmHWM").
  double memoryMb(const std::string& key) const {
    std::ifstream in(fmt::format("/proc/{}/status", pid_));
    for (std::string line; std::getline(in, line);)
      if (line.rfind(key + ":", 0) == 0) return std::stod(line.substr(key.size() + 1)) / 1024.0;
    return 0;
  }

 private:
  pid_t pid_ = -1;
};

// Runs the receivers' loop until `done` holds or `deadline` passes.
template <typename Done>
bool runUntil(boost::asio::io_context& io, Done done, std::chrono::steady_clock::duration deadline) {
  auto until = std::chrono::steady_clock::now() + deadline;
  while (!done()) {
    if (std::chrono::steady_clock::now() > until) return false;
    io.run_for(5ms);
  }
  return true;
}

struct Percentiles {
  double p50 = 0, p99 = 0, max = 0;
};

Percentiles of(std::vector<double> values, bool absolute_tail) {
  if (values.empty()) return {};
  std::sort(values.begin(), values.end());
  Percentiles p;
  p.p50 = wardcast::bench::rank(values, 0.5);
  if (absolute_tail)
    for (auto& v : values) v = std::fabs(v);
  std::sort(values.begin(), values.end());
  p.p99 = wardcast::bench::rank(values, 0.99);
  p.max = values.back();
  return p;
}

int benchMain(const Options& o) {
  char pattern[] = "/tmp/bench-daemon.XXXXXX";
  if (!::mkdtemp(pattern)) throw std::runtime_error("mkdtemp failed");
  fs::path dir = pattern;
  fs::path data = dir / "data";
  fs::path log = dir / "commands.log";
  fs::create_directories(data);

  boost::asio::io_context io;
  std::vector<std::unique_ptr<Receiver>> receivers;
  std::string station = R"(
[station]
name = "bench"
timezone = "Etc/UTC"
data_dir = "data"

[[window]]
id = "allday"
start = "00:00"
end = "23:59"
)";
  for (int c = 0; c < o.channels; ++c) {
    receivers.push_back(std::make_unique<Receiver>(io, 0));
    station += fmt::format(
        "\n[[channel]]\nid = \"c{:04}\"\nname = \"c{:04}\"\nkind = \"loudspeaker\"\ngroups = [\"g{:03}\"]\n"
        "windows = [\"allday\"]\noutputs = [\"rtp://127.0.0.1:{}?codec=opus\"]\n",
        c, c, c / o.group_size, receivers.back()->port());
  }
  fs::path station_file = dir / "station.toml";
  std::ofstream(station_file) << station;
  int groups = (o.channels + o.group_size - 1) / o.group_size;

  auto cli = [&](std::vector<std::string> args) {
    args.insert(args.begin(), {o.wardcast, "--config", station_file.string(), "--data-dir", data.string()});
    runOrThrow(args, log);
  };
  fs::path tone = dir / "tone.wav";
  runOrThrow({"sox", "-n", "-r", "48000", "-c", "1", "-b", "16", tone.string(), "synth", "1", "sine", "440", "gain",
              "-6"},
             log);
  cli({"user", "add", "root", "--role", "admin"});
  cli({"--user", "root", "user", "add", "lan", "--role", "editor"});
  cli({"--user", "root", "user", "add", "hoa", "--role", "approver"});
  cli({"--user", "lan", "bulletin", "add", "--topic", "bench", "--title", "tone", "--audio", tone.string()});
  cli({"--user", "hoa", "approve", "b1"});

  // The instants: far enough ahead for every pin and the daemon's start.
  auto pin_started = std::chrono::system_clock::now();
  WallTime first = std::chrono::ceil<std::chrono::seconds>(pin_started + 20s + groups * o.rounds * 150ms);
  std::vector<WallTime> planned;
  for (int r = 0; r < o.rounds; ++r) planned.push_back(first + std::chrono::seconds(r * o.spacing_s));
  if (utcText(planned.front()).substr(0, 10) != utcText(planned.back() + 10s).substr(0, 10))
    throw std::runtime_error("the rounds would cross midnight UTC: run again in a minute");
  for (WallTime at : planned)
    for (int g = 0; g < groups; ++g)
      cli({"--user", "root", "pin", "b1", "--channel", fmt::format("group:g{:03}", g), "--at", utcText(at)});
  if (std::chrono::system_clock::now() > first - 8s)
    throw std::runtime_error("pinning took too long for the planned instants");

  fs::path daemon_log = dir / "wardcastd.log";
  auto start = std::chrono::steady_clock::now();
  auto daemon = std::make_unique<Daemon>(o, station_file, data, daemon_log);
  fs::path socket = data / "wardcastd.sock";
  if (!runUntil(io, [&] { return fs::exists(socket) || !daemon->running(); }, 60s) || !daemon->running())
    throw std::runtime_error("wardcastd did not come up; see " + daemon_log.string());
  double socket_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();

  // CPU over the rounds, from the first planned instant's lead.
  runUntil(io, [&] { return std::chrono::system_clock::now() >= first - 4s; }, 120s);
  double cpu0 = daemon->cpuSeconds();
  auto cpu_from = std::chrono::steady_clock::now();
  runUntil(io, [&] { return std::chrono::system_clock::now() >= planned.back() + std::chrono::seconds(o.spacing_s); },
           600s);
  double cpu_s = daemon->cpuSeconds() - cpu0;
  double cpu_wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - cpu_from).count();
  double rss = daemon->memoryMb("VmRSS"), hwm = daemon->memoryMb("VmHWM");

  // Starts and group spread.
  std::vector<double> errors, spreads;
  std::vector<double> round_worst(o.rounds, 0.0);  // max |error| per round
  int missed = 0;
  std::vector<std::vector<std::optional<WallTime>>> onset(o.channels, std::vector<std::optional<WallTime>>(o.rounds));
  for (int c = 0; c < o.channels; ++c) {
    auto blocks = wardcast::bench::decodeRtpOpus(receivers[c]->datagrams());
    for (int r = 0; r < o.rounds; ++r) {
      auto half = std::chrono::milliseconds(o.spacing_s * 500);
      auto k = wardcast::bench::firstOnset(blocks, planned[r] - half, planned[r] + half,
                                           [](const auto& b) { return b.peak > kToneThreshold; });
      if (!k) {
        ++missed;
        continue;
      }
      onset[c][r] = blocks[*k].kernel;
      errors.push_back(ms(blocks[*k].kernel - planned[r]));
      round_worst[r] = std::max(round_worst[r], std::fabs(errors.back()));
    }
  }
  for (int g = 0; g < groups; ++g)
    for (int r = 0; r < o.rounds; ++r) {
      std::optional<WallTime> lo, hi;
      for (int c = g * o.group_size; c < std::min(o.channels, (g + 1) * o.group_size); ++c)
        if (onset[c][r]) {
          lo = lo ? std::min(*lo, *onset[c][r]) : *onset[c][r];
          hi = hi ? std::max(*hi, *onset[c][r]) : *onset[c][r];
        }
      if (lo) spreads.push_back(ms(*hi - *lo));
    }

  // kill -9, then at once a new daemon: until every channel sends again.
  std::vector<double> restarts;
  for (int k = 0; k < o.kills; ++k) {
    daemon->signal(SIGKILL);
    auto killed = std::chrono::system_clock::now();
    daemon = std::make_unique<Daemon>(o, station_file, data, daemon_log);
    // A channel is back with its first datagram stamped after the kill
    // (those still queued from before it do not count).
    auto firstAfterKill = [&](int c) -> std::optional<WallTime> {
      for (const auto& d : receivers[c]->datagrams())
        if (d.kernel > killed) return d.kernel;
      return std::nullopt;
    };
    bool back = runUntil(
        io,
        [&] {
          for (int c = 0; c < o.channels; ++c)
            if (!firstAfterKill(c)) return false;
          return true;
        },
        30s);
    if (!back) throw std::runtime_error("after kill -9, not every channel was back within 30 s");
    WallTime last{};
    for (int c = 0; c < o.channels; ++c) last = std::max(last, *firstAfterKill(c));
    restarts.push_back(ms(last - killed));
  }
  daemon->signal(SIGTERM);

  auto e = of(errors, true);
  auto s = of(spreads, false);
  auto rs = of(restarts, false);
  std::cout << fmt::format(
                   "wardcastd channels={} groups={} starts={} missed={} start_error_ms p50={:+.1f} p99={:.1f} "
                   "max={:.1f} group_spread_ms p99={:.1f} max={:.1f} cpu_core_pct={:.1f} rss_mb={:.1f} "
                   "hwm_mb={:.1f} socket_ms={:.0f} restart_ms p50={:.0f} max={:.0f} (kills={}) "
                   "worst_ms_per_round={}",
                   o.channels, groups, errors.size(), missed, e.p50, e.p99, e.max, s.p99, s.max,
                   100.0 * cpu_s / cpu_wall, rss, hwm, socket_ms, rs.p50, rs.max, restarts.size(),
                   fmt::format("{:.0f}", fmt::join(round_worst, ",")))
            << std::endl;
  fs::remove_all(dir);
  return missed == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) try {
  return benchMain(parse(argc, argv));
} catch (const std::exception& e) {
  std::cerr << "bench_daemon: " << e.what() << "\n";
  return 1;
}
