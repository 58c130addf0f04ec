#pragma once
// The orphan sweep run by Store::open (private to content/). Call with the
// exclusive IngestLock held, after migrations.
#include <filesystem>

namespace SQLite {
class Database;
}

namespace wardcast {

struct OpenReport;

// Removes everything under data_dir/tmp and every file under
// data_dir/assets that no asset row names; lists asset rows whose file is
// missing. Fills the matching fields of `report`.
void sweepOrphans(SQLite::Database& db, const std::filesystem::path& data_dir, OpenReport& report);
// Lists asset rows whose file is missing, without removing anything.
void findMissingAssets(SQLite::Database& db, const std::filesystem::path& data_dir, OpenReport& report);

}  // namespace wardcast
