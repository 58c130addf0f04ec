#include "tests/cli_items/cli_items_support.hpp"

#include <catch2/catch.hpp>

namespace wardcast::test {
namespace fs = std::filesystem;

namespace {

constexpr const char* kStation = R"toml(
[station]
name = "Phường thử nghiệm"
timezone = "Asia/Ho_Chi_Minh"
data_dir = "data"
tts_voice = "vi"
tts_rate_wpm = 160

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
outputs = ["file:rec/ward.ogg"]
)toml";

}  // namespace

CliStation::CliStation() {
  writeFile(configFile(), kStation);
  fs::create_directories(dataDir());
}

std::vector<std::string> CliStation::argv(const std::vector<std::string>& args) const {
  std::vector<std::string> out{cliPath().string(), "--config", configFile().string(), "--data-dir",
                               dataDir().string()};
  out.insert(out.end(), args.begin(), args.end());
  return out;
}

ProcessResult CliStation::cli(const std::vector<std::string>& args, const std::string& input,
                              std::chrono::milliseconds deadline) const {
  return run(argv(args), deadline, input);
}

ProcessResult CliStation::ok(const std::vector<std::string>& args) const {
  auto r = cli(args);
  INFO("wardcast " << Catch::Detail::stringify(args) << "\nstdout: " << r.out << "\nstderr: " << r.err);
  REQUIRE(r.exit_code == 0);
  return r;
}

void CliStation::addStaff() const {
  ok({"user", "add", "root", "--role", "admin"});
  ok({"--user", "root", "user", "add", "lan", "--role", "editor"});
  ok({"--user", "root", "user", "add", "minh", "--role", "editor"});
  ok({"--user", "root", "user", "add", "hoa", "--role", "approver"});
}

fs::path CliStation::tone(const std::string& name, double seconds, int frequency_hz) const {
  auto out = file(name);
  auto r = run({"sox", "-n", "-r", "48000", "-c", "1", "-b", "16", out.string(), "synth", std::to_string(seconds),
                "sine", std::to_string(frequency_hz), "gain", "-12"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return out;
}

fs::path CliStation::video(const std::string& name, double seconds) const {
  auto out = file(name);
  auto r = run({"ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
                "testsrc=size=320x240:rate=25:duration=" + std::to_string(seconds), "-f", "lavfi", "-i",
                "sine=frequency=330:duration=" + std::to_string(seconds), "-c:v", "mpeg4", "-c:a", "aac",
                "-shortest", out.string()});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return out;
}

std::string lastLine(const std::string& text) {
  auto end = text.find_last_not_of("\r\n");
  if (end == std::string::npos) return "";
  auto start = text.rfind('\n', end);
  return text.substr(start == std::string::npos ? 0 : start + 1, end - (start == std::string::npos ? 0 : start + 1) + 1);
}

std::vector<fs::path> filesUnder(const fs::path& dir) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec))
    if (it->is_regular_file()) out.push_back(it->path());
  return out;
}

}  // namespace wardcast::test
