#pragma once
// ChannelLock: a channel is played by one process at a time, wardcastd or
// `wardcast play`. The lock is an flock(2) on DATA_DIR/locks/CHANNEL.lock,
// which holds who took it ("wardcastd pid 812" or "wardcast play pid 90"),
// so the one refused can say who plays the channel. The kernel drops the
// lock when its holder dies, even by kill -9: no stale locks.
#include <filesystem>
#include <string>

#include "util/result.hpp"

namespace wardcast::playout {

class ChannelLock {
 public:
  // Takes the lock for `channel` under `data_dir`, naming `holder`. Fails
  // with kConflict ("channel ward is played by wardcastd pid 812") when
  // another process holds it.
  static Result<ChannelLock> acquire(const std::filesystem::path& data_dir, const std::string& channel,
                                     const std::string& holder);
  ChannelLock(ChannelLock&& other) noexcept;
  ChannelLock& operator=(ChannelLock&& other) noexcept;
  ChannelLock(const ChannelLock&) = delete;
  ChannelLock& operator=(const ChannelLock&) = delete;
  ~ChannelLock();

 private:
  explicit ChannelLock(int fd) : fd_(fd) {}
  int fd_ = -1;
};

}  // namespace wardcast::playout
