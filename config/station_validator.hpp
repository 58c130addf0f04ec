#pragma once
// Loader internals (not for use outside config/): the checks that span
// sections of the station file, run once every section has been read:
// duplicate ids, overlapping windows, channels naming undeclared windows,
// relay targets and emergency groups that reach no channel. Throws
// ConfigError at the offending value, found again in `root` by its path.
#include <toml++/toml.h>

#include "config/station_config.hpp"

namespace wardcast::config {

void validateStation(const StationConfig& config, const toml::table& root);

}  // namespace wardcast::config
