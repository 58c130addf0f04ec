// bench_playout: N distinct loudspeaker programs on one io_context for a
// fixed wall time. Prints CPU seconds (user+system, whole process), CPU
// seconds per hour of audio per program, resident memory, and for RTP
// outputs the packets received on loopback and how many were late.
//
//   bench_playout [--mode program|forward|gst-forward] --programs N --seconds T
//                 --file F --output TEMPLATE [--data-dir D]
// TEMPLATE is an output URI; "{port}" becomes a free UDP port per program
// (RTP) and "{n}" the program's number (Icecast mounts, files).
// A packet is late when it arrives more than 40 ms after its RTP timestamp
// says it should (relative to the stream's first packet).
//
// Modes:
//   program      LoudspeakerProgram: decode, gain, mix, encode in real time.
//   forward      ForwardProgram: F is rendered once into an air rendition
//                (under D, default a temporary folder; the render is timed
//                and reported apart: render_cpu_s, and per hour of audio
//                render_cpu_s_per_audio_hour), then every program forwards
//                its packets. rtp:// outputs forward Opus; icecast:// .mp3
//                outputs forward MP3 frames over the program's own source
//                connection (icecast_* figures: bytes written, frames missed
//                while a mount was down or dropped behind a slow server).
//   gst-forward  for comparison: one GStreamer pipeline per program
//                (filesrc ! oggdemux ! rtpopuspay ! udpsink sync=true) on the
//                same rendition, i.e. forwarding with a streaming thread each.
// The loopback receivers run on the same io_context thread as the programs,
// so their cost is included in the CPU figure.
#include <sched.h>
#include <sys/resource.h>

#include <fmt/format.h>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/udp.hpp>

#include <array>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <string>

#include "media/rendition/air_rendition.hpp"
#include "media/forward/forward_program.hpp"
#include "media/forward/rendition_reader.hpp"
#include "media/decode/loudspeaker_program.hpp"

namespace asio = boost::asio;
using namespace wardcast;
using namespace std::chrono_literals;

namespace {

struct Options {
  std::string mode = "program";
  std::string data_dir;
  int programs = 1;
  int seconds = 30;
  std::string file;
  std::string output = "rtp://127.0.0.1:{port}?codec=opus";
};

// A loopback RTP receiver. Each packet's offset is its arrival time minus
// the time its RTP timestamp says it is due (both relative to the stream's
// first packet). Lateness is measured against the stream's *earliest* offset,
// so a first packet that arrived late cannot hide the lateness of the rest:
// a packet is late when its offset exceeds the best one by more than 40 ms.
// Offsets are kept as a histogram of 1 ms bins (a few hundred bytes).
class Receiver {
 public:
  Receiver(asio::io_context& io)
      : socket_(io, asio::ip::udp::endpoint(asio::ip::make_address("127.0.0.1"), 0)) {
    receive();
  }
  int port() const { return socket_.local_endpoint().port(); }
  long packets = 0;
  // Packets later than `threshold_ms` behind the best offset, and the worst lateness.
  long late(double threshold_ms = 40.0) const {
    long count = 0;
    if (offsets_.empty()) return 0;
    int best = offsets_.begin()->first;
    for (auto [bin, n] : offsets_)
      if (bin - best > threshold_ms) count += n;
    return count;
  }
  double worstMs() const {
    return offsets_.empty() ? 0.0 : double(offsets_.rbegin()->first - offsets_.begin()->first);
  }

