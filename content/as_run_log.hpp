#pragma once
// The as-run log: what really aired, with real times (SPEC §6). Written by
// playout, read by `wardcast report`.
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

  // Appends one record; returns its id.
  Result<std::int64_t> append(const AsRunEntry& entry);
  // Records starting in [from, to), by start; one channel when given.
  Result<std::vector<AsRunEntry>> range(SysMillis from, SysMillis to,
                                        const std::optional<std::string>& channel = std::nullopt);

 private:
  SQLite::Database& db_;
};

}  // namespace wardcast
