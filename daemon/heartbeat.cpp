#include "daemon/heartbeat.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

namespace wardcast::daemon {

Heartbeat::Heartbeat(boost::asio::any_io_executor executor, Store& store, std::int64_t run_id,
                     const WallClock& clock, const SystemdNotifier& notifier)
    : timer_(std::move(executor)), store_(store), run_id_(run_id), clock_(clock), notifier_(notifier) {
  if (auto watchdog = notifier_.watchdogInterval()) interval_ = std::min(interval_, *watchdog);
}

void Heartbeat::start() { tick(); }

void Heartbeat::stop() {
  stopped_ = true;
  timer_.cancel();
}

void Heartbeat::tick() {
  if (stopped_) return;
  if (auto alive = store_.daemonRuns().alive(run_id_, clock_.now()); !alive)
    spdlog::warn("heartbeat: {}", alive.error().message);
  notifier_.watchdog();
  timer_.expires_after(interval_);
  timer_.async_wait([this](boost::system::error_code ec) {
    if (!ec) tick();
  });
}

}  // namespace wardcast::daemon
