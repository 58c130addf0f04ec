#include <SQLiteCpp/SQLiteCpp.h>

#include <catch2/catch.hpp>

#include "content/schema.hpp"
#include "tests/store/store_test_support.hpp"

using namespace wardcast;
using namespace wardcast::test;
namespace fs = std::filesystem;

namespace {

// Version 1 of the schema, frozen: a copy of what content/schema.cpp's first
// migration created when it shipped (commit db4c4d9), kept here so that the
// test builds the database old installations have, whatever the current
// code's migrations become. Never edit it: a change to the schema is a new
// migration, and this literal stays what the field has.
constexpr const char* kFrozenSchemaV1 = R"sql(
CREATE TABLE schema_version (
  version    INTEGER PRIMARY KEY,
  applied_ms INTEGER NOT NULL
);
CREATE TABLE users (
  name          TEXT PRIMARY KEY,
  role          TEXT NOT NULL CHECK (role IN ('editor','approver','operator','admin')),
  password_hash TEXT,
  created_ms    INTEGER NOT NULL
);
CREATE TABLE campaigns (
  id         TEXT PRIMARY KEY,
  title      TEXT NOT NULL,
  issuer     TEXT NOT NULL DEFAULT '',
  start_date TEXT NOT NULL,
  end_date   TEXT NOT NULL,
  source     TEXT NOT NULL DEFAULT '',
  stored_ms  INTEGER NOT NULL
);
CREATE TABLE topics (
  id          TEXT PRIMARY KEY,
  campaign_id TEXT REFERENCES campaigns(id) ON DELETE SET NULL,
  position    INTEGER NOT NULL DEFAULT 0,
  title       TEXT NOT NULL DEFAULT '',
  section     TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL DEFAULT '',
  priority    INTEGER NOT NULL DEFAULT 3,
  audiences   TEXT NOT NULL DEFAULT '[]',
  end_date    TEXT
);
CREATE TABLE quotas (
  id          INTEGER PRIMARY KEY,
  topic_id    TEXT NOT NULL REFERENCES topics(id) ON DELETE CASCADE,
  position    INTEGER NOT NULL,
  target      TEXT NOT NULL,
  plays       INTEGER NOT NULL CHECK (plays >= 0),
  per         TEXT NOT NULL CHECK (per IN ('day','week','month','quarter','campaign')),
  windows     TEXT NOT NULL DEFAULT '[]',
  min_gap_min INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE assets (
  sha256         TEXT PRIMARY KEY CHECK (length(sha256) = 64),
  kind           TEXT NOT NULL CHECK (kind IN ('audio','video','image')),
  relative_path  TEXT NOT NULL UNIQUE,
  size_bytes     INTEGER NOT NULL,
  container      TEXT NOT NULL DEFAULT '',
  audio_codec    TEXT NOT NULL DEFAULT '',
  video_codec    TEXT NOT NULL DEFAULT '',
  duration_ms    INTEGER NOT NULL,
  sample_rate    INTEGER NOT NULL DEFAULT 0,
  channels       INTEGER NOT NULL DEFAULT 0,
  width          INTEGER NOT NULL DEFAULT 0,
  height         INTEGER NOT NULL DEFAULT 0,
  frame_rate     REAL NOT NULL DEFAULT 0,
  loudness_lufs  REAL,
  true_peak_dbtp REAL,
  ingested_ms    INTEGER NOT NULL
);
CREATE TABLE bulletins (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  topic_id   TEXT NOT NULL REFERENCES topics(id),
  title      TEXT NOT NULL,
  text       TEXT,
  asset      TEXT NOT NULL REFERENCES assets(sha256),
  valid_from TEXT,
  valid_to   TEXT,
  state      TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft','approved','rejected')),
  author     TEXT NOT NULL REFERENCES users(name),
  decided_by TEXT REFERENCES users(name),
  reason     TEXT,
  created_ms INTEGER NOT NULL,
  decided_ms INTEGER,
  CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from)
);
CREATE TABLE clips (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  topic_id   TEXT NOT NULL REFERENCES topics(id),
  title      TEXT NOT NULL,
  text       TEXT,
  asset      TEXT NOT NULL REFERENCES assets(sha256),
  valid_from TEXT,
  valid_to   TEXT,
  state      TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft','approved','rejected')),
  author     TEXT NOT NULL REFERENCES users(name),
  decided_by TEXT REFERENCES users(name),
  reason     TEXT,
  created_ms INTEGER NOT NULL,
  decided_ms INTEGER,
  CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from)
);
CREATE TABLE program_log (
  id       INTEGER PRIMARY KEY,
  channel  TEXT NOT NULL,
  start_ms INTEGER NOT NULL,
  end_ms   INTEGER NOT NULL CHECK (end_ms >= start_ms),
  kind     TEXT NOT NULL CHECK (kind IN ('bulletin','clip','relay','ident')),
  item     TEXT NOT NULL DEFAULT '',
  topic    TEXT NOT NULL DEFAULT '',
  campaign TEXT NOT NULL DEFAULT '',
  pinned   INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1)),
  window   TEXT NOT NULL DEFAULT ''
);
CREATE TABLE as_run_log (
  id         INTEGER PRIMARY KEY,
  channel    TEXT NOT NULL,
  planned_id INTEGER,
  kind       TEXT NOT NULL CHECK (kind IN ('bulletin','clip','relay','ident')),
  item       TEXT NOT NULL DEFAULT '',
  topic      TEXT NOT NULL DEFAULT '',
  campaign   TEXT NOT NULL DEFAULT '',
  start_ms   INTEGER NOT NULL,
  end_ms     INTEGER NOT NULL,
  status     TEXT NOT NULL CHECK (status IN ('played','preempted','failed','skipped')),
  reason     TEXT NOT NULL DEFAULT ''
);
CREATE TABLE audit_log (
  id      INTEGER PRIMARY KEY,
  at_ms   INTEGER NOT NULL,
  who     TEXT NOT NULL,
  what    TEXT NOT NULL,
  details TEXT NOT NULL DEFAULT ''
);
)sql";

