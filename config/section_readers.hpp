#pragma once
// Loader internals (not for use outside config/): one reader per section of
// the station file. Each checks what can be checked inside its own section
// (keys, types, formats, ranges) and throws ConfigError at the offending
// position; cross-section checks are in station_validator.hpp.
#include <toml++/toml.h>

#include <filesystem>
#include <vector>

#include "config/station_config.hpp"

namespace wardcast::config {

// The keys allowed at the top level of the file.
void checkTopLevel(const toml::table& root);

// [station]. Relative data_dir is left as written; the loader resolves it.
StationSettings readStation(const toml::table& root);
// [[window]]
std::vector<Window> readWindows(const toml::table& root);
// [[channel]]. A relative file: output is made absolute under `data_dir`.
std::vector<Channel> readChannels(const toml::table& root, const std::filesystem::path& data_dir);
// [[relay]]
std::vector<Relay> readRelays(const toml::table& root);
// [emergency] and its [[emergency.area]] tables.
EmergencySettings readEmergency(const toml::table& root);
// [api]. Relative TLS paths are resolved against `config_dir`.
ApiSettings readApi(const toml::table& root, const std::filesystem::path& config_dir);

// Shared by the readers: "HH:MM" (or a TOML time with zero seconds) -> minutes.
// Throws at the value when malformed.
MinuteOfDay readClock(const toml::node& node, const std::string& what);

}  // namespace wardcast::config
