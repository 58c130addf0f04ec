#include "content/as_run_log.hpp"

#include "content/sql_support.hpp"

namespace wardcast {

Result<std::int64_t> AsRunLog::append(const AsRunEntry& e) {
  if (e.status == AsRunStatus::kOnAir)
    return makeError(ErrorKind::kInvalidInput, "an appended as-run record must be finished, not on air");
  return insert(e, e.status, "writing the as-run log");
}

Result<std::int64_t> AsRunLog::open(const AsRunEntry& e) {
  return insert(e, AsRunStatus::kOnAir, "opening an as-run record");
}

Result<std::int64_t> AsRunLog::insert(const AsRunEntry& e, AsRunStatus status, const char* what) {
  if (e.channel.empty()) return makeError(ErrorKind::kInvalidInput, "an as-run record has no channel");
  return sql::guarded(what, [&]() -> Result<std::int64_t> {
    sql::WriteTransaction tx(db_);
    SQLite::Statement st(db_,
                         "INSERT INTO as_run_log(channel, planned_id, kind, item, topic, campaign, start_ms, end_ms, "
                         "status, reason, offset_ms) VALUES (?,?,?,?,?,?,?,?,?,?,?)");
    st.bind(1, e.channel);
    if (e.planned_id)
      st.bind(2, static_cast<std::int64_t>(*e.planned_id));
    else
      st.bind(2);
    st.bind(3, toString(e.kind));
    st.bind(4, e.item);
    st.bind(5, e.topic);
    st.bind(6, e.campaign);
    st.bind(7, static_cast<std::int64_t>(sql::toMs(e.start)));
    st.bind(8, static_cast<std::int64_t>(sql::toMs(std::max(e.end, e.start))));
    st.bind(9, toString(status));
    st.bind(10, e.reason);
    st.bind(11, static_cast<std::int64_t>(e.offset.count()));
    st.exec();
    std::int64_t id = db_.getLastInsertRowid();
    tx.commit();
    return id;
  });
}

Status AsRunLog::close(std::int64_t id, SysMillis end, AsRunStatus status, const std::string& reason) {
  if (status == AsRunStatus::kOnAir)
    return makeError(ErrorKind::kInvalidInput, "an as-run record cannot be closed as on air");
  return sql::guarded("closing an as-run record", [&]() -> Status {
    sql::WriteTransaction tx(db_);
    SQLite::Statement st(db_,
                         "UPDATE as_run_log SET end_ms = max(start_ms, ?2), status = ?3, reason = ?4 "
                         "WHERE id = ?1 AND status = 'on_air'");
    st.bind(1, static_cast<std::int64_t>(id));
    st.bind(2, static_cast<std::int64_t>(sql::toMs(end)));
    st.bind(3, toString(status));
    st.bind(4, reason);
    if (st.exec() != 1) return makeError(ErrorKind::kNotFound, "no open as-run record " + std::to_string(id));
    tx.commit();
    return okStatus();
  });
}

Result<std::vector<AsRunEntry>> AsRunLog::openRecords() {
  return select("status = 'on_air'", SysMillis{}, SysMillis{}, std::nullopt);
}

Result<std::vector<AsRunEntry>> AsRunLog::range(SysMillis from, SysMillis to,
                                                const std::optional<std::string>& channel) {
  return select("start_ms >= ?1 AND start_ms < ?2 AND (?3 IS NULL OR channel = ?3)", from, to, channel);
}

Result<std::vector<AsRunEntry>> AsRunLog::select(const std::string& where, SysMillis from, SysMillis to,
                                                 const std::optional<std::string>& channel) {
  return sql::guarded("reading the as-run log", [&]() -> Result<std::vector<AsRunEntry>> {
    SQLite::Statement st(db_,
                         "SELECT id, channel, planned_id, kind, item, topic, campaign, start_ms, end_ms, status, "
                         "reason, offset_ms FROM as_run_log WHERE " +
                             where + " ORDER BY start_ms, id");
    if (st.getBindParameterCount() >= 3) {
      st.bind(1, static_cast<std::int64_t>(sql::toMs(from)));
      st.bind(2, static_cast<std::int64_t>(sql::toMs(to)));
      sql::bindText(st, 3, channel);
    }
    std::vector<AsRunEntry> out;
    while (st.executeStep()) {
      AsRunEntry e;
      e.id = st.getColumn(0).getInt64();
      e.channel = st.getColumn(1).getString();
      if (!st.getColumn(2).isNull()) e.planned_id = st.getColumn(2).getInt64();
      e.kind = parseEntryKind(st.getColumn(3).getString()).value_or(EntryKind::kBulletin);
      e.item = st.getColumn(4).getString();
      e.topic = st.getColumn(5).getString();
      e.campaign = st.getColumn(6).getString();
      e.start = sql::fromMs(st.getColumn(7).getInt64());
      e.end = sql::fromMs(st.getColumn(8).getInt64());
      e.status = parseAsRunStatus(st.getColumn(9).getString()).value_or(AsRunStatus::kPlayed);
      e.reason = st.getColumn(10).getString();
      e.offset = std::chrono::milliseconds(st.getColumn(11).getInt64());
      out.push_back(std::move(e));
    }
    return out;
  });
}

}  // namespace wardcast
