#pragma once
// StoreWatcher: notices when another process (the command line, the
// console's writes through another connection) commits to the store, by
// polling SQLite's PRAGMA data_version every kInterval, and calls its
// handler once per change. So approvals, rejections, pins and `plan apply`
// reach the channels within a second without a restart.
//
// Polling a pragma is a read of a counter in shared memory (WAL), cheap
// enough to do four times a second; inotify on the database file would
// fire on the daemon's own writes too.
//
// Threads: runs on the executor it is given; the handler runs there.
#include <chrono>
#include <cstdint>
#include <functional>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>

#include "content/store.hpp"

namespace wardcast::daemon {

class StoreWatcher {
 public:
  static constexpr std::chrono::milliseconds kInterval{250};

  StoreWatcher(boost::asio::any_io_executor executor, Store& store, std::function<void()> on_change);
  void start();
  void stop();

 private:
  void poll();

  boost::asio::steady_timer timer_;
  Store& store_;
  std::function<void()> on_change_;
  std::int64_t version_ = -1;
  bool stopped_ = false;
};

}  // namespace wardcast::daemon
