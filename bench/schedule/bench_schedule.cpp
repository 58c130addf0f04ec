// bench_schedule: scheduled start accuracy (SPEC §7: "first RTP packet of an
// item within 20 ms of its planned time (p99), no drift over 24 h").
//
//   bench_schedule [--items N] [--spacing S] [--start EPOCH_S] [--tone FILE]
//                  [--peer-port P] [--forward] [--quiet]
//
// N items (default 100), a 1 s tone each, are planned S seconds apart
// (default 3) from EPOCH_S (a whole second, default: the first whole second
// at least 5 s from now), on one channel of the playout library
// (playout::ChannelPlayout on the decoding path, the code `wardcast play
// --date` and wardcastd use: its PlannedFeed hands each item to the program
// 3 s before its instant), to an rtp:// output on 127.0.0.1 at a free port.
// A receiver in the same process takes the RTP.
//
// Arrival times: the kernel's receive timestamp of each datagram
// (SO_TIMESTAMPNS, CLOCK_REALTIME), so that a busy io_context thread does
// not add to the figure. As a check, the receive handler's own time is kept
// too (steady clock at the handler, turned into wall-clock time with a
// steady/system offset read together, re-read every 500 ms); the summary
// prints how far the handler lagged behind the kernel.
//
// Which packet is the item's first: after the run, the whole stream is
// decoded in order by one Opus decoder (libavcodec), as a receiver would,
// and the first packet of an item is the first whose decoded block has a
// sample above -40 dBFS after a silent one (the program sends digital
// silence between items; the tone is at -6 dBFS). Payload size would mostly
// do too (libopus sends digital silence as 3-byte packets, a tone at 64
// kbit/s as 115-275 bytes), but it tells silence from sound only for
// digital silence, depends on the encoder's settings, and can pick the
// packet before the first one that sounds: the bench prints how often "the
// first packet over 16 bytes" agrees with the decoder (size_agrees; 100/100
// in one run, 0/4 in another: there a full-size packet that decodes to
// silence came first, probably the onset inside the encoder's look-ahead).
//
// --forward also runs a second channel on the forwarding path in the same
// process, on the same instants, through the same ChannelPlayout: the tone
// rendered once into an air rendition (on the first item's lead), sent to
// its own rtp:// output and receiver ("wardcast-forward").
//
// --peer-port P also listens on 127.0.0.1:P for Liquidsoap's output.udp with
// %wav(header=false): raw S16LE stereo 48 kHz, one datagram per 40 ms frame;
// an item's first datagram is the first with a sample above -40 dBFS after a
// silent one. run.sh starts Liquidsoap on the same instants.
//
// Per item: error = first tone packet's arrival - planned instant. Summary
// per source: p50 (signed), p99 and max of |error| (nearest rank), the
// drift (least-squares slope of error against time, ms per hour, and
// extrapolated to 24 h) and the items missed (no tone within ±S/2).
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include <fmt/format.h>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/udp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/system_timer.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <functional>
#include <iostream>
#include <list>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "bench/support/rtp_capture.hpp"
#include "scheduler/playout/channel_playout.hpp"
#include "util/wall_clock.hpp"

namespace asio = boost::asio;
using namespace wardcast;
using namespace std::chrono_literals;
using WallTime = std::chrono::system_clock::time_point;
using SteadyTime = std::chrono::steady_clock::time_point;

namespace {

constexpr double kToneThreshold = 0.01;           // -40 dBFS, linear peak
constexpr std::size_t kSilenceBytes = 16;         // payloads up to this size: silence (size check only)

struct Options {
  int items = 100;
  int spacing_s = 3;
  long start_epoch_s = 0;  // 0: now + 5 s, rounded up
  std::string tone;        // empty: generated with sox in a temporary folder
  int peer_port = 0;       // 0: no peer
  bool quiet = false;      // no per-item lines
  bool forward = false;    // also the forwarding path (ForwardProgram)
};

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw std::runtime_error("missing value after " + a);
      return argv[++i];
    };
    if (a == "--items") o.items = std::stoi(value());
    else if (a == "--spacing") o.spacing_s = std::stoi(value());
    else if (a == "--start") o.start_epoch_s = std::stol(value());
    else if (a == "--tone") o.tone = value();
    else if (a == "--peer-port") o.peer_port = std::stoi(value());
    else if (a == "--quiet") o.quiet = true;
    else if (a == "--forward") o.forward = true;
    else throw std::runtime_error("unknown option " + a);
  }
  if (o.items < 1 || o.spacing_s < 2) throw std::runtime_error("--items >= 1 and --spacing >= 2 s");
  return o;
}

