#pragma once
// The station configuration (SPEC §2) as a plain value. Filled by
// loadStationConfig() (station_loader.cpp), validated there and nowhere else.
// Defaults are in the declarations; the loader only overrides what the file
// says. Every key listed here is documented in docs/config.md.
#include <chrono>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "util/civil_time.hpp"

namespace wardcast {

enum class ChannelKind { kLoudspeaker = 1, kLed };

struct StationSettings {
  std::string name;
  std::string timezone = "Asia/Ho_Chi_Minh";
  std::filesystem::path data_dir = "/var/lib/wardcast";
  double loudness_lufs = -16.0;       // target integrated loudness, EBU R128
  double true_peak_dbtp = -1.0;       // ceiling after normalisation
  std::string tts_voice = "vi";       // espeak-ng voice
  int tts_rate_wpm = 150;             // espeak-ng speaking rate, words/min
  std::uint64_t max_asset_bytes = 2ull << 30;   // ingest refuses larger files
  std::chrono::milliseconds image_duration{10000};  // still image shown on LED
};

struct Window {
  std::string id;
  MinuteOfDay start{0};
  MinuteOfDay end{0};
  std::vector<unsigned> days;  // ISO weekdays 1 = Monday .. 7 = Sunday (the loader: all seven by default)

  bool opensOn(unsigned iso_weekday) const;
};

struct Channel {
  std::string id;
  std::string name;
  ChannelKind kind = ChannelKind::kLoudspeaker;
  std::vector<std::string> groups;
  std::vector<std::string> windows;  // ids of declared windows
  std::vector<std::string> outputs;  // URIs, one scheme per driver
  std::optional<std::string> amplifier;  // e.g. modbus-tcp://...?coil=3&lead=30s
  // LED screens only:
  int width = 1920;
  int height = 1080;
  int framerate = 25;
  bool ticker = true;

  bool operator==(const Channel&) const = default;  // the daemon's reload keeps an unchanged channel on air
};

struct Relay {
  std::string source;                 // URI of the relayed stream
  std::vector<std::string> targets;   // channel id, "group:NAME" or "kind:KIND"
  struct Span {
    MinuteOfDay start{0};
    MinuteOfDay end{0};
  };
  std::vector<Span> at;
};

struct EmergencySettings {
  // CAP <area><areaDesc> (or geocode value) -> groups that sound the alert.
  struct AreaMap {
    std::string area;
    std::vector<std::string> groups;
  };
  std::vector<AreaMap> areas;
  int repeat = 3;  // times an emergency message is played
};

struct ApiSettings {
  std::string listen = "127.0.0.1:8080";
  // The daemon's Unix socket (SPEC §9); none: data_dir/wardcastd.sock.
  std::optional<std::filesystem::path> socket;
  std::optional<std::filesystem::path> tls_cert;
  std::optional<std::filesystem::path> tls_key;
};

struct StationConfig {
  std::filesystem::path source;  // the file it was loaded from
  StationSettings station;
  std::vector<Window> windows;
  std::vector<Channel> channels;
  std::vector<Relay> relays;
  EmergencySettings emergency;
  ApiSettings api;

  const Window* findWindow(std::string_view id) const;
  // Where wardcastd listens and `wardcast status` asks: [api] socket, or
  // wardcastd.sock in the data directory.
  std::filesystem::path apiSocket() const;
  const Channel* findChannel(std::string_view id) const;
  // Channels a target names: "ward" (a channel id), "group:ward", "kind:led".
  std::vector<const Channel*> resolveTarget(std::string_view target) const;
};

// Thrown by the loader. what() is "FILE:LINE:COLUMN: message", ready to print.
class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Loads and validates a station file. Throws ConfigError.
// `data_dir_override` (from --data-dir) replaces [station].data_dir before
// the data directory is checked.
StationConfig loadStationConfig(const std::filesystem::path& file,
                                 const std::optional<std::filesystem::path>& data_dir_override = {});

// Where the demo station lives: the in-tree config/demo/wardcast.toml
// (set at build time), used when no --config is given and
// /etc/wardcast/wardcast.toml does not exist.
std::filesystem::path defaultConfigPath();

}  // namespace wardcast
