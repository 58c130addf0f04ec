#pragma once
// The database schema as an ordered list of migrations (docs/schema.md).
// Version N's SQL turns a version N-1 database into version N; version 1
// creates everything from nothing. Applied versions are recorded in the
// `schema_version` table. Never edit a released migration: append one.
#include <vector>

namespace SQLite {
class Database;
}

namespace wardcast {

struct Migration {
  int version;
  const char* summary;
  const char* sql;
};

const std::vector<Migration>& schemaMigrations();
int latestSchemaVersion();

// The highest version recorded in `schema_version`, 0 for an empty database.
int currentSchemaVersion(SQLite::Database& db);
// Applies every missing migration, each in its own transaction. Throws
// SQLite::Exception on failure (the failed migration is rolled back), and
// std::runtime_error when the database is newer than this program.
void migrateSchema(SQLite::Database& db);

}  // namespace wardcast