// A database exactly as version 1 of the schema made it, with some data.
void makeVersion1Database(const fs::path& data_dir) {
  fs::create_directories(data_dir / "assets" / "ab");
  writeFile(data_dir / "assets" / "ab" / (std::string(64, 'a') + ".mp3"), "ID3");
  SQLite::Database db((data_dir / "wardcast.db").string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  db.exec("PRAGMA journal_mode = WAL");
  db.exec(kFrozenSchemaV1);
  const std::string sha(64, 'a');
  std::string data = R"sql(
    INSERT INTO schema_version VALUES (1, 1700000000000);
    INSERT INTO users VALUES ('root', 'admin', NULL, 1700000000000);
    INSERT INTO users VALUES ('lan', 'editor', NULL, 1700000000000);
    INSERT INTO topics(id, title) VALUES ('mot-cua', 'Một cửa');
    INSERT INTO quotas(topic_id, position, target, plays, per, windows, min_gap_min)
      VALUES ('mot-cua', 0, 'kind:loudspeaker', 2, 'week', '["morning"]', 1440);
    INSERT INTO assets(sha256, kind, relative_path, size_bytes, container, audio_codec, duration_ms,
                       loudness_lufs, true_peak_dbtp, ingested_ms)
      VALUES ('SHA', 'audio', 'assets/ab/SHA.mp3', 3, 'mp3',
              'mp3', 42000, -17.2, -2.0, 1700000000000);
    INSERT INTO bulletins(topic_id, title, asset, valid_from, author, created_ms)
      VALUES ('mot-cua', 'Bản tin một cửa', 'SHA', '2026-05-01', 'lan', 1700000000000);
    INSERT INTO program_log(channel, start_ms, end_ms, kind, item, topic, pinned, window)
      VALUES ('ward', 1777586400000, 1777586442000, 'bulletin', 'b1', 'mot-cua', 1, 'morning');
    INSERT INTO audit_log(at_ms, who, what, details) VALUES (1700000000000, 'lan', 'bulletin.add', 'b1');
    INSERT INTO as_run_log(channel, planned_id, kind, item, topic, start_ms, end_ms, status, reason)
      VALUES ('ward', 1, 'bulletin', 'b1', 'mot-cua', 1777586400000, 1777586442000, 'played', '');
  )sql";
  for (auto at = data.find("SHA"); at != std::string::npos; at = data.find("SHA")) data.replace(at, 3, sha);
  db.exec(data);
}

}  // namespace

