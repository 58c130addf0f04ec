#pragma once
// Daemon runs: one row per start of wardcastd, with its last sign of life
// (the daemon touches it every second) and, after a clean stop, when it
// stopped. On start the daemon reads the previous run: one with no stop is
// a crash or a kill, and its last sign of life bounds what was on air and
// when the station went off air.
#include <cstdint>
#include <optional>

#include "util/civil_time.hpp"
#include "util/result.hpp"

namespace SQLite {
class Database;
}

namespace wardcast {

struct DaemonRun {
  std::int64_t id = 0;
  int pid = 0;
  SysMillis started{};
  SysMillis alive{};
  std::optional<SysMillis> stopped;  // none: crashed or killed
};

class DaemonRuns {
 public:
  explicit DaemonRuns(SQLite::Database& db) : db_(db) {}

  // The latest run, if any.
  Result<std::optional<DaemonRun>> last();
  // Records a new run; returns its id.
  Result<std::int64_t> begin(int pid, SysMillis now);
  Status alive(std::int64_t id, SysMillis now);
  Status stopped(std::int64_t id, SysMillis now);

 private:
  SQLite::Database& db_;
};

}  // namespace wardcast
