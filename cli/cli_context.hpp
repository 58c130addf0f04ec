#pragma once
// What every `wardcast` subcommand shares: the global flags and the errors
// that map to exit codes (SPEC §4): 0 success, 1 user error, 2 usage error.
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>

#include "config/station_config.hpp"
#include "util/wall_clock.hpp"

namespace CLI {
class App;
}

namespace wardcast::cli {

// A user error: bad input, a refused action. main() prints what() on
// standard error and exits 1.
class UserError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct CliContext {
  std::optional<std::filesystem::path> config_path;  // --config
  std::optional<std::filesystem::path> data_dir;     // --data-dir
  std::optional<std::string> user;                   // --user
  WallClock clock;  // "now" for every command (WARDCAST_NOW, util/wall_clock.hpp)

  // Loads the station (demo station when nothing is configured), with
  // --data-dir applied. Throws ConfigError.
  StationConfig loadConfig() const;
};

// Each command family registers its subcommands on the root app. The
// callbacks capture `ctx` by reference; it outlives the app (main's stack).
void registerUserCommands(CLI::App& app, CliContext& ctx);
void registerItemCommands(CLI::App& app, CliContext& ctx);      // bulletin, clip, approve, reject
void registerPlanCommands(CLI::App& app, CliContext& ctx);      // plan import|check|apply, pin
void registerScheduleCommands(CLI::App& app, CliContext& ctx);  // schedule show|export, report
void registerPlayCommands(CLI::App& app, CliContext& ctx);      // play
void registerDaemonCommands(CLI::App& app, CliContext& ctx);    // status, asrun

}  // namespace wardcast::cli
