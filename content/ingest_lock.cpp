#include "content/ingest_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

namespace wardcast {

Result<IngestLock> IngestLock::acquire(const std::filesystem::path& data_dir, Mode mode) {
  auto file = data_dir / "ingest.lock";
  int fd = ::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0)
    return makeError(ErrorKind::kIo, "cannot open " + file.string() + ": " + std::strerror(errno));
  int op = mode == Mode::kShared ? LOCK_SH : (LOCK_EX | LOCK_NB);
  int rc = 0;
  do {
    rc = ::flock(fd, op);
  } while (rc != 0 && errno == EINTR);
  if (rc != 0) {
    int err = errno;
    ::close(fd);
    if (err == EWOULDBLOCK) return makeError(ErrorKind::kConflict, "an ingest is under way in " + data_dir.string());
    return makeError(ErrorKind::kIo, "cannot lock " + file.string() + ": " + std::strerror(err));
  }
  return IngestLock(fd);
}

IngestLock::IngestLock(IngestLock&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}

IngestLock& IngestLock::operator=(IngestLock&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = std::exchange(other.fd_, -1);
  }
  return *this;
}

IngestLock::~IngestLock() {
  if (fd_ >= 0) ::close(fd_);  // closing the last descriptor releases the flock
}

}  // namespace wardcast