// Pairs of (steady, system) clock readings taken together: the pair with the
// shortest gap of a few tries, its system reading taken at the midpoint.
class ClockMap {
 public:
  void sample() {
    std::optional<std::pair<SteadyTime, WallTime>> best;
    std::chrono::nanoseconds best_gap = std::chrono::hours(1);
    for (int i = 0; i < 5; ++i) {
      auto s0 = std::chrono::steady_clock::now();
      auto w = std::chrono::system_clock::now();
      auto s1 = std::chrono::steady_clock::now();
      if (s1 - s0 < best_gap) best_gap = s1 - s0, best = {s0 + (s1 - s0) / 2, w};
    }
    pairs_.push_back(*best);
  }
  // Wall-clock time of a steady instant, by the latest pair read before it.
  WallTime toWall(SteadyTime t) const {
    auto it = std::upper_bound(pairs_.begin(), pairs_.end(), t,
                               [](SteadyTime v, const auto& p) { return v < p.first; });
    const auto& p = it == pairs_.begin() ? *it : *std::prev(it);
    return p.second + std::chrono::duration_cast<std::chrono::system_clock::duration>(t - p.first);
  }
  // How far system - steady moved between the first and last pair (µs).
  double offsetChangeUs() const {
    auto off = [](const auto& p) { return p.second.time_since_epoch() - p.first.time_since_epoch(); };
    return std::chrono::duration<double, std::micro>(off(pairs_.back()) - off(pairs_.front())).count();
  }

 private:
  std::vector<std::pair<SteadyTime, WallTime>> pairs_;
};

using bench::Datagram;
using bench::Receiver;

// One received unit of audio: when it arrived and its loudest sample.
struct Block {
  WallTime kernel;
  WallTime handler;
  double peak = 0;
  std::size_t payload_bytes = 0;
};

// The RTP stream's packets decoded in order by one Opus decoder, with the
// handler's time on the wall clock.
std::vector<Block> decodeRtpOpus(const std::vector<Datagram>& datagrams, const ClockMap& clocks) {
  std::vector<Block> blocks;
  for (const auto& b : bench::decodeRtpOpus(datagrams))
    blocks.push_back(Block{b.kernel, clocks.toWall(b.handler), b.peak, b.payload_bytes});
  return blocks;
}

// Liquidsoap's output.udp with %wav(header=false): raw S16LE in each datagram.
std::vector<Block> decodePcm(const std::vector<Datagram>& datagrams, const ClockMap& clocks) {
  std::vector<Block> blocks;
  for (const auto& d : datagrams) {
    Block block{d.kernel, clocks.toWall(d.handler), 0, d.bytes.size()};
    for (std::size_t i = 0; i + 1 < d.bytes.size(); i += 2) {
      auto v = std::int16_t(std::uint16_t(d.bytes[i] | d.bytes[i + 1] << 8));
      block.peak = std::max(block.peak, std::abs(double(v)) / 32768.0);
    }
    blocks.push_back(block);
  }
  return blocks;
}

