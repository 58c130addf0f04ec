#include "daemon/systemd_notifier.hpp"

#include <systemd/sd-daemon.h>

namespace wardcast::daemon {

void SystemdNotifier::ready(const std::string& status) const {
  sd_notify(0, ("READY=1\nSTATUS=" + status).c_str());
}

void SystemdNotifier::reloading() const { sd_notify(0, "RELOADING=1\nSTATUS=reloading the station config"); }

void SystemdNotifier::stopping() const { sd_notify(0, "STOPPING=1\nSTATUS=stopping"); }

void SystemdNotifier::status(const std::string& status) const { sd_notify(0, ("STATUS=" + status).c_str()); }

void SystemdNotifier::watchdog() const { sd_notify(0, "WATCHDOG=1"); }

std::optional<std::chrono::milliseconds> SystemdNotifier::watchdogInterval() const {
  std::uint64_t usec = 0;
  if (sd_watchdog_enabled(0, &usec) <= 0 || usec == 0) return std::nullopt;
  return std::chrono::milliseconds(usec / 2000);
}

}  // namespace wardcast::daemon
