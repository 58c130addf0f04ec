#include "cli/cli_context.hpp"

namespace wardcast::cli {

StationConfig CliContext::loadConfig() const {
  return loadStationConfig(config_path.value_or(defaultConfigPath()), data_dir);
}

}  // namespace wardcast::cli
