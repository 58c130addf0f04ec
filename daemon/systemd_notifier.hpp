#pragma once
// Tells systemd how the daemon is doing (sd_notify(3), libsystemd): READY=1
// once every channel is on air, RELOADING=1 / READY=1 around a SIGHUP
// reload, STOPPING=1, a STATUS= line, and WATCHDOG=1 pings from the loop.
// Outside systemd (no NOTIFY_SOCKET) every call does nothing.
//
// Threads: call from the daemon's loop only.
#include <chrono>
#include <optional>
#include <string>

namespace wardcast::daemon {

class SystemdNotifier {
 public:
  void ready(const std::string& status) const;
  void reloading() const;
  void stopping() const;
  void status(const std::string& status) const;
  void watchdog() const;
  // Half the WatchdogSec= systemd set for this process, or none.
  std::optional<std::chrono::milliseconds> watchdogInterval() const;
};

}  // namespace wardcast::daemon
