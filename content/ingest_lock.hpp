#pragma once
// IngestLock: tells Store::open's orphan sweep that an ingest is under way
// in this data directory, so that a file already moved into assets/ but not
// yet referenced by a row is not taken for an orphan. Hold one from before
// ingestFile() until the item's row is committed.
//
// It is an flock(2) on data_dir/ingest.lock: shared for ingests, exclusive
// (non-blocking) for the sweep. The kernel drops it when the process dies,
// so a killed ingest never blocks later sweeps.
#include <filesystem>

#include "util/result.hpp"

namespace wardcast {

class IngestLock {
 public:
  enum class Mode { kShared = 1, kExclusive };

  // kShared waits for a running sweep; kExclusive fails with kConflict at
  // once when any ingest holds the lock.
  static Result<IngestLock> acquire(const std::filesystem::path& data_dir, Mode mode);

  IngestLock(IngestLock&& other) noexcept;
  IngestLock& operator=(IngestLock&& other) noexcept;
  IngestLock(const IngestLock&) = delete;
  IngestLock& operator=(const IngestLock&) = delete;
  ~IngestLock();

 private:
  explicit IngestLock(int fd) noexcept : fd_(fd) {}
  int fd_ = -1;
};

}  // namespace wardcast
