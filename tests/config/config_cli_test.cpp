// What a user sees from the command line: a bad station file is one line on
// standard error, FILE:LINE:COLUMN: message, and exit code 1 (SPEC §4); and
// --data-dir reaches the loader.
#include <catch2/catch.hpp>

#include "tests/support/test_support.hpp"

namespace fs = std::filesystem;
using namespace wardcast::test;
using Catch::Matchers::Contains;

namespace {

const char* const kValidStation =
    "[station]\n"
    "name = \"Test ward\"\n"
    "data_dir = \"data\"\n"
    "[[channel]]\n"
    "id = \"ward\"\n"
    "kind = \"loudspeaker\"\n"
    "outputs = [\"rtp://127.0.0.1:5004?codec=opus\"]\n";

}  // namespace

TEST_CASE("the command line prints a station file error with its position and exits 1") {
  TempDir dir;
  auto file = dir / "wardcast.toml";
  writeFile(file, std::string(kValidStation) + "windows = [\"noon\"]\n");
  auto result = runCli({"--config", file.string(), "user", "list"});
  CHECK(result.exit_code == 1);
  CHECK(result.err == file.string() +
                          ":8:12: channel \"ward\" names window \"noon\", which is not declared "
                          "(declared: none)\n");
  CHECK_FALSE(fs::exists(dir / "data" / "wardcast.db"));
}

TEST_CASE("the command line passes --data-dir to the loader") {
  TempDir dir;
  auto file = dir / "wardcast.toml";
  writeFile(file, kValidStation);
  writeFile(dir / "blocker", "a file where a directory should be");
  auto refused = runCli(
      {"--config", file.string(), "--data-dir", (dir / "blocker" / "d").string(), "user", "list"});
  CHECK(refused.exit_code == 1);
  CHECK_THAT(refused.err,
             Contains(file.string() + ":1:1: data directory \"" + (dir / "blocker" / "d").string() +
                      "\" (from --data-dir) cannot be created"));

  auto accepted = runCli(
      {"--config", file.string(), "--data-dir", (dir / "elsewhere").string(), "user", "list"});
  INFO(accepted.err);
  CHECK(accepted.exit_code == 0);
  CHECK(fs::is_directory(dir / "elsewhere"));
  CHECK_FALSE(fs::exists(dir / "data"));
}