double ms(std::chrono::system_clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

std::string clockText(WallTime t) {
  auto tt = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  localtime_r(&tt, &tm);
  auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count() % 1000;
  return fmt::format("{:02}:{:02}:{:02}.{:03}", tm.tm_hour, tm.tm_min, tm.tm_sec, millis);
}

using bench::firstOnset;

// Least-squares slope of y against x and its standard error.
struct Slope {
  double value = 0;
  double standard_error = 0;
};

Slope fitSlope(const std::vector<double>& x, const std::vector<double>& y) {
  double n = double(x.size()), mx = 0, my = 0, sxx = 0, sxy = 0;
  for (std::size_t i = 0; i < x.size(); ++i) mx += x[i] / n, my += y[i] / n;
  for (std::size_t i = 0; i < x.size(); ++i) sxx += (x[i] - mx) * (x[i] - mx), sxy += (x[i] - mx) * (y[i] - my);
  if (x.size() < 3 || sxx <= 0) return {};
  double slope = sxy / sxx, residuals = 0;
  for (std::size_t i = 0; i < x.size(); ++i) residuals += std::pow(y[i] - my - slope * (x[i] - mx), 2);
  return {slope, std::sqrt(residuals / (n - 2) / sxx)};
}

using bench::rank;

enum class SizeCheck { kOpus = 1, kNone };

// Matches each planned instant with the first tone block after a silent one
// within ±spacing/2; prints per item (unless quiet) and the summary line.
// The drift's standard error is printed beside it: over a few minutes, a
// few ms of jitter per item allow several ms per hour of apparent slope.
void report(const std::string& name, const std::vector<Block>& blocks, const std::vector<WallTime>& planned,
            const Options& options, SizeCheck size_check, const std::string& extra) {
  std::vector<double> errors, hours, handler_lag;
  int missed = 0, size_agrees = 0;
  auto half = std::chrono::milliseconds(options.spacing_s * 500);
  for (std::size_t i = 0; i < planned.size(); ++i) {
    auto from = planned[i] - half, to = planned[i] + half;
    auto first = firstOnset(blocks, from, to, [](const Block& b) { return b.peak > kToneThreshold; });
    if (!first) {
      ++missed;
      if (!options.quiet) std::cout << fmt::format("{} item {:3} planned {} missed\n", name, i, clockText(planned[i]));
      continue;
    }
    if (size_check == SizeCheck::kOpus)
      size_agrees += firstOnset(blocks, from, to, [](const Block& b) { return b.payload_bytes > kSilenceBytes; }) == first;
    errors.push_back(ms(blocks[*first].kernel - planned[i]));
    hours.push_back(std::chrono::duration<double, std::ratio<3600>>(planned[i] - planned[0]).count());
    handler_lag.push_back(ms(blocks[*first].handler - blocks[*first].kernel));
    if (!options.quiet)
      std::cout << fmt::format("{} item {:3} planned {} first tone packet {:+8.2f} ms (handler {:+.2f} ms)\n", name,
                               i, clockText(planned[i]), errors.back(), handler_lag.back());
  }
  if (errors.empty()) {
    std::cout << fmt::format("{}: items={} missed={} (no tone found)\n", name, planned.size(), missed);
    return;
  }
  Slope drift = fitSlope(hours, errors);  // ms per hour
  std::vector<double> sorted = errors, abs_sorted;
  for (double e : errors) abs_sorted.push_back(std::fabs(e));
  std::sort(sorted.begin(), sorted.end());
  std::sort(abs_sorted.begin(), abs_sorted.end());
  std::sort(handler_lag.begin(), handler_lag.end());
  std::cout << fmt::format(
      "{}: items={} missed={} p50_ms={:+.2f} p99_abs_ms={:.2f} max_abs_ms={:.2f} min_ms={:+.2f} "
      "drift_ms_per_h={:+.2f} (se {:.2f}) drift_24h_ms={:+.1f} handler_lag_p50_ms={:.2f} handler_lag_max_ms={:.2f} "
      "{}{}\n",
      name, planned.size(), missed, rank(sorted, 0.5), rank(abs_sorted, 0.99), abs_sorted.back(), sorted.front(),
      drift.value, drift.standard_error, drift.value * 24, rank(handler_lag, 0.5), handler_lag.back(),
      size_check == SizeCheck::kOpus ? fmt::format("size_agrees={}/{}", size_agrees, errors.size()) : "", extra);
}

std::string run(const std::vector<std::string>& argv) {
  std::string command;
  for (const auto& a : argv) command += "'" + a + "' ";
  if (std::system(command.c_str()) != 0) throw std::runtime_error("failed: " + command);
  return command;
}

struct TempDir {
  std::filesystem::path path;
  ~TempDir() {
    std::error_code ec;
    if (!path.empty()) std::filesystem::remove_all(path, ec);
  }
};

// The tone both sides play: --tone, or a 1 s 440 Hz tone at -6 dBFS, 48 kHz
// stereo, made with sox in `temp` (made in any case).
std::string toneFile(const Options& options, TempDir& temp) {
  std::string pattern = (std::filesystem::temp_directory_path() / "bench_schedule.XXXXXX").string();
  if (!mkdtemp(pattern.data())) throw std::runtime_error("cannot make a temporary folder");
  temp.path = pattern;  // also the forwarding path's rendition cache
  if (!options.tone.empty()) return options.tone;
  std::string tone = (temp.path / "tone.wav").string();
  run({"sox", "-n", "-r", "48000", "-c", "2", "-b", "16", tone, "synth", "1", "sine", "440", "gain", "-6"});
  return tone;
}

std::vector<WallTime> plannedInstants(const Options& options) {
  WallTime first = options.start_epoch_s > 0 ? WallTime(std::chrono::seconds(options.start_epoch_s))
                                             : std::chrono::ceil<std::chrono::seconds>(std::chrono::system_clock::now() + 5s);
  std::vector<WallTime> planned;
  for (int i = 0; i < options.items; ++i) planned.push_back(first + std::chrono::seconds(options.spacing_s) * i);
  return planned;
}

// One channel of a station, on the playout library's ChannelPlayout (the
// code `wardcast play --date` and wardcastd put a channel on air with): its
// planned feed hands each item to the program PlannedFeed::kPrepareLead
// before its instant. `path` picks the decoding path or the forwarding path
// (the tone rendered once to an air rendition under `data_dir`, on the
// first item's lead). Runs on the io_context's thread.
class ScheduledChannel {
 public:
  ScheduledChannel(asio::io_context& io, const std::string& name, int rtp_port, const std::filesystem::path& data_dir,
                   playout::ProgramPath path)
      : name_(name) {
    config_.station.data_dir = data_dir;
    Channel channel;
    channel.id = name;
    channel.outputs = {fmt::format("rtp://127.0.0.1:{}?codec=opus", rtp_port)};
    config_.channels.push_back(channel);
    playout::PlayoutSettings settings;
    settings.path = path;
    settings.when_done = playout::WhenDone::kStayOnAir;
    auto created = playout::ChannelPlayout::create(io.get_executor(), config_, config_.channels.back(), clock_, settings);
    if (!created) throw std::runtime_error(created.error().message);
    playout_ = std::move(*created);
    playout_->setEventHandler([this](const playout::PlayoutEvent& event) {
      using K = playout::PlayoutEvent::Kind;
      if (event.kind == K::kItemStarted) reported_[event.item_id] = clock_.toSystem(event.at);
      if (event.kind == K::kItemFailed || event.kind == K::kError) {
        ++failures_;
        std::cerr << "bench_schedule: " << name_ << " " << event.item_id << ": " << event.message << "\n";
      }
    });
    if (auto started = playout_->start(); !started) throw std::runtime_error(started.error().message);
  }

  // Plans the tone at every instant.
  void schedule(const std::vector<WallTime>& planned, const std::string& tone) {
    std::vector<playout::PlayoutEntry> entries;
    for (std::size_t i = 0; i < planned.size(); ++i)
      entries.push_back(playout::PlayoutEntry{std::chrono::time_point_cast<std::chrono::milliseconds>(planned[i]),
                                              media::ProgramItem{fmt::format("t{}", i), tone, {}}, std::nullopt});
    playout_->schedule(std::move(entries), {});
  }
  void stop() { playout_->stop(); }
  long failures() const { return failures_; }
  std::string path() const { return playout_->path(); }
  // What the playout itself says (kItemStarted's instant - planned),
  // lowest and highest, in ms: " self_reported_ms=LO..HI".
  std::string selfReported(const std::vector<WallTime>& planned) const {
    std::vector<double> self;
    for (std::size_t i = 0; i < planned.size(); ++i)
      if (auto it = reported_.find(fmt::format("t{}", i)); it != reported_.end())
        self.push_back(ms(it->second - planned[i]));
    if (self.empty()) return {};
    auto [lo, hi] = std::minmax_element(self.begin(), self.end());
    return fmt::format(" self_reported_ms={:+.2f}..{:+.2f}", *lo, *hi);
  }

 private:
  std::string name_;
  WallClock clock_;  // the system clock
  StationConfig config_;
  std::unique_ptr<playout::ChannelPlayout> playout_;
  std::map<std::string, WallTime> reported_;
  long failures_ = 0;
};

// "N1xB1,N2xB2,...": how many packets had each payload size.
std::string payloadSizes(const std::vector<Block>& blocks) {
  std::map<std::size_t, long> sizes;
  for (const auto& b : blocks) ++sizes[b.payload_bytes];
  std::string text;
  for (const auto& [bytes, count] : sizes) text += fmt::format("{}{}x{}", text.empty() ? "" : ",", count, bytes);
  return text;
}

int benchMain(const Options& options) {
  TempDir temp;
  std::string tone = toneFile(options, temp);
  asio::io_context io;
  auto work = asio::make_work_guard(io);
  ClockMap clocks;
  clocks.sample();
  Receiver rtp(io, 0);
  std::unique_ptr<Receiver> peer;
  if (options.peer_port > 0) peer = std::make_unique<Receiver>(io, options.peer_port);
  ScheduledChannel program(io, "bench", rtp.port(), temp.path / "data", playout::ProgramPath::kDecode);
  std::unique_ptr<Receiver> forward_rtp;
  std::unique_ptr<ScheduledChannel> forward;
  if (options.forward) {
    forward_rtp = std::make_unique<Receiver>(io, 0);
    forward = std::make_unique<ScheduledChannel>(io, "bench-forward", forward_rtp->port(), temp.path / "data",
                                                 playout::ProgramPath::kCheapest);
  }
  auto planned = plannedInstants(options);
  if (forward) forward->schedule(planned, tone);
  program.schedule(planned, tone);
  asio::system_timer end(io, planned.back() + std::chrono::seconds(options.spacing_s));
  end.async_wait([&](boost::system::error_code) {
    program.stop();
    if (forward) forward->stop();
    io.stop();
  });
  asio::steady_timer resample(io);
  std::function<void()> every = [&] {
    clocks.sample();
    resample.expires_after(500ms);
    resample.async_wait([&](boost::system::error_code ec) {
      if (!ec) every();
    });
  };
  every();
  std::cout << fmt::format("planned {} items every {} s from {} (rtp port {}{})", options.items, options.spacing_s,
                           clockText(planned.front()), rtp.port(),
                           peer ? fmt::format(", peer port {}", options.peer_port) : std::string())
            << std::endl;
  io.run();
  clocks.sample();

  auto blocks = decodeRtpOpus(rtp.datagrams(), clocks);
  report("wardcast", blocks, planned, options, SizeCheck::kOpus,
         fmt::format(" packets={} payload_sizes={} failures={} clock_offset_change_us={:.0f}{}", blocks.size(),
                     payloadSizes(blocks), program.failures(), clocks.offsetChangeUs(), program.selfReported(planned)));
  long failures = program.failures();
  if (forward) {
    auto forwarded = decodeRtpOpus(forward_rtp->datagrams(), clocks);
    report("wardcast-forward", forwarded, planned, options, SizeCheck::kOpus,
           fmt::format(" packets={} failures={} path=\"{}\"", forwarded.size(), forward->failures(), forward->path()));
    failures += forward->failures();
  }
  if (peer)
    report("liquidsoap", decodePcm(peer->datagrams(), clocks), planned, options, SizeCheck::kNone,
           fmt::format("datagrams={}", peer->datagrams().size()));
  return failures == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) try {
  return benchMain(parse(argc, argv));
} catch (const std::exception& e) {
  std::cerr << "bench_schedule: " << e.what() << "\n";
  return 1;
}
