// The loader on valid files: the demo station's shape, defaults, --data-dir,
// relative paths and target resolution.
#include <catch2/catch.hpp>

#include <algorithm>

#include "config/station_config.hpp"
#include "tests/config/config_test_support.hpp"
#include "tests/support/test_support.hpp"

namespace fs = std::filesystem;
using namespace wardcast;
using namespace wardcast::test;
using namespace std::chrono_literals;

namespace {

std::vector<std::string> ids(const std::vector<const Channel*>& channels) {
  std::vector<std::string> out;
  for (const auto* c : channels) out.push_back(c->id);
  return out;
}

fs::path demoFile() {
  return sourceDir() / "config" / "demo" / "wardcast.toml";
}

}  // namespace

TEST_CASE("the demo station loads with the documented shape") {
  TempDir dir;
  StationConfig config = loadStationConfig(demoFile(), dir.path() / "data");
  CHECK(config.station.name == "Đài truyền thanh phường Hương Trà");
  CHECK(config.station.timezone == "Asia/Ho_Chi_Minh");
  CHECK(config.station.loudness_lufs == Approx(-16.0));
  CHECK(config.station.data_dir == dir.path() / "data");

  REQUIRE(config.windows.size() == 3);
  const Window* morning = config.findWindow("morning");
  REQUIRE(morning);
  CHECK(morning->start == 6h);
  CHECK(morning->end == 6h + 30min);
  CHECK(morning->days == std::vector<unsigned>{1, 2, 3, 4, 5, 6, 7});
  REQUIRE(config.findWindow("evening"));
  CHECK(config.findWindow("evening")->start == 17h);
  REQUIRE(config.findWindow("allday"));
  CHECK(config.findWindow("allday")->start == 7h + 30min);
  CHECK(config.findWindow("allday")->end == 17h);

  CHECK(ids(config.resolveTarget("kind:loudspeaker")) ==
        std::vector<std::string>{"ward", "to-1", "to-2", "to-3", "to-4", "to-5"});
  CHECK(ids(config.resolveTarget("group:centre")) ==
        std::vector<std::string>{"led-sanh", "led-quay"});
  const Channel* to3 = config.findChannel("to-3");
  REQUIRE(to3);
  CHECK(to3->groups == std::vector<std::string>{"ward", "neighbourhood", "to-3"});
  CHECK(to3->windows == std::vector<std::string>{"morning", "evening"});
  const Channel* led = config.findChannel("led-sanh");
  REQUIRE(led);
  CHECK(led->kind == ChannelKind::kLed);
  CHECK(led->width == 1920);
  CHECK(led->height == 1080);
  CHECK(led->windows == std::vector<std::string>{"allday"});

  REQUIRE(config.relays.size() == 1);
  CHECK(config.relays[0].targets == std::vector<std::string>{"group:ward"});
  REQUIRE(config.relays[0].at.size() == 1);
  CHECK(config.relays[0].at[0].start == 5h + 30min);
  CHECK(config.relays[0].at[0].end == 6h);
  CHECK(config.api.listen == "127.0.0.1:8080");
  CHECK(config.emergency.repeat == 3);
  CHECK_FALSE(config.emergency.areas.empty());
}

TEST_CASE("the demo station sends everything to loopback only") {
  TempDir dir;
  StationConfig config = loadStationConfig(demoFile(), dir.path() / "data");
  for (const auto& channel : config.channels) {
    REQUIRE_FALSE(channel.outputs.empty());
    for (const auto& output : channel.outputs) {
      INFO(channel.id << ": " << output);
      bool local = output.find("127.0.0.1") != std::string::npos || output.starts_with("file://");
      CHECK(local);
    }
  }
}

TEST_CASE("the demo station's data directory is beside it unless overridden") {
  // A copy of the demo station, so that the test creates nothing in the
  // source tree (its data_dir = "data" is relative to the file).
  TempDir dir;
  fs::copy_file(demoFile(), dir / "wardcast.toml");
  StationConfig config = loadStationConfig(dir / "wardcast.toml");
  CHECK(config.station.data_dir == dir / "data");
  CHECK(fs::is_directory(config.station.data_dir));
  // A relative file: output lands in the data directory.
  const Channel* ward = config.findChannel("ward");
  REQUIRE(ward);
  std::string expected = "file://" + (config.station.data_dir / "rec" / "ward.ogg").string();
  CHECK(std::find(ward->outputs.begin(), ward->outputs.end(), expected) != ward->outputs.end());
}

TEST_CASE("defaultConfigPath falls back to the demo station") {
  if (fs::exists("/etc/wardcast/wardcast.toml")) {
    CHECK(defaultConfigPath() == "/etc/wardcast/wardcast.toml");
  } else {
    CHECK(fs::equivalent(defaultConfigPath(), demoFile()));
  }
}

TEST_CASE("a data directory override replaces the data_dir of the file and is created") {
  TempDir dir;
  auto file = dir / "wardcast.toml";
  writeFile(file, std::string(kStationHead) + kValidBody);
  auto override_dir = dir / "elsewhere" / "nested";
  StationConfig config = loadStationConfig(file, override_dir);
  CHECK(config.station.data_dir == override_dir);
  CHECK(fs::is_directory(override_dir));
  CHECK_FALSE(fs::exists(dir / "data"));  // the file's own data_dir is not touched
}

