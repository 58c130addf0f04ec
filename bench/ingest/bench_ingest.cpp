// bench_ingest: times ingestFile() (probe, decode end to end, EBU R128
// loudness and true peak, SHA-256, store with fsync) on a long generated
// audio file, as MP3 (44.1 kHz stereo, 128 kbit/s) and as 16-bit WAV, and
// times the peer on the same files: ffmpeg's own R128 measurement,
//   ffmpeg -nostats -i FILE -af ebur128=peak=true -f null -
// Prints median and minimum wall time over the runs, the CPU time of the
// ingest (all its threads), and both tools' loudness figures.
//
// Usage: bench_ingest [--minutes N] [--runs N] [--peer-runs N] [--media-dir DIR]
//   --media-dir keeps the generated files there and reuses them next time.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <regex>
#include <string>
#include <vector>

#include "content/ingest/ingest.hpp"

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

struct Options {
  int minutes = 30;
  int runs = 5;
  int peer_runs = 3;
  fs::path media_dir;
};

struct Output {
  int status = -1;
  std::string text;  // stdout and stderr together
};

Output capture(const std::string& command) {
  Output out;
  FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return out;
  char buf[4096];
  std::size_t n = 0;
  while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) out.text.append(buf, n);
  int status = ::pclose(pipe);
  out.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return out;
}

std::string quote(const fs::path& p) {
  return "'" + p.string() + "'";
}

double seconds(Clock::duration d) {
  return std::chrono::duration<double>(d).count();
}

