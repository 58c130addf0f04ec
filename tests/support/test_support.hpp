#pragma once
// Helpers every Wardcast test may use. Nothing here sleeps and hopes: waits
// take a deadline and fail the test when it passes.
#include <chrono>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace wardcast::test {

// A fresh directory under $TMPDIR, removed with everything in it on scope exit.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

enum class Protocol { kTcp = 1, kUdp };
// A port on 127.0.0.1 that was free a moment ago (bound to 0, then closed).
int freePort(Protocol protocol = Protocol::kTcp);

struct ProcessResult {
  int exit_code = -1;     // -1 when killed by a signal or by the deadline
  int signal = 0;
  bool timed_out = false;  // the deadline passed and the kill ended it
  std::string out;
  std::string err;
};

// Runs argv[0] (looked up in PATH) with the given arguments, feeding `input`
// to its standard input, and collects its output. Kills it when `deadline`
// passes. `env` entries "K=V" are added to the environment.
ProcessResult run(const std::vector<std::string>& argv,
                  std::chrono::milliseconds deadline = std::chrono::seconds(60),
                  const std::string& input = {}, const std::vector<std::string>& env = {});

// Runs the built `wardcast` command line with the given arguments (and
// `env` entries "K=V" added to its environment).
ProcessResult runCli(const std::vector<std::string>& args,
                     std::chrono::milliseconds deadline = std::chrono::seconds(60),
                     const std::vector<std::string>& env = {});

// Polls `ready` every few milliseconds until it returns true or the deadline
// passes; returns whether it became true.
bool waitFor(const std::function<bool()>& ready, std::chrono::milliseconds deadline);

// Runs `body` in a forked child that has dropped to uid/gid 65534 (nobody)
// when the test runs as root, as itself otherwise, and returns what `body`
// returned. For checks that root would pass whatever the code does (an
// unreadable file, a read-only folder). The child's Catch assertions are
// not counted: `body` returns a text for the parent to check. When the drop
// fails the text is "cannot drop to nobody".
std::string runAsNobody(const std::function<std::string()>& body);

std::filesystem::path sourceDir();       // the repository root
std::filesystem::path samplePlansDir();  // ../shared/plans beside the repository
std::filesystem::path cliPath();         // the built wardcast binary

std::string readFile(const std::filesystem::path& file);
void writeFile(const std::filesystem::path& file, const std::string& content);

}  // namespace wardcast::test
