#pragma once
// The audit log: who changed what, when (SPEC §8). Repositories write it
// inside their own transactions; other modules (live announcements,
// emergencies) call record().
#include <cstddef>
#include <string>
#include <vector>

#include "content/content_model.hpp"
#include "util/result.hpp"

namespace SQLite {
class Database;
}

namespace wardcast {

class AuditLog {
 public:
  explicit AuditLog(SQLite::Database& db) : db_(db) {}

  Status record(const std::string& who, const std::string& what, const std::string& details);
  // Entries at or after `from` and before `to`, oldest first.
  Result<std::vector<AuditEntry>> range(SysMillis from, SysMillis to);
  // The newest `limit` entries, oldest first.
  Result<std::vector<AuditEntry>> recent(std::size_t limit);

 private:
  SQLite::Database& db_;
};

}  // namespace wardcast
