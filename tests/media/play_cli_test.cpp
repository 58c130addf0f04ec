// wardcast play: exit codes of SPEC §4 for what a user can get wrong.
#include <catch2/catch.hpp>

#include "tests/support/test_support.hpp"

using namespace wardcast::test;
using namespace std::chrono_literals;

namespace {
// Always the demo station, never a station installed on the machine
// (/etc/wardcast/wardcast.toml is the default without --config).
const std::string kDemo = (sourceDir() / "config" / "demo" / "wardcast.toml").string();
}  // namespace

TEST_CASE("wardcast play refuses an unknown channel with exit code 1") {
  TempDir dir;
  auto result = runCli({"--config", kDemo, "--data-dir", dir.path().string(), "play", "--channel", "nope", "--items", "b1"}, 30s);
  CHECK(result.exit_code == 1);
  CHECK(result.err.find("no channel \"nope\"") != std::string::npos);
}

TEST_CASE("wardcast play needs --items or --date (usage error, exit code 2)") {
  auto result = runCli({"--config", kDemo, "play", "--channel", "ward"}, 30s);
  CHECK(result.exit_code == 2);
  auto both = runCli({"--config", kDemo, "play", "--channel", "ward", "--items", "b1", "--date", "2026-05-01"}, 30s);
  CHECK(both.exit_code == 2);
}

TEST_CASE("wardcast play refuses an item that does not exist with exit code 1") {
  TempDir dir;
  auto result = runCli({"--config", kDemo, "--data-dir", dir.path().string(), "play", "--channel", "ward", "--items", "b999"}, 30s);
  CHECK(result.exit_code == 1);
  CHECK(result.err.find("b999") != std::string::npos);
}
