#include <SQLiteCpp/SQLiteCpp.h>

#include <catch2/catch.hpp>

#include "content/ingest_lock.hpp"
#include "content/schema.hpp"
#include "tests/store/store_test_support.hpp"

using namespace wardcast;
using namespace wardcast::test;
namespace fs = std::filesystem;

TEST_CASE("opening a new data directory creates the database in WAL mode at the latest schema") {
  TempDir dir;
  auto store = openStore(dir.path() / "data");
  CHECK(fs::exists(dir.path() / "data" / "wardcast.db"));
  CHECK(fs::is_directory(dir.path() / "data" / "assets"));
  CHECK(fs::is_directory(dir.path() / "data" / "tmp"));
  CHECK(store->openReport().schema_version_before == 0);
  CHECK(store->openReport().schema_version == latestSchemaVersion());
  CHECK(store->integrityCheck().value() == "ok");

  SQLite::Database raw((dir.path() / "data" / "wardcast.db").string());
  CHECK(raw.execAndGet("PRAGMA journal_mode").getString() == "wal");
}

TEST_CASE("reopening keeps the data and applies no migration twice") {
  TempDir dir;
  {
    auto store = openStore(dir.path());
    REQUIRE(store->users().add("root", Role::kAdmin, std::nullopt, ""));
  }
  auto store = openStore(dir.path());
  CHECK(store->openReport().schema_version_before == latestSchemaVersion());
  CHECK(store->users().find("root").value().role == Role::kAdmin);
}

TEST_CASE("foreign keys are enforced on the store's connection") {
  TempDir dir;
  auto store = openStore(dir.path());
  addStaff(*store);
  // The campaign's topic is created with it; dropping it from the campaign
  // later keeps the topic row that a bulletin still refers to.
  Campaign c{"k1", "K", "UBND", Date{std::chrono::year{2026}, std::chrono::month{1}, std::chrono::day{1}},
             Date{std::chrono::year{2026}, std::chrono::month{12}, std::chrono::day{31}}, "", {}};
  c.topics.push_back(Topic{"t1", "T1", "", "", 3, {}, std::nullopt, std::nullopt, {}});
  REQUIRE(store->campaigns().save(c, "root"));
  auto item = store->items().add(bulletin("t1", "x"), fakeAsset(dir.path(), 'a', std::chrono::seconds(3)), "lan");
  REQUIRE(item);
  c.topics.clear();
  REQUIRE(store->campaigns().save(c, "root"));
  CHECK(store->campaigns().topic("t1").value().campaign_id.empty());
  CHECK(store->items().get(item->id).value().topic_id == "t1");
}

TEST_CASE("opening removes orphan asset files and temp leftovers, and reports rows without files") {
  TempDir dir;
  AssetInfo kept, lost;
  {
    auto store = openStore(dir.path());
    addStaff(*store);
    kept = fakeAsset(dir.path(), 'a', std::chrono::seconds(5));
    lost = fakeAsset(dir.path(), 'b', std::chrono::seconds(6));
    REQUIRE(store->items().add(bulletin("t", "kept"), kept, "lan"));
    REQUIRE(store->items().add(bulletin("t", "lost"), lost, "lan"));
  }
  auto orphan = fakeAsset(dir.path(), 'c', std::chrono::seconds(1));  // a file with no row
  writeFile(dir.path() / "tmp" / "ingest-123.part", "half");
  fs::remove(dir.path() / lost.relative_path);

  auto store = openStore(dir.path());
  const auto& report = store->openReport();
  CHECK(report.swept);
  CHECK(!fs::exists(dir.path() / orphan.relative_path));
  CHECK(fs::exists(dir.path() / kept.relative_path));
  CHECK(fs::is_empty(dir.path() / "tmp"));
  REQUIRE(report.removed_orphan_files.size() == 1);
  CHECK(report.removed_orphan_files[0] == dir.path() / orphan.relative_path);
  CHECK(report.removed_temp_files.size() == 1);
  REQUIRE(report.missing_asset_files.size() == 1);
  CHECK(report.missing_asset_files[0] == lost.sha256 + " " + lost.relative_path);
  // Reported, not deleted: the item and its asset row are still there.
  CHECK(store->items().list().value().size() == 2);
  CHECK(store->items().asset(lost.sha256).value().has_value());
}

TEST_CASE("the sweep leaves files alone while an ingest holds the lock") {
  TempDir dir;
  { openStore(dir.path()); }
  auto in_flight = fakeAsset(dir.path(), 'd', std::chrono::seconds(1));
  writeFile(dir.path() / "tmp" / "copying.part", "half");
  {
    auto lock = IngestLock::acquire(dir.path(), IngestLock::Mode::kShared);
    REQUIRE(lock);
    auto store = openStore(dir.path());
    CHECK_FALSE(store->openReport().swept);
    CHECK(fs::exists(dir.path() / in_flight.relative_path));
    CHECK(fs::exists(dir.path() / "tmp" / "copying.part"));
  }
  auto store = openStore(dir.path());
  CHECK(store->openReport().swept);
  CHECK(!fs::exists(dir.path() / in_flight.relative_path));
}
