#include "daemon/store_watcher.hpp"

#include <spdlog/spdlog.h>

namespace wardcast::daemon {

StoreWatcher::StoreWatcher(boost::asio::any_io_executor executor, Store& store, std::function<void()> on_change)
    : timer_(std::move(executor)), store_(store), on_change_(std::move(on_change)) {}

void StoreWatcher::start() {
  if (auto version = store_.dataVersion()) version_ = *version;
  timer_.expires_after(kInterval);
  timer_.async_wait([this](boost::system::error_code ec) {
    if (!ec) poll();
  });
}

void StoreWatcher::stop() {
  stopped_ = true;
  timer_.cancel();
}

void StoreWatcher::poll() {
  if (stopped_) return;
  auto version = store_.dataVersion();
  if (!version) {
    spdlog::warn("store watcher: {}", version.error().message);
  } else if (*version != version_) {
    version_ = *version;
    on_change_();
  }
  timer_.expires_after(kInterval);
  timer_.async_wait([this](boost::system::error_code ec) {
    if (!ec) poll();
  });
}

}  // namespace wardcast::daemon
