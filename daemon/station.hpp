#pragma once
// Station: the daemon's composition root. It owns the store, one
// ChannelRunner per channel of the station file (each with its
// ChannelPlayout from scheduler/playout), the API router and its Unix
// socket server, the store watcher and the heartbeat, and wires them with
// narrow callbacks:
//   store watcher ── "the store changed" ──► every runner's refresh()
//   runners ── state() ──► the status route
//   heartbeat ── alive ──► the store's daemon run, systemd's watchdog
// It holds no logic of its own beyond that (docs/daemon.md).
//
// Threads: everything runs on the one executor main() hands in.
#include <memory>
#include <optional>
#include <vector>

#include <boost/asio/any_io_executor.hpp>

#include "config/station_config.hpp"
#include "content/store.hpp"
#include "daemon/api_router.hpp"
#include "daemon/channel_runner.hpp"
#include "daemon/heartbeat.hpp"
#include "daemon/http_server.hpp"
#include "daemon/store_watcher.hpp"
#include "daemon/systemd_notifier.hpp"
#include "util/wall_clock.hpp"

namespace wardcast::daemon {

class Station {
 public:
  // Opens the store and the API socket and builds every channel. The
  // error's kind tells main() the exit code: kInvalidInput for the
  // station file, kConflict when another daemon serves it, kIo otherwise.
  static Result<std::unique_ptr<Station>> create(boost::asio::any_io_executor executor, StationConfig config,
                                                 const WallClock& clock);
  ~Station();

  // Every channel on air, the API answering; READY=1 to systemd.
  Status start();
  // SIGHUP with a station file that loaded: unchanged channels keep
  // playing, changed ones are rebuilt, removed ones go off air.
  void reload(StationConfig config);
  // Off air (what is on air is logged as interrupted); the loop then runs
  // out of work and main() returns.
  void stop();

  const StationConfig& config() const { return *config_; }

 private:
  Station(boost::asio::any_io_executor executor, std::shared_ptr<const StationConfig> config, TimeZone zone,
          std::unique_ptr<Store> store, const WallClock& clock);
  Status buildRunners();
  void refreshAll();
  std::vector<ChannelState> channelStates() const;

  boost::asio::any_io_executor executor_;
  std::shared_ptr<const StationConfig> config_;
  TimeZone zone_;
  std::unique_ptr<Store> store_;
  const WallClock& clock_;
  SystemdNotifier notifier_;
  std::optional<DaemonRun> previous_run_;
  std::int64_t run_id_ = 0;
  // One RTSP server per address and port for every LED screen.
  std::shared_ptr<media::led::RtspHostPool> rtsp_hosts_;
  std::vector<std::unique_ptr<ChannelRunner>> runners_;
  ApiRouter router_;
  std::unique_ptr<HttpServer> api_;
  StoreWatcher watcher_;
  std::unique_ptr<Heartbeat> heartbeat_;
  SysMillis started_{};
};

}  // namespace wardcast::daemon
