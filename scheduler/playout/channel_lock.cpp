#include "scheduler/playout/channel_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

namespace wardcast::playout {

Result<ChannelLock> ChannelLock::acquire(const std::filesystem::path& data_dir, const std::string& channel,
                                         const std::string& holder) {
  std::filesystem::path dir = data_dir / "locks";
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  std::filesystem::path file = dir / (channel + ".lock");
  int fd = ::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0640);
  if (fd < 0) return makeError(ErrorKind::kIo, "cannot open " + file.string() + ": " + std::strerror(errno));
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    char text[256] = {};
    ssize_t n = ::pread(fd, text, sizeof text - 1, 0);
    ::close(fd);
    std::string who = n > 0 ? std::string(text, static_cast<std::size_t>(n)) : "another process";
    return makeError(ErrorKind::kConflict, "channel " + channel + " is played by " + who +
                                               " (one process plays a channel at a time)");
  }
  if (::ftruncate(fd, 0) == 0) {
    ssize_t written = ::pwrite(fd, holder.data(), holder.size(), 0);
    (void)written;  // the lock holds without the note
  }
  return ChannelLock(fd);
}

ChannelLock::ChannelLock(ChannelLock&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}

ChannelLock& ChannelLock::operator=(ChannelLock&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = std::exchange(other.fd_, -1);
  }
  return *this;
}

ChannelLock::~ChannelLock() {
  if (fd_ >= 0) ::close(fd_);
}

}  // namespace wardcast::playout
