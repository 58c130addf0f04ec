#include "content/store_sweep.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <set>
#include <string>

#include "content/store.hpp"

namespace wardcast {
namespace fs = std::filesystem;

namespace {

// A temp file that some process holds an flock on is still being written
// (ingest's convention); everything else in tmp/ is a leftover.
bool inUse(const fs::path& file) {
  int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) return false;
  bool busy = ::flock(fd, LOCK_EX | LOCK_NB) != 0;
  ::close(fd);
  return busy;
}

void sweepTemp(const fs::path& data_dir, OpenReport& report) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(data_dir / "tmp", ec)) {
    if (entry.is_regular_file(ec) && inUse(entry.path())) continue;
    std::error_code rm;
    fs::remove_all(entry.path(), rm);
    if (!rm) report.removed_temp_files.push_back(entry.path());
  }
}

std::set<std::string> referencedPaths(SQLite::Database& db) {
  std::set<std::string> paths;
  SQLite::Statement st(db, "SELECT relative_path FROM assets");
  while (st.executeStep()) paths.insert(st.getColumn(0).getString());
  return paths;
}

}  // namespace

void findMissingAssets(SQLite::Database& db, const fs::path& data_dir, OpenReport& report) {
  SQLite::Statement st(db, "SELECT sha256, relative_path FROM assets ORDER BY sha256");
  while (st.executeStep()) {
    std::string rel = st.getColumn(1).getString();
    std::error_code ec;
    if (!fs::is_regular_file(data_dir / rel, ec))
      report.missing_asset_files.push_back(st.getColumn(0).getString() + " " + rel);
  }
}

void sweepOrphans(SQLite::Database& db, const fs::path& data_dir, OpenReport& report) {
  sweepTemp(data_dir, report);
  auto referenced = referencedPaths(db);
  std::error_code ec;
  std::vector<fs::path> orphans;
  for (auto it = fs::recursive_directory_iterator(data_dir / "assets", ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_directory(ec)) continue;
    auto rel = fs::relative(it->path(), data_dir, ec).generic_string();
    if (!referenced.count(rel)) orphans.push_back(it->path());
  }
  for (const auto& file : orphans) {
    std::error_code rm;
    if (fs::remove(file, rm)) report.removed_orphan_files.push_back(file);
  }
  findMissingAssets(db, data_dir, report);
}

}  // namespace wardcast
