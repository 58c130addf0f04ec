#pragma once
// Heartbeat: every second, proof that the daemon's loop is alive. It writes
// the run's last sign of life to the store (content/daemon_runs.hpp: after a
// kill -9 the next start knows when the station went off air) and pings
// systemd's watchdog, at least twice per WatchdogSec=. A loop that stalls
// stops both, and systemd restarts the daemon.
//
// Threads: runs on the executor it is given.
#include <chrono>
#include <cstdint>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>

#include "content/store.hpp"
#include "daemon/systemd_notifier.hpp"
#include "util/wall_clock.hpp"

namespace wardcast::daemon {

class Heartbeat {
 public:
  Heartbeat(boost::asio::any_io_executor executor, Store& store, std::int64_t run_id, const WallClock& clock,
            const SystemdNotifier& notifier);
  void start();
  void stop();

 private:
  void tick();

  boost::asio::steady_timer timer_;
  Store& store_;
  std::int64_t run_id_;
  const WallClock& clock_;
  const SystemdNotifier& notifier_;
  std::chrono::milliseconds interval_{1000};
  bool stopped_ = false;
};

}  // namespace wardcast::daemon
