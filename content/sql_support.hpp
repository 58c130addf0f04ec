#pragma once
// Private helpers of the store's repositories (content/ only): time and
// date columns, optional columns, audit rows, and turning SQLite
// exceptions into Result errors.
#include <SQLiteCpp/SQLiteCpp.h>

#include <chrono>
#include <cstdint>
#include <exception>
#include <optional>
#include <string>

#include "util/civil_time.hpp"
#include "util/result.hpp"

namespace wardcast::sql {

inline std::int64_t toMs(SysMillis t) { return t.time_since_epoch().count(); }
inline SysMillis fromMs(std::int64_t ms) { return SysMillis(std::chrono::milliseconds(ms)); }
inline SysMillis now() {
  return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
}

inline void bindText(SQLite::Statement& st, int index, const std::optional<std::string>& value) {
  if (value)
    st.bind(index, *value);
  else
    st.bind(index);
}
inline void bindDate(SQLite::Statement& st, int index, const std::optional<Date>& value) {
  if (value)
    st.bind(index, formatDate(*value));
  else
    st.bind(index);
}
inline void bindDouble(SQLite::Statement& st, int index, const std::optional<double>& value) {
  if (value)
    st.bind(index, *value);
  else
    st.bind(index);
}
inline std::optional<std::string> optText(const SQLite::Column& c) {
  if (c.isNull()) return std::nullopt;
  return c.getString();
}
inline std::optional<Date> optDate(const SQLite::Column& c) {
  if (c.isNull()) return std::nullopt;
  return parseDate(c.getString());
}
inline std::optional<double> optDouble(const SQLite::Column& c) {
  if (c.isNull()) return std::nullopt;
  return c.getDouble();
}

// Writes one audit row; call inside the change's own transaction.
inline void audit(SQLite::Database& db, const std::string& who, const std::string& what,
                  const std::string& details) {
  SQLite::Statement st(db, "INSERT INTO audit_log(at_ms, who, what, details) VALUES (?, ?, ?, ?)");
  st.bind(1, static_cast<std::int64_t>(toMs(now())));
  st.bind(2, who);
  st.bind(3, what);
  st.bind(4, details);
  st.exec();
}

// Runs `body` (which returns a Result) and turns any exception from
// SQLite into an kIo error naming what was being done.
template <class F>
auto guarded(const char* doing, F&& body) -> decltype(body()) {
  try {
    return body();
  } catch (const std::exception& e) {
    return makeError(ErrorKind::kIo, std::string("database error while ") + doing + ": " + e.what());
  }
}

// A write transaction that takes the write lock at once (BEGIN IMMEDIATE),
// so concurrent writers wait on the busy timeout instead of failing.
class WriteTransaction {
 public:
  explicit WriteTransaction(SQLite::Database& db) : tx_(db, SQLite::TransactionBehavior::IMMEDIATE) {}
  void commit() { tx_.commit(); }

 private:
  SQLite::Transaction tx_;
};

}  // namespace wardcast::sql
