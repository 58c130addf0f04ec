#pragma once
// Store: the content database at data_dir/wardcast.db (SQLite through
// SQLiteCpp, WAL, foreign keys on) and its repositories. No SQL lives
// outside content/; everything else reads and writes through this API.
//
// Opening migrates the schema to the latest version (content/schema.hpp)
// and sweeps orphans: asset files under data_dir/assets with no row and
// leftovers in data_dir/tmp are removed; rows whose asset file is missing
// are reported in openReport(), never silently deleted. The sweep is
// skipped while another process holds an IngestLock (content/ingest_lock.hpp).
//
// Every change runs in one IMMEDIATE transaction that also writes the
// audit log (who, what, when). Several processes may open the same
// database at once (the daemon and the command line); writers wait up to
// kBusyTimeout for each other.
//
// Threads: a Store and its repositories are used from one thread at a time.
// Repositories are cheap views; they must not outlive their Store.
#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "content/as_run_log.hpp"
#include "content/audit_log.hpp"
#include "content/campaign_repository.hpp"
#include "content/daemon_runs.hpp"
#include "content/item_repository.hpp"
#include "content/program_log.hpp"
#include "content/user_repository.hpp"
#include "util/result.hpp"

namespace SQLite {
class Database;
}

namespace wardcast {

// What opening found and did.
struct OpenReport {
  int schema_version_before = 0;  // 0 for a new database
  int schema_version = 0;         // after migrations
  bool swept = false;             // false when an ingest was running
  std::vector<std::filesystem::path> removed_orphan_files;  // under assets/
  std::vector<std::filesystem::path> removed_temp_files;    // under tmp/
  // Asset rows whose file is gone: "sha256 relative/path" each.
  std::vector<std::string> missing_asset_files;
};

class Store {
 public:
  static constexpr std::chrono::milliseconds kBusyTimeout{10000};

  // Opens (creating if needed) data_dir/wardcast.db, migrates, sweeps.
  // Creates data_dir, data_dir/assets and data_dir/tmp when missing.
  static Result<std::unique_ptr<Store>> open(const std::filesystem::path& data_dir);

  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  const std::filesystem::path& dataDir() const { return data_dir_; }
  std::filesystem::path databasePath() const { return data_dir_ / "wardcast.db"; }
  const OpenReport& openReport() const { return report_; }

  UserRepository users() { return UserRepository(*db_); }
  CampaignRepository campaigns() { return CampaignRepository(*db_); }
  ItemRepository items() { return ItemRepository(*db_); }
  ProgramLog programLog() { return ProgramLog(*db_); }
  AsRunLog asRunLog() { return AsRunLog(*db_); }
  AuditLog audit() { return AuditLog(*db_); }
  DaemonRuns daemonRuns() { return DaemonRuns(*db_); }

  // SQLite's PRAGMA data_version: changes whenever another connection (the
  // command line, another process) commits to the database, not on this
  // Store's own writes. The daemon polls it to pick up approvals, pins and
  // plan applies without a restart.
  Result<std::int64_t> dataVersion();

  // Commits on this connection stop waiting for the disk (PRAGMA
  // synchronous = NORMAL under WAL): a commit survives the process being
  // killed, only a power loss or kernel crash may undo the last ones. The
  // daemon's connection takes it for the as-run log and its heartbeat, so
  // that a commit costs no fsync on the loop that sends the audio; staff's
  // changes (other connections) stay FULL.
  Status commitWithoutFsync();

  // "ok", or SQLite's list of problems (PRAGMA integrity_check).
  Result<std::string> integrityCheck();

 private:
  Store(std::filesystem::path data_dir, std::unique_ptr<SQLite::Database> db);

  std::filesystem::path data_dir_;
  std::unique_ptr<SQLite::Database> db_;
  OpenReport report_;
};

}  // namespace wardcast
