#include "media/led/rtsp_host_pool.hpp"

namespace wardcast::media::led {

Result<std::shared_ptr<RtspServerHost>> RtspHostPool::acquire(const std::string& address, int port) {
  auto key = std::make_pair(address, port);
  if (port != 0)
    if (auto it = hosts_.find(key); it != hosts_.end())
      if (auto alive = it->second.lock()) return alive;
  auto made = RtspServerHost::create(executor_, address, port);
  if (!made) return made.error();
  std::shared_ptr<RtspServerHost> host = std::move(*made);
  if (port != 0) hosts_[key] = host;
  return host;
}

}  // namespace wardcast::media::led
