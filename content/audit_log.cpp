#include "content/audit_log.hpp"

#include "content/sql_support.hpp"

namespace wardcast {
namespace {

std::vector<AuditEntry> readAll(SQLite::Statement& st) {
  std::vector<AuditEntry> out;
  while (st.executeStep()) {
    AuditEntry e;
    e.id = st.getColumn(0).getInt64();
    e.at = sql::fromMs(st.getColumn(1).getInt64());
    e.who = st.getColumn(2).getString();
    e.what = st.getColumn(3).getString();
    e.details = st.getColumn(4).getString();
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace

Status AuditLog::record(const std::string& who, const std::string& what, const std::string& details) {
  return sql::guarded("writing the audit log", [&]() -> Status {
    sql::WriteTransaction tx(db_);
    sql::audit(db_, who, what, details);
    tx.commit();
    return okStatus();
  });
}

Result<std::vector<AuditEntry>> AuditLog::range(SysMillis from, SysMillis to) {
  return sql::guarded("reading the audit log", [&]() -> Result<std::vector<AuditEntry>> {
    SQLite::Statement st(db_,
                         "SELECT id, at_ms, who, what, details FROM audit_log WHERE at_ms >= ? AND at_ms < ? "
                         "ORDER BY at_ms, id");
    st.bind(1, static_cast<std::int64_t>(sql::toMs(from)));
    st.bind(2, static_cast<std::int64_t>(sql::toMs(to)));
    return readAll(st);
  });
}

Result<std::vector<AuditEntry>> AuditLog::recent(std::size_t limit) {
  return sql::guarded("reading the audit log", [&]() -> Result<std::vector<AuditEntry>> {
    SQLite::Statement st(db_,
                         "SELECT id, at_ms, who, what, details FROM (SELECT * FROM audit_log ORDER BY id DESC "
                         "LIMIT ?) ORDER BY id");
    st.bind(1, static_cast<std::int64_t>(limit));
    return readAll(st);
  });
}

}  // namespace wardcast
