#include "tests/media/media_test_support.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <cmath>
#include <cstring>
#include <regex>

#include "tests/support/test_support.hpp"

namespace wardcast::test {
namespace fs = std::filesystem;
using namespace std::chrono_literals;

bool runUntil(boost::asio::io_context& io, const std::function<bool()>& done,
              std::chrono::milliseconds deadline) {
  auto until = std::chrono::steady_clock::now() + deadline;
  while (!done() && std::chrono::steady_clock::now() < until) {
    io.run_for(10ms);
    if (io.stopped()) io.restart();
  }
  return done();
}

fs::path makeTone(const fs::path& file, double frequency, double seconds, double amplitude,
                  int channels) {
  auto result = run({"ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i",
                     fmt::format("sine=frequency={}:sample_rate=48000:duration={}", frequency, seconds),
                     "-af", fmt::format("volume={}", amplitude * 8.0),  // lavfi's sine peaks at 1/8
                     "-ac", std::to_string(channels), file.string()},
                    30s);
  REQUIRE(result.exit_code == 0);
  return file;
}

fs::path makeSilence(const fs::path& file, double seconds) {
  auto result = run({"ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i",
                     fmt::format("anullsrc=r=48000:cl=stereo:d={}", seconds), file.string()},
                    30s);
  REQUIRE(result.exit_code == 0);
  return file;
}

media::ProgramItem measuredItem(const std::string& id, const fs::path& file, int channels) {
  auto measured = measureWithFfmpeg(file);
  media::ProgramItem item;
  item.id = id;
  item.path = file;
  if (measured.integrated_lufs > -70) item.loudness.loudness_lufs = measured.integrated_lufs;
  item.loudness.true_peak_dbtp = measured.true_peak_dbtp;
  item.loudness.channels = channels;
  return item;
}

Loudness measureWithFfmpeg(const fs::path& file) {
  auto result = run({"ffmpeg", "-hide_banner", "-nostats", "-i", file.string(), "-af",
                     "ebur128=peak=true", "-f", "null", "-"},
                    60s);
  REQUIRE(result.exit_code == 0);
  // The summary at the end: "I:  -16.0 LUFS" ... "Peak:  -5.2 dBFS".
  auto summary = result.err.substr(result.err.rfind("Summary:"));
  std::smatch m;
  Loudness loudness;
  REQUIRE(std::regex_search(summary, m, std::regex(R"(I:\s+(-?[0-9.]+|-inf) LUFS)")));
  loudness.integrated_lufs = m[1] == "-inf" ? -200.0 : std::stod(m[1]);
  if (std::regex_search(summary, m, std::regex(R"(Peak:\s+(-?[0-9.]+|-inf) dBFS)")))
    loudness.true_peak_dbtp = m[1] == "-inf" ? -200.0 : std::stod(m[1]);
  return loudness;
}

Pcm decodeWithFfmpeg(const fs::path& file) {
  TempDir dir;
  auto raw = dir / "pcm.f32";
  auto result = run({"ffmpeg", "-v", "error", "-y", "-i", file.string(), "-f", "f32le", "-ar", "48000",
                     "-ac", "2", raw.string()},
                    60s);
  REQUIRE(result.exit_code == 0);
  std::string bytes = readFile(raw);
  Pcm pcm;
  pcm.rate = 48000;
  pcm.channels = 2;
  pcm.samples.resize(bytes.size() / sizeof(float));
  std::memcpy(pcm.samples.data(), bytes.data(), pcm.samples.size() * sizeof(float));
  return pcm;
}

double tonePower(const float* mono, std::size_t count, int rate, double frequency) {
  double w = 2.0 * M_PI * frequency / rate;
  double coeff = 2.0 * std::cos(w), s1 = 0, s2 = 0;
  for (std::size_t i = 0; i < count; ++i) {
    double s0 = mono[i] + coeff * s1 - s2;
    s2 = s1;
    s1 = s0;
  }
  double power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
  return count ? power / (double(count) * double(count)) : 0.0;
}

double rmsDb(const Pcm& pcm, std::size_t begin, std::size_t end) {
  double sum = 0;
  end = std::min(end, pcm.frames());
  if (end <= begin) return -200.0;
  for (std::size_t i = begin; i < end; ++i) {
    double v = pcm.samples[i * std::size_t(pcm.channels)];
    sum += v * v;
  }
  double rms = std::sqrt(sum / double(end - begin));
  return rms > 0 ? 20.0 * std::log10(rms) : -200.0;
}

}  // namespace wardcast::test