TEST_CASE("relative paths are resolved against the station file's directory") {
  TempDir dir;
  fs::create_directories(dir / "etc");
  auto file = dir / "etc" / "wardcast.toml";
  writeFile(file, std::string(kStationHead) + kValidBody +
                      "\n[api]\nlisten = \"[::1]:8443\"\ntls_cert = \"tls/cert.pem\"\n"
                      "tls_key = \"/srv/tls/key.pem\"\n");
  StationConfig config = loadStationConfig(file);
  CHECK(config.source == file);
  CHECK(config.station.data_dir == dir / "etc" / "data");
  CHECK(fs::is_directory(dir / "etc" / "data"));
  REQUIRE(config.api.tls_cert);
  CHECK(*config.api.tls_cert == dir / "etc" / "tls" / "cert.pem");
  REQUIRE(config.api.tls_key);
  CHECK(*config.api.tls_key == "/srv/tls/key.pem");
  CHECK(config.api.listen == "[::1]:8443");
}

TEST_CASE("absent optional keys take the documented defaults") {
  TempDir dir;
  StationConfig config = loadText(dir, std::string(kStationHead) + kValidBody);
  CHECK(config.station.timezone == "Asia/Ho_Chi_Minh");
  CHECK(config.station.loudness_lufs == Approx(-16.0));
  CHECK(config.station.true_peak_dbtp == Approx(-1.0));
  CHECK(config.station.tts_voice == "vi");
  CHECK(config.station.tts_rate_wpm == 150);
  CHECK(config.station.max_asset_bytes == 2ull << 30);
  CHECK(config.station.image_duration == 10s);
  CHECK(config.channels[0].name == "ward");   // name defaults to the id
  CHECK(config.windows[0].days.size() == 7);  // days default to every day
  CHECK(config.api.listen == "127.0.0.1:8080");
  CHECK_FALSE(config.api.tls_cert);
  CHECK(config.emergency.repeat == 3);
  CHECK(config.relays.empty());
}

TEST_CASE("station extras and LED keys and emergency areas are read") {
  TempDir dir;
  StationConfig config = loadText(
      dir,
      "[station]\nname = \"X\"\ndata_dir = \"d\"\ntimezone = \"Europe/Berlin\"\n"
      "loudness_lufs = -23\ntrue_peak_dbtp = -2.0\ntts_voice = \"vi+f3\"\ntts_rate_wpm = 130\n"
      "max_asset_bytes = 1048576\nimage_duration_s = 7.5\n"
      "[[window]]\nid = \"w\"\nstart = 08:00:00\nend = \"24:00\"\ndays = [\"sat\", \"mon\"]\n"
      "[[channel]]\nid = \"led\"\nkind = \"led\"\nresolution = \"640x360\"\nframerate = 30\n"
      "ticker = false\ngroups = [\"centre\"]\noutputs = [\"display://\", "
      "\"srt://:9000?mode=listener\"]\n"
      "amplifier = \"modbus-tcp://127.0.0.1:1502?coil=3&lead=30s\"\n"
      "[emergency]\nrepeat = 5\n[[emergency.area]]\narea = \"Khu 1\"\ngroups = [\"centre\"]\n");
  CHECK(config.station.timezone == "Europe/Berlin");
  CHECK(config.station.loudness_lufs == Approx(-23.0));
  CHECK(config.station.true_peak_dbtp == Approx(-2.0));
  CHECK(config.station.tts_voice == "vi+f3");
  CHECK(config.station.tts_rate_wpm == 130);
  CHECK(config.station.max_asset_bytes == 1048576u);
  CHECK(config.station.image_duration == 7500ms);
  CHECK(config.windows[0].start == 8h);  // a TOML time is accepted too
  CHECK(config.windows[0].end == 24h);
  CHECK(config.windows[0].days == std::vector<unsigned>{1, 6});
  const Channel& led = config.channels[0];
  CHECK(led.width == 640);
  CHECK(led.height == 360);
  CHECK(led.framerate == 30);
  CHECK_FALSE(led.ticker);
  CHECK(led.amplifier == "modbus-tcp://127.0.0.1:1502?coil=3&lead=30s");
  CHECK(config.emergency.repeat == 5);
  REQUIRE(config.emergency.areas.size() == 1);
  CHECK(config.emergency.areas[0].area == "Khu 1");
  CHECK(config.emergency.areas[0].groups == std::vector<std::string>{"centre"});
}

TEST_CASE("resolveTarget finds channels by id and group and kind") {
  TempDir dir;
  StationConfig config = loadStationConfig(demoFile(), dir.path() / "data");
  CHECK(ids(config.resolveTarget("to-2")) == std::vector<std::string>{"to-2"});
  CHECK(ids(config.resolveTarget("group:ward")) ==
        std::vector<std::string>{"ward", "to-1", "to-2", "to-3", "to-4", "to-5"});
  CHECK(ids(config.resolveTarget("group:to-4")) == std::vector<std::string>{"to-4"});
  CHECK(ids(config.resolveTarget("kind:led")) == std::vector<std::string>{"led-sanh", "led-quay"});
  CHECK(config.resolveTarget("group:nowhere").empty());
  CHECK(config.resolveTarget("kind:radio").empty());
  CHECK(config.resolveTarget("nobody").empty());
  CHECK(config.findChannel("nobody") == nullptr);
  CHECK(config.findWindow("noon") == nullptr);
}
