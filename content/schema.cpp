#include "content/schema.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <chrono>
#include <stdexcept>
#include <string>

namespace wardcast {
namespace {

constexpr const char* kSchemaV1 = R"sql(
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

// v2: items remember the name of the file they were made from, and the
// logs get the indexes that range queries and reports use.
constexpr const char* kSchemaV2 = R"sql(
ALTER TABLE bulletins ADD COLUMN source_file TEXT;
ALTER TABLE clips ADD COLUMN source_file TEXT;
CREATE INDEX program_log_by_start ON program_log(start_ms, channel);
CREATE INDEX as_run_log_by_start ON as_run_log(start_ms, channel);
CREATE INDEX audit_log_by_time ON audit_log(at_ms);
CREATE INDEX bulletins_by_state ON bulletins(state, valid_from, valid_to);
CREATE INDEX clips_by_state ON clips(state, valid_from, valid_to);
CREATE INDEX topics_by_campaign ON topics(campaign_id);
CREATE INDEX quotas_by_topic ON quotas(topic_id, position);
)sql";

// v3: a topic may start later than its campaign (a season), and a quota may
// be limited to some weekdays (JSON array of ISO weekday numbers).
constexpr const char* kSchemaV3 = R"sql(
ALTER TABLE topics ADD COLUMN start_date TEXT;
ALTER TABLE quotas ADD COLUMN days TEXT NOT NULL DEFAULT '[]';
)sql";

// v4: the daemon's as-run log. A record is written when an item starts
// (status 'on_air') and closed when it ends, so that a crash leaves it
// behind to be closed as 'interrupted' on restart; more outcomes (SPEC §6);
// and daemon_runs, one row per daemon start with its last sign of life, so
// a restart knows when the last run stopped and what it missed. SQLite
// cannot change a CHECK constraint: the table is rebuilt, rows kept.
constexpr const char* kSchemaV4 = R"sql(
CREATE TABLE as_run_log_v4 (
  id         INTEGER PRIMARY KEY,
  channel    TEXT NOT NULL,
  planned_id INTEGER,
  kind       TEXT NOT NULL CHECK (kind IN ('bulletin','clip','relay','ident')),
  item       TEXT NOT NULL DEFAULT '',
  topic      TEXT NOT NULL DEFAULT '',
  campaign   TEXT NOT NULL DEFAULT '',
  start_ms   INTEGER NOT NULL,
  end_ms     INTEGER NOT NULL,
  status     TEXT NOT NULL CHECK (status IN ('played','preempted','resumed','bumped','failed','skipped',
                                             'missed','interrupted','on_air')),
  reason     TEXT NOT NULL DEFAULT '',
  offset_ms  INTEGER NOT NULL DEFAULT 0
);
INSERT INTO as_run_log_v4(id, channel, planned_id, kind, item, topic, campaign, start_ms, end_ms, status, reason)
  SELECT id, channel, planned_id, kind, item, topic, campaign, start_ms, end_ms, status, reason FROM as_run_log;
DROP TABLE as_run_log;
ALTER TABLE as_run_log_v4 RENAME TO as_run_log;
CREATE INDEX as_run_log_by_start ON as_run_log(start_ms, channel);
CREATE INDEX as_run_log_open ON as_run_log(status) WHERE status = 'on_air';
CREATE TABLE daemon_runs (
  id         INTEGER PRIMARY KEY,
  pid        INTEGER NOT NULL,
  started_ms INTEGER NOT NULL,
  alive_ms   INTEGER NOT NULL,
  stopped_ms INTEGER
);
)sql";

std::int64_t nowMs() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

}  // namespace

const std::vector<Migration>& schemaMigrations() {
  static const std::vector<Migration> migrations{
      {1, "initial schema", kSchemaV1},
      {2, "item source file names; log and state indexes", kSchemaV2},
      {3, "topic start dates; quota weekdays", kSchemaV3},
      {4, "as-run records opened at start, more outcomes; daemon runs", kSchemaV4},
  };
  return migrations;
}

int latestSchemaVersion() { return schemaMigrations().back().version; }

int currentSchemaVersion(SQLite::Database& db) {
  if (!db.tableExists("schema_version")) return 0;
  return db.execAndGet("SELECT coalesce(max(version), 0) FROM schema_version").getInt();
}

void migrateSchema(SQLite::Database& db) {
  SQLite::Transaction check(db, SQLite::TransactionBehavior::IMMEDIATE);
  int current = currentSchemaVersion(db);
  check.commit();
  if (current > latestSchemaVersion())
    throw std::runtime_error("the database has schema version " + std::to_string(current) +
                             ", newer than this program's " + std::to_string(latestSchemaVersion()));
  for (const auto& m : schemaMigrations()) {
    if (m.version <= current) continue;
    SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
    if (currentSchemaVersion(db) >= m.version) continue;  // another process got there first
    db.exec(m.sql);
    SQLite::Statement mark(db, "INSERT INTO schema_version(version, applied_ms) VALUES (?, ?)");
    mark.bind(1, m.version);
    mark.bind(2, static_cast<std::int64_t>(nowMs()));
    mark.exec();
    tx.commit();
  }
}

}  // namespace wardcast
