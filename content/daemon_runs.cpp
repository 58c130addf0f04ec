#include "content/daemon_runs.hpp"

#include "content/sql_support.hpp"

namespace wardcast {

Result<std::optional<DaemonRun>> DaemonRuns::last() {
  return sql::guarded("reading the daemon runs", [&]() -> Result<std::optional<DaemonRun>> {
    SQLite::Statement st(db_, "SELECT id, pid, started_ms, alive_ms, stopped_ms FROM daemon_runs ORDER BY id DESC LIMIT 1");
    if (!st.executeStep()) return std::optional<DaemonRun>{};
    DaemonRun run;
    run.id = st.getColumn(0).getInt64();
    run.pid = st.getColumn(1).getInt();
    run.started = sql::fromMs(st.getColumn(2).getInt64());
    run.alive = sql::fromMs(st.getColumn(3).getInt64());
    if (!st.getColumn(4).isNull()) run.stopped = sql::fromMs(st.getColumn(4).getInt64());
    return std::optional<DaemonRun>{run};
  });
}

Result<std::int64_t> DaemonRuns::begin(int pid, SysMillis now) {
  return sql::guarded("recording the daemon's start", [&]() -> Result<std::int64_t> {
    sql::WriteTransaction tx(db_);
    SQLite::Statement st(db_, "INSERT INTO daemon_runs(pid, started_ms, alive_ms) VALUES (?, ?, ?)");
    st.bind(1, pid);
    st.bind(2, static_cast<std::int64_t>(sql::toMs(now)));
    st.bind(3, static_cast<std::int64_t>(sql::toMs(now)));
    st.exec();
    std::int64_t id = db_.getLastInsertRowid();
    tx.commit();
    return id;
  });
}

Status DaemonRuns::alive(std::int64_t id, SysMillis now) {
  return sql::guarded("recording that the daemon is alive", [&]() -> Status {
    SQLite::Statement st(db_, "UPDATE daemon_runs SET alive_ms = ? WHERE id = ?");
    st.bind(1, static_cast<std::int64_t>(sql::toMs(now)));
    st.bind(2, static_cast<std::int64_t>(id));
    st.exec();
    return okStatus();
  });
}

Status DaemonRuns::stopped(std::int64_t id, SysMillis now) {
  return sql::guarded("recording the daemon's stop", [&]() -> Status {
    SQLite::Statement st(db_, "UPDATE daemon_runs SET alive_ms = ?1, stopped_ms = ?1 WHERE id = ?2");
    st.bind(1, static_cast<std::int64_t>(sql::toMs(now)));
    st.bind(2, static_cast<std::int64_t>(id));
    st.exec();
    return okStatus();
  });
}

}  // namespace wardcast