 private:
  void receive() {
    socket_.async_receive(asio::buffer(buffer_),
                          [this](boost::system::error_code ec, std::size_t n) {
                            if (ec) return;
                            if (n >= 12) onPacket();
                            receive();
                          });
  }
  void onPacket() {
    // RTCP (a program's Sender Reports to its output's port + 1, which may
    // be another receiver's port here) is not an RTP packet: PT 200-204.
    if (buffer_[1] >= 200 && buffer_[1] <= 204) return;
    auto now = std::chrono::steady_clock::now();
    std::uint32_t ts = std::uint32_t(buffer_[4]) << 24 | std::uint32_t(buffer_[5]) << 16 |
                       std::uint32_t(buffer_[6]) << 8 | buffer_[7];
    ++packets;
    if (packets == 1) {
      first_arrival_ = now;
      first_ts_ = ts;
    }
    double due_ms = double(std::uint32_t(ts - first_ts_)) / 48.0;
    double at_ms = std::chrono::duration<double, std::milli>(now - first_arrival_).count();
    ++offsets_[int(std::floor(at_ms - due_ms))];
  }
  asio::ip::udp::socket socket_;
  std::array<std::uint8_t, 2048> buffer_{};
  std::chrono::steady_clock::time_point first_arrival_;
  std::uint32_t first_ts_ = 0;
  std::map<int, long> offsets_;  // offset (ms, floored) -> packets
};

double cpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
         double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

long statusKb(const char* key) {  // a line of /proc/self/status, in KiB
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind(key, 0) == 0) return std::stol(line.substr(std::strlen(key)));
  return 0;
}
long rssKb() {
  return statusKb("VmRSS:");
}

// The calling thread's scheduling class (run.sh runs some modes under chrt).
const char* schedulingPolicy() {
  switch (sched_getscheduler(0)) {
    case SCHED_FIFO:
      return "fifo";
    case SCHED_RR:
      return "rr";
    default:
      return "other";
  }
}

std::string expand(std::string text, const std::string& key, const std::string& value) {
  for (auto at = text.find(key); at != std::string::npos; at = text.find(key))
    text.replace(at, key.size(), value);
  return text;
}

Options parse(int argc, char** argv) {
  Options options;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string key = argv[i], value = argv[i + 1];
    if (key == "--programs")
      options.programs = std::stoi(value);
    else if (key == "--mode")
      options.mode = value;
    else if (key == "--data-dir")
      options.data_dir = value;
    else if (key == "--seconds")
      options.seconds = std::stoi(value);
    else if (key == "--file")
      options.file = value;
    else if (key == "--output")
      options.output = value;
  }
  if (options.file.empty()) throw std::runtime_error("--file is required");
  if (options.mode != "program" && options.mode != "forward" && options.mode != "gst-forward")
    throw std::runtime_error("--mode is program, forward or gst-forward");
  return options;
}

// Runs `io` for a 3 s start-up (not measured for CPU), then for the measured
// window, and prints one line of figures. Packets and late packets count from
// each stream's first packet, start-up included.
void measure(asio::io_context& io, const Options& options,
             const std::vector<std::unique_ptr<Receiver>>& receivers, long& errors,
             const std::string& extra,
             const std::function<std::string()>& after = [] { return std::string(); }) {
  io.run_for(3s);  // start-up (pipelines, decoders, connections) is not measured
  double cpu_start = cpuSeconds();
  auto wall_start = std::chrono::steady_clock::now();
  io.run_for(std::chrono::seconds(options.seconds));
  double cpu = cpuSeconds() - cpu_start;
  double wall =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
  long packets = 0, late = 0;
  double worst = 0;
  for (auto& r : receivers)
    packets += r->packets, late += r->late(), worst = std::max(worst, r->worstMs());
  std::cout << fmt::format(
      "mode={} sched={} programs={} output={} wall_s={:.1f} cpu_s={:.2f} cpu_core_pct={:.1f} "
      "cpu_s_per_audio_hour_per_program={:.1f} rss_mb={:.1f} rss_peak_mb={:.1f} threads={} "
      "rtp_packets={} "
      "late_packets={} worst_lateness_ms={:.1f} errors={}{}\n",
      options.mode, schedulingPolicy(), options.programs, options.output, wall, cpu,
      100.0 * cpu / wall, cpu / wall * 3600.0 / options.programs, double(rssKb()) / 1024.0,
      double(statusKb("VmHWM:")) / 1024.0, statusKb("Threads:"), packets, late, worst, errors,
      extra + after());
}

// Every program's output URI, with a receiver for each "{port}".
std::vector<std::string> outputs(asio::io_context& io, const Options& options,
                                 std::vector<std::unique_ptr<Receiver>>& receivers) {
  std::vector<std::string> uris;
  for (int n = 0; n < options.programs; ++n) {
    std::string output = expand(options.output, "{n}", std::to_string(n));
    if (output.find("{port}") != std::string::npos) {
      receivers.push_back(std::make_unique<Receiver>(io));
      output = expand(output, "{port}", std::to_string(receivers.back()->port()));
    }
    uris.push_back(output);
  }
  return uris;
}

