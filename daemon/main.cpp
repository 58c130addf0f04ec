// wardcastd: the station on air by itself (SPEC §4, docs/daemon.md).
// Parses the command line, loads the station, builds a Station and runs
// the loop; nothing else. SIGTERM/SIGINT stop it, SIGHUP reloads the
// station file (a file that fails validation is refused with its
// file:line:column message and the running station stays).
#include <CLI/CLI.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <spdlog/spdlog.h>

#include <filesystem>
#include <functional>
#include <iostream>
#include <optional>

#include "config/station_config.hpp"
#include "daemon/exit_codes.hpp"
#include "daemon/station.hpp"
#include "util/wall_clock.hpp"

namespace {

using namespace wardcast;
using namespace wardcast::daemon;

struct Options {
  std::optional<std::filesystem::path> config;
  std::optional<std::filesystem::path> data_dir;
};

StationConfig load(const Options& options) {
  return loadStationConfig(options.config.value_or(defaultConfigPath()), options.data_dir);
}

int exitCodeFor(const Error& error) {
  switch (error.kind) {
    case ErrorKind::kInvalidInput: return kExitConfig;
    case ErrorKind::kInternal: return kExitSoftware;
    default: return kExitUnavailable;
  }
}

int run(const Options& options) {
  auto clock = WallClock::fromEnvironment();
  if (!clock) {
    std::cerr << "wardcastd: " << clock.error().message << "\n";
    return kExitConfig;
  }
  std::optional<StationConfig> config;
  try {
    config = load(options);
  } catch (const ConfigError& e) {
    std::cerr << e.what() << "\n";
    return kExitConfig;
  }
  boost::asio::io_context io;
  auto station = Station::create(io.get_executor(), std::move(*config), *clock);
  if (!station) {
    std::cerr << "wardcastd: " << station.error().message << "\n";
    return exitCodeFor(station.error());
  }
  if (auto started = (*station)->start(); !started) {
    std::cerr << "wardcastd: " << started.error().message << "\n";
    return exitCodeFor(started.error());
  }
  boost::asio::signal_set stop_signals(io, SIGINT, SIGTERM);
  stop_signals.async_wait([&](boost::system::error_code ec, int) {
    if (ec) return;
    spdlog::info("stopping");
    (*station)->stop();
    io.stop();
  });
  boost::asio::signal_set reload_signal(io, SIGHUP);
  std::function<void(boost::system::error_code, int)> on_hup = [&](boost::system::error_code ec, int) {
    if (ec) return;
    try {
      (*station)->reload(load(options));
      spdlog::info("reloaded {}", (*station)->config().source.string());
    } catch (const ConfigError& e) {
      spdlog::error("reload refused, the running station stays: {}", e.what());
    }
    reload_signal.async_wait(on_hup);
  };
  reload_signal.async_wait(on_hup);
  io.run();
  return kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"wardcastd: the Wardcast station daemon"};
  Options options;
  app.add_option("--config", options.config, "station file (default /etc/wardcast/wardcast.toml, else the demo)");
  app.add_option("--data-dir", options.data_dir, "data directory (overrides [station] data_dir)");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? kExitOk : kExitUsage;
  }
  try {
    return run(options);
  } catch (const std::exception& e) {
    std::cerr << "wardcastd: internal error: " << e.what() << "\n";
    return kExitSoftware;
  }
}
