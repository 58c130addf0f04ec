#include "content/store.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include "content/ingest_lock.hpp"
#include "content/schema.hpp"
#include "content/store_sweep.hpp"

namespace wardcast {
namespace fs = std::filesystem;

namespace {

Status makeDirectories(const fs::path& data_dir) {
  for (const auto& dir : {data_dir, data_dir / "assets", data_dir / "tmp"}) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) return makeError(ErrorKind::kIo, "cannot create " + dir.string() + ": " + ec.message());
  }
  return okStatus();
}

std::unique_ptr<SQLite::Database> openDatabase(const fs::path& file) {
  auto db = std::make_unique<SQLite::Database>(file.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE,
                                               static_cast<int>(Store::kBusyTimeout.count()));
  db->exec("PRAGMA journal_mode = WAL");
  db->exec("PRAGMA synchronous = FULL");
  db->exec("PRAGMA foreign_keys = ON");
  return db;
}

}  // namespace

Store::Store(fs::path data_dir, std::unique_ptr<SQLite::Database> db)
    : data_dir_(std::move(data_dir)), db_(std::move(db)) {}

Store::~Store() = default;

Status Store::commitWithoutFsync() {
  try {
    db_->exec("PRAGMA synchronous = NORMAL");
    return okStatus();
  } catch (const std::exception& e) {
    return makeError(ErrorKind::kIo, std::string("PRAGMA synchronous: ") + e.what());
  }
}

Result<std::unique_ptr<Store>> Store::open(const fs::path& data_dir) {
  if (auto made = makeDirectories(data_dir); !made) return made.error();
  std::unique_ptr<Store> store;
  try {
    auto db = openDatabase(data_dir / "wardcast.db");
    store.reset(new Store(data_dir, std::move(db)));
    store->report_.schema_version_before = currentSchemaVersion(*store->db_);
    migrateSchema(*store->db_);
    store->report_.schema_version = currentSchemaVersion(*store->db_);
  } catch (const std::exception& e) {
    return makeError(ErrorKind::kIo, "cannot open the database " + (data_dir / "wardcast.db").string() + ": " + e.what());
  }
  try {
    auto lock = IngestLock::acquire(data_dir, IngestLock::Mode::kExclusive);
    if (lock) {
      sweepOrphans(*store->db_, data_dir, store->report_);
      store->report_.swept = true;
    } else {
      findMissingAssets(*store->db_, data_dir, store->report_);
    }
  } catch (const std::exception& e) {
    return makeError(ErrorKind::kIo, "cannot sweep " + data_dir.string() + ": " + e.what());
  }
  return store;
}

Result<std::int64_t> Store::dataVersion() {
  try {
    return db_->execAndGet("PRAGMA data_version").getInt64();
  } catch (const std::exception& e) {
    return makeError(ErrorKind::kIo, std::string("reading the database's data_version failed: ") + e.what());
  }
}

Result<std::string> Store::integrityCheck() {
  try {
    SQLite::Statement st(*db_, "PRAGMA integrity_check");
    std::string out;
    while (st.executeStep()) {
      if (!out.empty()) out += "\n";
      out += st.getColumn(0).getString();
    }
    return out;
  } catch (const std::exception& e) {
    return makeError(ErrorKind::kIo, std::string("integrity check failed to run: ") + e.what());
  }
}

}  // namespace wardcast