void runPrograms(const Options& options) {
  asio::io_context io;
  auto work = asio::make_work_guard(io);  // run_for() lasts the full time even when idle
  std::vector<std::unique_ptr<Receiver>> receivers;
  std::vector<std::unique_ptr<media::LoudspeakerProgram>> programs;
  long errors = 0;
  auto uris = outputs(io, options, receivers);
  for (int n = 0; n < options.programs; ++n) {
    media::ProgramSettings settings;
    settings.channel_id = fmt::format("bench{}", n);
    settings.outputs = {uris[std::size_t(n)]};
    auto program = media::LoudspeakerProgram::create(io.get_executor(), settings);
    if (!program) throw std::runtime_error(program.error().message);
    auto* raw = program->get();
    // Each program loops the file: a new copy is queued as one starts.
    raw->setEventHandler([raw, &options, &errors, n](const media::ProgramEvent& event) {
      if (event.kind == media::ProgramEvent::Kind::kItemStarted)
        raw->enqueue(media::ProgramItem{fmt::format("p{}", n), options.file, {}});
      if (event.kind == media::ProgramEvent::Kind::kError ||
          event.kind == media::ProgramEvent::Kind::kItemFailed) {
        ++errors;
        std::cerr << event.message << "\n";
      }
    });
    raw->enqueue(media::ProgramItem{fmt::format("p{}", n), options.file, {}});
    programs.push_back(std::move(*program));
  }
  for (auto& program : programs)
    if (auto started = program->start(); !started)
      throw std::runtime_error(started.error().message);
  measure(io, options, receivers, errors, "");
  for (auto& program : programs) program->stop();
}

// Seconds of audio in a rendition, from its packets' durations.
double renditionSeconds(const media::RenditionFormat& format, const std::filesystem::path& file) {
  auto reader = media::RenditionReader::open(format, file);
  if (!reader) throw std::runtime_error(reader.error().message);
  std::vector<std::uint8_t> packet;
  std::uint64_t samples = 0;
  for (;;) {
    auto got = reader->next(packet);
    if (!got) throw std::runtime_error(got.error().message);
    if (*got == 0) return double(samples) / 48000.0;
    samples += *got;
  }
}

// Renders options.file once into an air rendition; prints what it cost.
std::filesystem::path renderOnce(asio::io_context& io, const Options& options,
                                 const media::RenditionFormat& format, std::string& extra) {
  media::AirRenditionCache cache(io.get_executor(), options.data_dir, media::LoudnessTarget{},
                                 format);
  std::optional<Result<std::filesystem::path>> result;
  double cpu_start = cpuSeconds();
  auto wall_start = std::chrono::steady_clock::now();
  cache.ensure(media::ProgramItem{"bench", options.file, {}},
               [&](Result<std::filesystem::path> r) { result = r; });
  while (!result) io.run_one();
  if (!result->ok()) throw std::runtime_error(result->error().message);
  double cpu = cpuSeconds() - cpu_start;
  double wall =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
  double audio = renditionSeconds(format, result->value());
  extra = fmt::format(
      " render_wall_s={:.2f} render_cpu_s={:.2f} render_audio_s={:.0f} "
      "render_cpu_s_per_audio_hour={:.1f} rendition_kb={}",
      wall, cpu, audio, audio > 0 ? cpu / audio * 3600.0 : 0.0,
      std::filesystem::file_size(result->value()) / 1024);
  return result->value();
}

