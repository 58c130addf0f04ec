// loadStationConfig(): parse the station file with toml++, read each section
// (section_readers.hpp), resolve paths, prepare the data directory and run the
// cross-section checks (station_validator.hpp). The only place a station
// file is read and validated.
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "config/section_readers.hpp"
#include "config/station_validator.hpp"
#include "config/toml_table_reader.hpp"

namespace wardcast {
namespace {

namespace fs = std::filesystem;

toml::table parseFile(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in)
    config::failInFile(file.string(), fmt::format("cannot read the station file: {} (expected a "
                                                  "readable TOML file; see docs/config.md)",
                                                  std::strerror(errno)));
  std::stringstream content;
  content << in.rdbuf();
  try {
    return toml::parse(content.str(), file.string());
  } catch (const toml::parse_error& e) {
    config::failAt(e.source(), fmt::format("TOML syntax error: {}", e.description()));
  }
}

// Creates the data directory if needed and checks that it is writable.
// `where` is the data_dir value (or [station]), `origin` says where the
// path came from.
void prepareDataDir(const fs::path& dir, const toml::source_region& where,
                    std::string_view origin) {
  std::error_code ec;
  if (fs::exists(dir, ec) && !fs::is_directory(dir, ec))
    config::failAt(where, fmt::format("data directory \"{}\" ({}) exists but is not a directory "
                                      "(expected a writable directory)",
                                      dir.string(), origin));
  fs::create_directories(dir, ec);
  if (ec)
    config::failAt(where,
                   fmt::format("data directory \"{}\" ({}) cannot be created: {} (expected a "
                               "writable directory)",
                               dir.string(), origin, ec.message()));
  if (::access(dir.c_str(), W_OK) != 0)
    config::failAt(where, fmt::format("data directory \"{}\" ({}) is not writable: {} (expected a "
                                      "directory this user can write)",
                                      dir.string(), origin, std::strerror(errno)));
}

fs::path resolveDataDir(const StationConfig& config, const toml::table& root,
                        const fs::path& written, const std::optional<fs::path>& data_dir_override) {
  const fs::path config_dir = config.source.parent_path();
  fs::path dir;
  toml::source_region where = root.source();
  if (auto station = root["station"]; station.node()) where = station.node()->source();
  std::string origin;
  if (data_dir_override) {
    dir = fs::absolute(*data_dir_override).lexically_normal();
    origin = "from --data-dir";
  } else {
    dir = (written.is_absolute() ? written : config_dir / written).lexically_normal();
    if (auto value = root["station"]["data_dir"]; value.node()) where = value.node()->source();
    origin = "[station].data_dir";
  }
  prepareDataDir(dir, where, origin);
  return dir;
}

}  // namespace

StationConfig loadStationConfig(const fs::path& file,
                                const std::optional<fs::path>& data_dir_override) {
  StationConfig config;
  config.source = fs::absolute(file).lexically_normal();
  const toml::table root = parseFile(file);
  config::checkTopLevel(root);
  config.station = config::readStation(root);
  config.windows = config::readWindows(root);
  config.station.data_dir =
      resolveDataDir(config, root, config.station.data_dir, data_dir_override);
  config.channels = config::readChannels(root, config.station.data_dir);
  config.relays = config::readRelays(root);
  config.emergency = config::readEmergency(root);
  config.api = config::readApi(root, config.source.parent_path());
  config::validateStation(config, root);
  return config;
}

}  // namespace wardcast
