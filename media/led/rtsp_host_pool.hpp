#pragma once
// RtspHostPool: one RtspServerHost per ADDRESS:PORT, shared by every LED
// screen that serves there. The demo station's two screens are
// rtsp://127.0.0.1:8554/led-sanh and rtsp://127.0.0.1:8554/led-quay: one
// server with two mounts, as a viewer expects, not two servers fighting for
// the port. A host lives while a screen holds it; the pool only remembers
// it (weakly), so the last screen to go closes the port.
//
// Port 0 ("the system picks one") is never shared: each caller gets a host
// of its own.
//
// Threads: the executor's, as RtspServerHost.
#include <map>
#include <memory>
#include <string>
#include <utility>

#include <boost/asio/any_io_executor.hpp>

#include "media/led/rtsp_server_host.hpp"
#include "util/result.hpp"

namespace wardcast::media::led {

class RtspHostPool {
 public:
  explicit RtspHostPool(boost::asio::any_io_executor executor) : executor_(std::move(executor)) {}

  // The host serving `address`:`port`, started when none is alive.
  Result<std::shared_ptr<RtspServerHost>> acquire(const std::string& address, int port);

 private:
  boost::asio::any_io_executor executor_;
  std::map<std::pair<std::string, int>, std::weak_ptr<RtspServerHost>> hosts_;
};

}  // namespace wardcast::media::led
