#include "content/program_log.hpp"

#include <string>

#include "content/sql_support.hpp"

namespace wardcast {
namespace {

constexpr const char* kColumns = "id, channel, start_ms, end_ms, kind, item, topic, campaign, pinned, window";

PlannedEntry readEntry(SQLite::Statement& st) {
  PlannedEntry e;
  e.id = st.getColumn(0).getInt64();
  e.channel = st.getColumn(1).getString();
  e.start = sql::fromMs(st.getColumn(2).getInt64());
  e.end = sql::fromMs(st.getColumn(3).getInt64());
  e.kind = parseEntryKind(st.getColumn(4).getString()).value_or(EntryKind::kBulletin);
  e.item = st.getColumn(5).getString();
  e.topic = st.getColumn(6).getString();
  e.campaign = st.getColumn(7).getString();
  e.pinned = st.getColumn(8).getInt() != 0;
  e.window = st.getColumn(9).getString();
  return e;
}

std::int64_t insertEntry(SQLite::Database& db, const PlannedEntry& e) {
  SQLite::Statement st(db,
                       "INSERT INTO program_log(channel, start_ms, end_ms, kind, item, topic, campaign, pinned, "
                       "window) VALUES (?,?,?,?,?,?,?,?,?)");
  st.bind(1, e.channel);
  st.bind(2, static_cast<std::int64_t>(sql::toMs(e.start)));
  st.bind(3, static_cast<std::int64_t>(sql::toMs(e.end)));
  st.bind(4, toString(e.kind));
  st.bind(5, e.item);
  st.bind(6, e.topic);
  st.bind(7, e.campaign);
  st.bind(8, e.pinned ? 1 : 0);
  st.bind(9, e.window);
  st.exec();
  return db.getLastInsertRowid();
}

Status checkEntry(const PlannedEntry& e) {
  if (e.channel.empty()) return makeError(ErrorKind::kInvalidInput, "a program log entry has no channel");
  if (e.end < e.start)
    return makeError(ErrorKind::kInvalidInput, "a program log entry on " + e.channel + " ends before it starts");
  return okStatus();
}

std::vector<PlannedEntry> query(SQLite::Database& db, const std::string& where, SysMillis from, SysMillis to,
                                const std::optional<std::string>& channel) {
  SQLite::Statement st(db, std::string("SELECT ") + kColumns +
                               " FROM program_log WHERE start_ms >= ?1 AND start_ms < ?2 AND (?3 IS NULL OR "
                               "channel = ?3)" + where + " ORDER BY channel, start_ms, id");
  st.bind(1, static_cast<std::int64_t>(sql::toMs(from)));
  st.bind(2, static_cast<std::int64_t>(sql::toMs(to)));
  sql::bindText(st, 3, channel);
  std::vector<PlannedEntry> out;
  while (st.executeStep()) out.push_back(readEntry(st));
  return out;
}

}  // namespace

Status ProgramLog::replaceRange(SysMillis from, SysMillis to, const std::vector<PlannedEntry>& entries,
                                const std::string& actor, const std::optional<std::vector<std::string>>& channels) {
  for (const auto& e : entries)
    if (auto ok = checkEntry(e); !ok) return ok;
  return sql::guarded("replacing the program log", [&]() -> Status {
    sql::WriteTransaction tx(db_);
    int removed = 0;
    auto removeOn = [&](const std::optional<std::string>& channel) {
      SQLite::Statement del(db_,
                            "DELETE FROM program_log WHERE pinned = 0 AND start_ms >= ?1 AND start_ms < ?2 AND "
                            "(?3 IS NULL OR channel = ?3)");
      del.bind(1, static_cast<std::int64_t>(sql::toMs(from)));
      del.bind(2, static_cast<std::int64_t>(sql::toMs(to)));
      sql::bindText(del, 3, channel);
      removed += del.exec();
    };
    if (channels) {
      for (const auto& c : *channels) removeOn(c);
    } else {
      removeOn(std::nullopt);
    }
    for (const auto& e : entries) insertEntry(db_, e);
    sql::audit(db_, actor, "program.replace",
               "replaced " + std::to_string(removed) + " planned entries with " + std::to_string(entries.size()) +
                   " from " + std::to_string(sql::toMs(from)) + " to " + std::to_string(sql::toMs(to)) + " (UTC ms)");
    tx.commit();
    return okStatus();
  });
}

Result<std::vector<PlannedEntry>> ProgramLog::range(SysMillis from, SysMillis to,
                                                    const std::optional<std::string>& channel) {
  return sql::guarded("reading the program log",
                      [&]() -> Result<std::vector<PlannedEntry>> { return query(db_, "", from, to, channel); });
}

Result<std::vector<PlannedEntry>> ProgramLog::pins(SysMillis from, SysMillis to) {
  return sql::guarded("reading pins", [&]() -> Result<std::vector<PlannedEntry>> {
    return query(db_, " AND pinned = 1", from, to, std::nullopt);
  });
}

Result<PlannedEntry> ProgramLog::pin(PlannedEntry entry, const std::string& actor) {
  entry.pinned = true;
  if (auto ok = checkEntry(entry); !ok) return ok.error();
  return sql::guarded("pinning an entry", [&]() -> Result<PlannedEntry> {
    sql::WriteTransaction tx(db_);
    entry.id = insertEntry(db_, entry);
    sql::audit(db_, actor, "program.pin",
               "pinned " + entry.item + " on " + entry.channel + " at " + std::to_string(sql::toMs(entry.start)) +
                   " (UTC ms), entry " + std::to_string(entry.id));
    tx.commit();
    return entry;
  });
}

Status ProgramLog::unpin(std::int64_t entry_id, const std::string& actor) {
  return sql::guarded("removing a pin", [&]() -> Status {
    sql::WriteTransaction tx(db_);
    SQLite::Statement del(db_, "DELETE FROM program_log WHERE id = ? AND pinned = 1");
    del.bind(1, static_cast<std::int64_t>(entry_id));
    if (del.exec() == 0)
      return makeError(ErrorKind::kNotFound, "no pinned entry " + std::to_string(entry_id));
    sql::audit(db_, actor, "program.unpin", "removed pinned entry " + std::to_string(entry_id));
    tx.commit();
    return okStatus();
  });
}

Result<PlannedEntry> ProgramLog::get(std::int64_t entry_id) {
  return sql::guarded("reading the program log", [&]() -> Result<PlannedEntry> {
    SQLite::Statement st(db_, std::string("SELECT ") + kColumns + " FROM program_log WHERE id = ?");
    st.bind(1, static_cast<std::int64_t>(entry_id));
    if (!st.executeStep()) return makeError(ErrorKind::kNotFound, "no program log entry " + std::to_string(entry_id));
    return readEntry(st);
  });
}

}  // namespace wardcast