void runForward(const Options& options) {
  asio::io_context io;
  auto work = asio::make_work_guard(io);
  std::vector<std::unique_ptr<Receiver>> receivers;
  auto uris = outputs(io, options, receivers);
  auto plan = media::planOutputs({uris.front()});
  if (!plan) throw std::runtime_error(plan.error().message);
  auto format = media::forwardRenditionFormat(*plan);
  if (!format)
    throw std::runtime_error(options.output +
                             " cannot be forwarded (RTP/Opus or Icecast MP3 only)");
  std::string extra;
  auto rendition = renderOnce(io, options, *format, extra);
  std::vector<std::unique_ptr<media::ForwardProgram>> programs;
  long errors = 0;
  for (int n = 0; n < options.programs; ++n) {
    auto one = media::planOutputs({uris[std::size_t(n)]});
    if (!one) throw std::runtime_error(one.error().message);
    media::ForwardSettings settings;
    settings.channel_id = fmt::format("bench{}", n);
    settings.outputs = one->rtp;
    if (auto* opus = std::get_if<media::AirFormat>(&*format)) settings.format = *opus;
    settings.icecast = one->icecast;
    auto program = media::ForwardProgram::create(io.get_executor(), std::move(settings));
    if (!program) throw std::runtime_error(program.error().message);
    auto* raw = program->get();
    raw->setEventHandler([raw, rendition, &errors, n](const media::ProgramEvent& event) {
      if (event.kind == media::ProgramEvent::Kind::kItemStarted)
        raw->enqueue({fmt::format("p{}", n), rendition});
      if (event.kind == media::ProgramEvent::Kind::kItemFailed ||
          event.kind == media::ProgramEvent::Kind::kOutputDown) {
        ++errors;
        std::cerr << event.output << " " << event.message << "\n";
      }
    });
    raw->enqueue({fmt::format("p{}", n), rendition});
    programs.push_back(std::move(*program));
  }
  for (auto& program : programs)
    if (auto started = program->start(); !started)
      throw std::runtime_error(started.error().message);
  measure(io, options, receivers, errors, extra, [&programs] {
    std::uint64_t sent = 0, missed = 0, dropped = 0;
    std::size_t mounts = 0;
    for (auto& program : programs)
      for (auto& source : program->icecastSources())
        ++mounts, sent += source->sentBytes(), missed += source->missed(), dropped += source->dropped();
    if (mounts == 0) return std::string();
    return fmt::format(" icecast_mounts={} icecast_sent_kb={} icecast_missed_frames={} "
                       "icecast_dropped_frames={}",
                       mounts, sent / 1024, missed, dropped);
  });
  for (auto& program : programs) program->stop();
}

void runGstForward(const Options& options) {
  asio::io_context io;
  auto work = asio::make_work_guard(io);
  std::vector<std::unique_ptr<Receiver>> receivers;
  auto uris = outputs(io, options, receivers);
  std::string extra;
  auto rendition = renderOnce(io, options, media::AirFormat{}, extra);
  std::vector<std::unique_ptr<media::Pipeline>> pipelines;
  long errors = 0;
  for (int n = 0; n < options.programs; ++n) {
    int port = receivers.at(std::size_t(n))->port();
    auto pipeline = media::Pipeline::fromDescription(
        io.get_executor(), fmt::format("gstfwd{}", n),
        fmt::format("filesrc name=src ! oggdemux ! rtpopuspay pt=96 ! udpsink host=127.0.0.1 "
                    "port={} sync=true",
                    port));
    if (!pipeline) throw std::runtime_error(pipeline.error().message);
    g_object_set((*pipeline)->element("src").get(), "location", rendition.c_str(), nullptr);
    (*pipeline)->setEventHandler([&errors](const media::PipelineEvent& event) {
      if (auto* error = std::get_if<media::ErrorEvent>(&event))
        ++errors, std::cerr << error->message << "\n";
    });
    if (auto played = (*pipeline)->play(); !played)
      throw std::runtime_error(played.error().message);
    pipelines.push_back(std::move(*pipeline));
  }
  measure(io, options, receivers, errors, extra);
  for (auto& pipeline : pipelines) pipeline->stop();
}

// A temporary data directory for renditions, removed at exit.
struct TempData {
  std::filesystem::path path;
  ~TempData() {
    std::error_code ignored;
    if (!path.empty()) std::filesystem::remove_all(path, ignored);
  }
};

}  // namespace

int main(int argc, char** argv) try {
  Options options = parse(argc, argv);
  TempData temp;
  if (options.mode != "program" && options.data_dir.empty()) {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "bench_playout.XXXXXX").string();
    if (!mkdtemp(pattern.data())) throw std::runtime_error("cannot make a temporary folder");
    temp.path = options.data_dir = pattern;
  }
  if (options.mode == "program")
    runPrograms(options);
  else if (options.mode == "forward")
    runForward(options);
  else
    runGstForward(options);
  return 0;
} catch (const std::exception& e) {
  std::cerr << "bench_playout: " << e.what() << "\n";
  return 1;
}
