#pragma once
// A station of its own for each `wardcast` command-line test: a config
// file the test writes, a data directory in a TempDir, and media the test
// generates with sox and ffmpeg.
#include <filesystem>
#include <string>
#include <vector>

#include "tests/support/test_support.hpp"

namespace wardcast::test {

class CliStation {
 public:
  CliStation();

  std::filesystem::path dataDir() const { return dir_.path() / "data"; }
  std::filesystem::path configFile() const { return dir_.path() / "wardcast.toml"; }
  std::filesystem::path file(const std::string& name) const { return dir_.path() / name; }

  // Runs wardcast --config FILE --data-dir DIR ARGS...
  ProcessResult cli(const std::vector<std::string>& args, const std::string& input = {},
                    std::chrono::milliseconds deadline = std::chrono::seconds(60)) const;
  // The same, and fails the test unless it exits 0.
  ProcessResult ok(const std::vector<std::string>& args) const;
  std::vector<std::string> argv(const std::vector<std::string>& args) const;

  // Admin "root", editors "lan" and "minh", approver "hoa".
  void addStaff() const;
  // A sine tone WAV of `seconds` (mono, 48 kHz) made by sox.
  std::filesystem::path tone(const std::string& name, double seconds, int frequency_hz = 440) const;
  // A short test-pattern video made by ffmpeg.
  std::filesystem::path video(const std::string& name, double seconds) const;

 private:
  TempDir dir_;
};

// The last non-empty line of `text`.
std::string lastLine(const std::string& text);
// Every regular file under `dir`, recursively.
std::vector<std::filesystem::path> filesUnder(const std::filesystem::path& dir);

}  // namespace wardcast::test