// CPU time (user + system) of this process's threads, or of its waited-for
// children (the peer).
double cpuSeconds(int who = RUSAGE_SELF) {
  rusage usage{};
  ::getrusage(who, &usage);
  return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
         static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

void makeMedia(const Options& options, const fs::path& mp3, const fs::path& wav) {
  std::string duration = std::to_string(options.minutes * 60);
  if (!fs::exists(mp3)) {
    std::printf("generating %d minutes of 44.1 kHz stereo MP3 (pink noise + tone) ...\n",
                options.minutes);
    std::fflush(stdout);
    std::string cmd =
        "ffmpeg -nostdin -v error -y -f lavfi -i anoisesrc=color=pink:amplitude=0.2:"
        "sample_rate=44100:duration=" +
        duration + " -f lavfi -i sine=frequency=440:sample_rate=44100:duration=" + duration +
        " -filter_complex '[0][1]amerge=inputs=2' -c:a libmp3lame -b:a 128k " + quote(mp3);
    if (capture(cmd).status != 0) throw std::runtime_error("ffmpeg could not make " + mp3.string());
  }
  if (!fs::exists(wav)) {
    std::string cmd =
        "ffmpeg -nostdin -v error -y -i " + quote(mp3) + " -c:a pcm_s16le " + quote(wav);
    if (capture(cmd).status != 0) throw std::runtime_error("ffmpeg could not make " + wav.string());
  }
}

struct Stats {
  double median = 0.0;
  double min = 0.0;
};

Stats stats(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  std::size_t n = values.size();
  double median = n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
  return {median, values.front()};
}

void benchIngest(const fs::path& file, const Options& options, const fs::path& scratch) {
  std::vector<double> wall;
  std::vector<double> cpu;
  wardcast::AssetInfo last;
  for (int run = 0; run < options.runs; ++run) {
    fs::path data_dir = scratch / ("data-" + std::to_string(run));
    double cpu_before = cpuSeconds();
    auto start = Clock::now();
    auto info = wardcast::ingestFile(file, wardcast::IngestExpect::kBulletin, data_dir,
                                     wardcast::IngestLimits{});
    wall.push_back(seconds(Clock::now() - start));
    cpu.push_back(cpuSeconds() - cpu_before);
    if (!info) throw std::runtime_error(info.error().message);
    last = *info;
    fs::remove_all(data_dir);
  }
  Stats w = stats(wall);
  Stats c = stats(cpu);
  std::printf(
      "  wardcast ingestFile: median %.3f s, min %.3f s wall (%d runs); CPU median %.3f s\n",
      w.median, w.min, options.runs, c.median);
  std::printf("    -> %s, %.1f min, I = %.2f LUFS, true peak = %.2f dBTP, sha256 %.12s...\n",
              last.audio_codec.c_str(), last.duration.count() / 60000.0,
              last.loudness_lufs.value_or(-999), last.true_peak_dbtp.value_or(-999),
              last.sha256.c_str());
}

void benchPeer(const fs::path& file, const Options& options) {
  std::vector<double> wall;
  std::vector<double> cpu;
  std::string figures;
  for (int run = 0; run < options.peer_runs; ++run) {
    double cpu_before = cpuSeconds(RUSAGE_CHILDREN);
    auto start = Clock::now();
    Output out =
        capture("ffmpeg -nostdin -nostats -i " + quote(file) + " -af ebur128=peak=true -f null -");
    wall.push_back(seconds(Clock::now() - start));
    cpu.push_back(cpuSeconds(RUSAGE_CHILDREN) - cpu_before);
    if (out.status != 0) throw std::runtime_error("ffmpeg ebur128 failed on " + file.string());
    std::smatch i;
    std::smatch peak;
    static const std::regex kI(R"(Integrated loudness:\s*\n\s*I:\s*(-?[0-9.]+) LUFS)");
    static const std::regex kPeak(R"(True peak:\s*\n\s*Peak:\s*(-?[0-9.]+) dBFS)");
    if (std::regex_search(out.text, i, kI) && std::regex_search(out.text, peak, kPeak)) {
      figures = "I = " + i[1].str() + " LUFS, true peak = " + peak[1].str() + " dBTP";
    }
  }
  Stats w = stats(wall);
  std::printf(
      "  peer ffmpeg -af ebur128=peak=true: median %.3f s, min %.3f s wall (%d runs); "
      "CPU median %.3f s\n",
      w.median, w.min, options.peer_runs, stats(cpu).median);
  std::printf("    -> %s\n", figures.c_str());
}

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    if (flag == "--minutes")
      o.minutes = std::atoi(argv[i + 1]);
    else if (flag == "--runs")
      o.runs = std::atoi(argv[i + 1]);
    else if (flag == "--peer-runs")
      o.peer_runs = std::atoi(argv[i + 1]);
    else if (flag == "--media-dir")
      o.media_dir = argv[i + 1];
    else
      throw std::runtime_error("unknown option " + flag);
  }
  if (o.minutes <= 0 || o.runs <= 0 || o.peer_runs < 0) throw std::runtime_error("bad numbers");
  return o;
}

}  // namespace

int main(int argc, char** argv) try {
  Options options = parse(argc, argv);
  const char* tmp = std::getenv("TMPDIR");
  fs::path scratch = fs::path(tmp ? tmp : "/tmp") / ("bench_ingest-" + std::to_string(::getpid()));
  fs::create_directories(scratch);
  fs::path media = options.media_dir.empty() ? scratch : options.media_dir;
  fs::create_directories(media);
  std::string stem = "long-" + std::to_string(options.minutes) + "min";
  fs::path mp3 = media / (stem + ".mp3");
  fs::path wav = media / (stem + ".wav");
  makeMedia(options, mp3, wav);
  double load[3] = {0, 0, 0};
  ::getloadavg(load, 3);
  std::printf(
      "bench_ingest: %d-minute file, %ld cores online, load average %.2f (target: <= 2 s)\n",
      options.minutes, ::sysconf(_SC_NPROCESSORS_ONLN), load[0]);
  for (const fs::path& file : {mp3, wav}) {
    std::printf("%s (%.1f MB):\n", file.filename().c_str(), fs::file_size(file) / 1e6);
    benchIngest(file, options, scratch);
    if (options.peer_runs > 0) benchPeer(file, options);
  }
  fs::remove_all(scratch);
  return 0;
} catch (const std::exception& e) {
  std::fprintf(stderr, "bench_ingest: %s\n", e.what());
  return 1;
}
