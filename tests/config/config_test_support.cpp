#include "tests/config/config_test_support.hpp"

#include <catch2/catch.hpp>

namespace wardcast::test {

const char* const kStationHead =
    "[station]\n"
    "name = \"Test ward\"\n"
    "data_dir = \"data\"\n"
    "\n";

const char* const kValidBody =
    "[[window]]\n"
    "id = \"morning\"\n"
    "start = \"06:00\"\n"
    "end = \"06:30\"\n"
    "\n"
    "[[channel]]\n"
    "id = \"ward\"\n"
    "kind = \"loudspeaker\"\n"
    "groups = [\"ward\"]\n"
    "windows = [\"morning\"]\n"
    "outputs = [\"rtp://127.0.0.1:5004?codec=opus\"]\n";

std::string loadError(const TempDir& dir, const std::string& text) {
  auto file = dir / "wardcast.toml";
  writeFile(file, text);
  try {
    loadStationConfig(file);
  } catch (const ConfigError& e) {
    return e.what();
  }
  FAIL("the station file loaded, but an error was expected:\n" << text);
  return {};
}

StationConfig loadText(const TempDir& dir, const std::string& text) {
  auto file = dir / "wardcast.toml";
  writeFile(file, text);
  return loadStationConfig(file);
}

std::string positionPrefix(const TempDir& dir, int line, int column) {
  return (dir / "wardcast.toml").string() + ":" + std::to_string(line) + ":" +
         std::to_string(column) + ": ";
}

}  // namespace wardcast::test
