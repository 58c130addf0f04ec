// bench_playout: N distinct loudspeaker programs on one io_context for a
// fixed wall time. Prints CPU seconds (user+system, whole process), CPU
// seconds per hour of audio per program, resident memory, and for RTP
// outputs the packets received on loopback and how many were late.
//
//   bench_playout --programs N --seconds T --file F --output TEMPLATE
// TEMPLATE is an output URI; "{port}" becomes a free UDP port per program
// (RTP) and "{n}" the program's number (Icecast mounts, files).
// A packet is late when it arrives more than 40 ms after its RTP timestamp
// says it should (relative to the stream's first packet).
#include <sys/resource.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/udp.hpp>
#include <fmt/format.h>

#include <array>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <string>

#include "media/loudspeaker_program.hpp"

namespace asio = boost::asio;
using namespace wardcast;
using namespace std::chrono_literals;

namespace {

struct Options {
  int programs = 1;
  int seconds = 30;
  std::string file;
  std::string output = "rtp://127.0.0.1:{port}?codec=opus";
};

class Receiver {
 public:
  Receiver(asio::io_context& io) : socket_(io, asio::ip::udp::endpoint(asio::ip::make_address("127.0.0.1"), 0)) {
    receive();
  }
  int port() const { return socket_.local_endpoint().port(); }
  long packets = 0, late = 0;
  double worst_ms = 0;

 private:
  void receive() {
    socket_.async_receive(asio::buffer(buffer_), [this](boost::system::error_code ec, std::size_t n) {
      if (ec) return;
      if (n >= 12) onPacket();
      receive();
    });
  }
  void onPacket() {
    auto now = std::chrono::steady_clock::now();
    std::uint32_t ts = std::uint32_t(buffer_[4]) << 24 | std::uint32_t(buffer_[5]) << 16 |
                       std::uint32_t(buffer_[6]) << 8 | buffer_[7];
    ++packets;
    if (packets == 1) {
      first_arrival_ = now;
      first_ts_ = ts;
      return;
    }
    double due_ms = double(std::uint32_t(ts - first_ts_)) / 48.0;
    double at_ms = std::chrono::duration<double, std::milli>(now - first_arrival_).count();
    double lateness = at_ms - due_ms;
    worst_ms = std::max(worst_ms, lateness);
    if (lateness > 40.0) ++late;
  }
  asio::ip::udp::socket socket_;
  std::array<std::uint8_t, 2048> buffer_{};
  std::chrono::steady_clock::time_point first_arrival_;
  std::uint32_t first_ts_ = 0;
};

double cpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
         double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

long rssKb() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  return 0;
}

std::string expand(std::string text, const std::string& key, const std::string& value) {
  for (auto at = text.find(key); at != std::string::npos; at = text.find(key)) text.replace(at, key.size(), value);
  return text;
}

Options parse(int argc, char** argv) {
  Options options;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string key = argv[i], value = argv[i + 1];
    if (key == "--programs") options.programs = std::stoi(value);
    else if (key == "--seconds") options.seconds = std::stoi(value);
    else if (key == "--file") options.file = value;
    else if (key == "--output") options.output = value;
  }
  if (options.file.empty()) throw std::runtime_error("--file is required");
  return options;
}

}  // namespace

int main(int argc, char** argv) try {
  Options options = parse(argc, argv);
  asio::io_context io;
  auto work = asio::make_work_guard(io);  // run_for() lasts the full time even when idle
  std::vector<std::unique_ptr<Receiver>> receivers;
  std::vector<std::unique_ptr<media::LoudspeakerProgram>> programs;
  long errors = 0;
  for (int n = 0; n < options.programs; ++n) {
    std::string output = expand(options.output, "{n}", std::to_string(n));
    if (output.find("{port}") != std::string::npos) {
      receivers.push_back(std::make_unique<Receiver>(io));
      output = expand(output, "{port}", std::to_string(receivers.back()->port()));
    }
    media::ProgramSettings settings;
    settings.channel_id = fmt::format("bench{}", n);
    settings.outputs = {output};
    auto program = media::LoudspeakerProgram::create(io.get_executor(), settings);
    if (!program) throw std::runtime_error(program.error().message);
    auto* raw = program->get();
    // Each program loops the file: a new copy is queued as one starts.
    raw->setEventHandler([raw, &options, &errors, n](const media::ProgramEvent& event) {
      if (event.kind == media::ProgramEvent::Kind::kItemStarted)
        raw->enqueue(media::ProgramItem{fmt::format("p{}", n), options.file, {}});
      if (event.kind == media::ProgramEvent::Kind::kError || event.kind == media::ProgramEvent::Kind::kItemFailed) {
        ++errors;
        std::cerr << event.message << "\n";
      }
    });
    raw->enqueue(media::ProgramItem{fmt::format("p{}", n), options.file, {}});
    programs.push_back(std::move(*program));
  }
  for (auto& program : programs)
    if (auto started = program->start(); !started) throw std::runtime_error(started.error().message);
  io.run_for(3s);  // start-up (pipelines, decoders, connections) is not measured
  double cpu_start = cpuSeconds();
  auto wall_start = std::chrono::steady_clock::now();
  io.run_for(std::chrono::seconds(options.seconds));
  double cpu = cpuSeconds() - cpu_start;
  double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
  long packets = 0, late = 0;
  double worst = 0;
  for (auto& r : receivers) packets += r->packets, late += r->late, worst = std::max(worst, r->worst_ms);
  std::cout << fmt::format(
      "programs={} output={} wall_s={:.1f} cpu_s={:.2f} cpu_core_pct={:.1f} "
      "cpu_s_per_audio_hour_per_program={:.1f} rss_mb={:.1f} rtp_packets={} late_packets={} "
      "worst_lateness_ms={:.1f} errors={}\n",
      options.programs, options.output, wall, cpu, 100.0 * cpu / wall,
      cpu / wall * 3600.0 / options.programs, double(rssKb()) / 1024.0, packets, late, worst, errors);
  for (auto& program : programs) program->stop();
  return 0;
} catch (const std::exception& e) {
  std::cerr << "bench_playout: " << e.what() << "\n";
  return 1;
}
