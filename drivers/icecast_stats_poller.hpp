#pragma once
// IcecastStatsPoller: asks an Icecast server how many listeners each mount
// point has, every `interval`, and reports each answer (or failure) as an
// IcecastListenerReport. Plain HTTP GET with Boost.Beast:
//   - without admin credentials: GET /status-json.xsl (public mounts only);
//   - with them: GET /admin/stats with Basic auth (XML; hidden mounts too).
// Each request has `timeout` for resolve+connect+write+read together.
//
// Threads: no threads of its own. All I/O, timers and the handler run on
// `executor` (the owner's io_context); call every member function there and
// destroy the poller there. Destroying it cancels the poll in flight; the
// handler is not called after that.
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <boost/asio/any_io_executor.hpp>

#include "drivers/icecast_stats.hpp"
#include "util/result.hpp"

namespace wardcast::drivers {

struct IcecastPollerConfig {
  std::string host = "127.0.0.1";
  int port = 8000;
  std::optional<std::string> admin_user;  // both set: use /admin/stats
  std::optional<std::string> admin_password;
  std::chrono::milliseconds interval{std::chrono::seconds(10)};
  std::chrono::milliseconds timeout{std::chrono::seconds(3)};
};

// The server and mount of an Icecast output URI from the station config
// (`icecast://source:secret@127.0.0.1:8000/ward.mp3`). The source password is
// not an admin password, so the config polls /status-json.xsl.
struct IcecastOutputTarget {
  IcecastPollerConfig server;
  std::string mount;  // "/ward.mp3"
};
Result<IcecastOutputTarget> icecastTargetFor(std::string_view output_uri);

class IcecastStatsPoller {
 public:
  using ReportHandler = std::function<void(const IcecastListenerReport&)>;

  IcecastStatsPoller(boost::asio::any_io_executor executor, IcecastPollerConfig config,
                     ReportHandler on_report);
  ~IcecastStatsPoller();
  IcecastStatsPoller(const IcecastStatsPoller&) = delete;
  IcecastStatsPoller& operator=(const IcecastStatsPoller&) = delete;

  // Polls now, then `interval` after each answer, until stop().
  void start();
  void stop();

 private:
  class Impl;
  std::shared_ptr<Impl> impl_;
};

}  // namespace wardcast::drivers
