#include "tests/ingest/media_fixtures.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <regex>

#include "tests/support/test_support.hpp"

namespace wardcast::test {
namespace {

namespace fs = std::filesystem;

void runOk(const std::vector<std::string>& argv) {
  ProcessResult r = run(argv, std::chrono::seconds(120));
  INFO(argv[0] << " said: " << r.err);
  REQUIRE(r.exit_code == 0);
}

}  // namespace

fs::path makeWavTone(const fs::path& dir, const std::string& name, const ToneSpec& tone) {
  fs::path out = dir / name;
  runOk({"sox", "-n", "-r", std::to_string(tone.sample_rate), "-c", std::to_string(tone.channels),
         "-b", "16", out.string(), "synth", std::to_string(tone.seconds), "sine",
         std::to_string(tone.frequency_hz), "vol", std::to_string(tone.amplitude)});
  return out;
}

fs::path encode(const fs::path& source, const fs::path& out,
                const std::vector<std::string>& codec_args) {
  std::vector<std::string> argv{"ffmpeg", "-nostdin", "-v", "error", "-y", "-i", source.string()};
  argv.insert(argv.end(), codec_args.begin(), codec_args.end());
  argv.push_back(out.string());
  runOk(argv);
  return out;
}

fs::path makeVideo(const fs::path& out, double seconds, bool with_audio,
                   const std::vector<std::string>& codec_args) {
  std::vector<std::string> argv{"ffmpeg", "-nostdin", "-v",
                                "error",  "-y",       "-f",
                                "lavfi",  "-i",       "testsrc=size=320x240:rate=25"};
  if (with_audio) {
    argv.insert(argv.end(), {"-f", "lavfi", "-i", "sine=frequency=1000:sample_rate=48000"});
  }
  argv.insert(argv.end(), {"-t", std::to_string(seconds), "-pix_fmt", "yuv420p"});
  argv.insert(argv.end(), codec_args.begin(), codec_args.end());
  argv.push_back(out.string());
  runOk(argv);
  return out;
}

fs::path makeImage(const fs::path& out) {
  runOk({"ffmpeg", "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc=size=320x240",
         "-frames:v", "1", out.string()});
  return out;
}

fs::path makeSpeech(const fs::path& out, const std::string& text) {
  runOk({"espeak-ng", "-v", "vi", "-w", out.string(), text});
  return out;
}

fs::path truncateCopy(const fs::path& source, const fs::path& out, std::uintmax_t bytes) {
  std::string content = readFile(source);
  REQUIRE(content.size() > bytes);
  writeFile(out, content.substr(0, bytes));
  return out;
}

double ffmpegLoudness(const fs::path& file) {
  ProcessResult r = run(
      {"ffmpeg", "-nostdin", "-nostats", "-i", file.string(), "-af", "ebur128", "-f", "null", "-"},
      std::chrono::seconds(120));
  REQUIRE(r.exit_code == 0);
  std::smatch m;
  static const std::regex kIntegrated(R"(Integrated loudness:\s*\n\s*I:\s*(-?[0-9.]+) LUFS)");
  REQUIRE(std::regex_search(r.err, m, kIntegrated));
  return std::stod(m[1].str());
}

std::string sha256sumOf(const fs::path& file) {
  ProcessResult r = run({"sha256sum", file.string()});
  REQUIRE(r.exit_code == 0);
  return r.out.substr(0, 64);
}

std::vector<fs::path> filesUnder(const fs::path& dir) {
  std::vector<fs::path> files;
  std::error_code ec;
  if (!fs::exists(dir, ec)) return files;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file()) files.push_back(entry.path());
  }
  return files;
}

}  // namespace wardcast::test
