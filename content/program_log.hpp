#pragma once
// The program log: planned entries per channel. The planner replaces a
// time range at once (pinned entries survive); `pin` adds a fixed entry.
// Times are UTC instants; a range [from, to) selects entries that start in it.
#include <optional>
#include <string>
#include <vector>

#include "content/content_model.hpp"
#include "util/result.hpp"

namespace SQLite {
class Database;
}

namespace wardcast {

class ProgramLog {
 public:
  explicit ProgramLog(SQLite::Database& db) : db_(db) {}

  // In one transaction: deletes the unpinned entries starting in
  // [from, to) (on `channels` only, when given) and inserts `entries`
  // (their id is ignored; pinned flags are kept as given). kInvalidInput
  // when an entry ends before it starts.
  Status replaceRange(SysMillis from, SysMillis to, const std::vector<PlannedEntry>& entries,
                      const std::string& actor,
                      const std::optional<std::vector<std::string>>& channels = std::nullopt);
  // Entries starting in [from, to), by channel then start; one channel when given.
  Result<std::vector<PlannedEntry>> range(SysMillis from, SysMillis to,
                                          const std::optional<std::string>& channel = std::nullopt);
  // Pinned entries starting in [from, to).
  Result<std::vector<PlannedEntry>> pins(SysMillis from, SysMillis to);
  // Adds `entry` as pinned; returns it with its id.
  Result<PlannedEntry> pin(PlannedEntry entry, const std::string& actor);
  // Removes a pinned entry. kNotFound when there is none with this id.
  Status unpin(std::int64_t entry_id, const std::string& actor);
  Result<PlannedEntry> get(std::int64_t entry_id);

 private:
  SQLite::Database& db_;
};

}  // namespace wardcast