TEST_CASE("a version 1 database is upgraded on open with its data kept") {
  REQUIRE(latestSchemaVersion() >= 2);
  TempDir dir;
  makeVersion1Database(dir.path());

  auto store = openStore(dir.path());
  CHECK(store->openReport().schema_version_before == 1);
  CHECK(store->openReport().schema_version == latestSchemaVersion());
  CHECK(store->integrityCheck().value() == "ok");
  CHECK(store->openReport().missing_asset_files.empty());
  CHECK(store->openReport().removed_orphan_files.empty());

  auto item = store->items().get("b1");
  REQUIRE(item);
  CHECK(item->title == "Bản tin một cửa");
  CHECK(item->author == "lan");
  CHECK(item->duration() == std::chrono::milliseconds(42000));
  CHECK(item->asset.loudness_lufs == Approx(-17.2));
  CHECK(formatDate(*item->valid_from) == "2026-05-01");
  CHECK_FALSE(item->source_file.has_value());  // the v2 column, empty for old rows
  CHECK(store->users().list().value().size() == 2);
  auto pins = store->programLog().pins(SysMillis{}, SysMillis(std::chrono::milliseconds(1LL << 50)));
  REQUIRE(pins.value().size() == 1);
  CHECK(pins->at(0).window == "morning");

  // The v3 columns: an old topic starts with its campaign, an old quota airs every day.
  auto topic = store->campaigns().topic("mot-cua");
  REQUIRE(topic);
  CHECK_FALSE(topic->topic.start.has_value());
  REQUIRE(topic->topic.quotas.size() == 1);
  CHECK(topic->topic.quotas[0].plays == 2);
  CHECK(topic->topic.quotas[0].windows == std::vector<std::string>{"morning"});
  CHECK(topic->topic.quotas[0].days.empty());

  // New data uses the new column.
  NewItem n = bulletin("mot-cua", "Mới");
  n.source_file = "moi.wav";
  auto added = store->items().add(n, fakeAsset(dir.path(), 'e', std::chrono::seconds(2)), "lan");
  REQUIRE(added);
  CHECK(added->id == "b2");
  CHECK(added->source_file == std::optional<std::string>("moi.wav"));

  SQLite::Database raw((dir.path() / "wardcast.db").string());
  CHECK(raw.execAndGet("SELECT count(*) FROM schema_version").getInt() == latestSchemaVersion());
  CHECK(raw.execAndGet("SELECT count(*) FROM sqlite_master WHERE name = 'program_log_by_start'").getInt() == 1);
  CHECK(raw.execAndGet("PRAGMA integrity_check").getString() == "ok");
  // The v4 rebuild of the as-run log kept the old row, with its outcome.
  CHECK(raw.execAndGet("SELECT count(*) FROM as_run_log WHERE item = 'b1' AND status = 'played'").getInt() == 1);
}

TEST_CASE("a database newer than the program is refused, not damaged") {
  TempDir dir;
  { openStore(dir.path()); }
  {
    SQLite::Database raw((dir.path() / "wardcast.db").string(), SQLite::OPEN_READWRITE);
    raw.exec("INSERT INTO schema_version VALUES (999, 0)");
  }
  auto store = Store::open(dir.path());
  REQUIRE_FALSE(store);
  CHECK_THAT(store.error().message, Catch::Contains("newer than this program"));
}
