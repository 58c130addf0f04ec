#pragma once
// The as-run log: what really aired, with real times (SPEC §6). Written by
// playout (the daemon's as-run recorder), read by `wardcast asrun` and
// `wardcast report`.
//
// The daemon opens a record when an item starts (status on_air) and closes
// it when it ends, each in its own transaction: a crash between the two
// leaves the record open, and the next start closes it as interrupted
// (closeOpen()). So no airing is lost and none is written twice.
#include <optional>
#include <string>
#include <vector>

#include "content/content_model.hpp"
#include "util/result.hpp"

namespace SQLite {
class Database;
}

namespace wardcast {

class AsRunLog {
 public:
  explicit AsRunLog(SQLite::Database& db) : db_(db) {}

  // Appends one finished record; returns its id.
  Result<std::int64_t> append(const AsRunEntry& entry);
  // Opens a record for an airing that has just started (its status is
  // stored as on_air whatever `entry` says); returns its id.
  Result<std::int64_t> open(const AsRunEntry& entry);
  // Closes the open record `id`. kNotFound when it is not open.
  Status close(std::int64_t id, SysMillis end, AsRunStatus status, const std::string& reason = {});
  // Records still open (on_air), oldest first: after a crash, the airings
  // it cut off.
  Result<std::vector<AsRunEntry>> openRecords();
  // Records starting in [from, to), by start; one channel when given.
  Result<std::vector<AsRunEntry>> range(SysMillis from, SysMillis to,
                                        const std::optional<std::string>& channel = std::nullopt);

 private:
  Result<std::int64_t> insert(const AsRunEntry& entry, AsRunStatus status, const char* what);
  Result<std::vector<AsRunEntry>> select(const std::string& where, SysMillis from, SysMillis to,
                                         const std::optional<std::string>& channel);

  SQLite::Database& db_;
};

}  // namespace wardcast
