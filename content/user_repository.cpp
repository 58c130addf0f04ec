#include "content/user_repository.hpp"

#include "content/password_hash.hpp"
#include "content/sql_support.hpp"

namespace wardcast {
namespace {

bool validName(const std::string& name) {
  if (name.empty() || name.size() > 64) return false;
  for (unsigned char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
              c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

User readUser(SQLite::Statement& st) {
  User u;
  u.name = st.getColumn(0).getString();
  u.role = parseRole(st.getColumn(1).getString()).value_or(Role::kEditor);
  u.has_password = !st.getColumn(2).isNull();
  u.created = sql::fromMs(st.getColumn(3).getInt64());
  return u;
}

bool adminExists(SQLite::Database& db) {
  return db.execAndGet("SELECT EXISTS(SELECT 1 FROM users WHERE role = 'admin')").getInt() != 0;
}

// Who may add users: an admin; or anyone adding an admin while none exists.
Status checkMayAdd(SQLite::Database& db, Role role, const std::string& actor) {
  if (!adminExists(db)) {
    if (role == Role::kAdmin) return okStatus();
    return makeError(ErrorKind::kPermission,
                     "there is no admin yet: add one first (wardcast user add NAME --role admin)");
  }
  if (actor.empty())
    return makeError(ErrorKind::kPermission, "adding a user needs an admin: pass --user NAME");
  SQLite::Statement st(db, "SELECT role FROM users WHERE name = ?");
  st.bind(1, actor);
  if (!st.executeStep()) return makeError(ErrorKind::kNotFound, "no user named '" + actor + "'");
  if (st.getColumn(0).getString() != "admin")
    return makeError(ErrorKind::kPermission, "'" + actor + "' is not an admin; only an admin may add users");
  return okStatus();
}

}  // namespace

Result<User> UserRepository::add(const std::string& name, Role role,
                                 const std::optional<std::string>& password, const std::string& actor) {
  if (!validName(name))
    return makeError(ErrorKind::kInvalidInput, "user name '" + name +
                                                   "' must be 1 to 64 letters, digits, '.', '_' or '-'");
  std::optional<std::string> hash;
  if (password) {
    if (password->empty()) return makeError(ErrorKind::kInvalidInput, "the password is empty");
    auto h = hashPassword(*password);
    if (!h) return h.error();
    hash = h.value();
  }
  return sql::guarded("adding a user", [&]() -> Result<User> {
    sql::WriteTransaction tx(db_);
    if (auto allowed = checkMayAdd(db_, role, actor); !allowed) return allowed.error();
    SQLite::Statement exists(db_, "SELECT 1 FROM users WHERE name = ?");
    exists.bind(1, name);
    if (exists.executeStep()) return makeError(ErrorKind::kConflict, "user '" + name + "' already exists");
    User user{name, role, hash.has_value(), sql::now()};
    SQLite::Statement st(db_, "INSERT INTO users(name, role, password_hash, created_ms) VALUES (?, ?, ?, ?)");
    st.bind(1, name);
    st.bind(2, toString(role));
    sql::bindText(st, 3, hash);
    st.bind(4, static_cast<std::int64_t>(sql::toMs(user.created)));
    st.exec();
    std::string who = actor.empty() ? name : actor;
    sql::audit(db_, who, "user.add", "added user " + name + " with role " + toString(role));
    tx.commit();
    return user;
  });
}

Result<User> UserRepository::find(const std::string& name) {
  return sql::guarded("reading a user", [&]() -> Result<User> {
    SQLite::Statement st(db_, "SELECT name, role, password_hash, created_ms FROM users WHERE name = ?");
    st.bind(1, name);
    if (!st.executeStep()) return makeError(ErrorKind::kNotFound, "no user named '" + name + "'");
    return readUser(st);
  });
}

Result<std::vector<User>> UserRepository::list() {
  return sql::guarded("listing users", [&]() -> Result<std::vector<User>> {
    SQLite::Statement st(db_, "SELECT name, role, password_hash, created_ms FROM users ORDER BY name");
    std::vector<User> out;
    while (st.executeStep()) out.push_back(readUser(st));
    return out;
  });
}

Result<bool> UserRepository::anyAdmin() {
  return sql::guarded("reading users", [&]() -> Result<bool> { return adminExists(db_); });
}

Result<bool> UserRepository::verifyPassword(const std::string& name, const std::string& password) {
  auto hash = sql::guarded("reading a user", [&]() -> Result<std::optional<std::string>> {
    SQLite::Statement st(db_, "SELECT password_hash FROM users WHERE name = ?");
    st.bind(1, name);
    if (!st.executeStep()) return std::optional<std::string>{};
    return sql::optText(st.getColumn(0));
  });
  if (!hash) return hash.error();
  if (!hash.value()) return false;
  return verifyPasswordHash(**hash, password);
}

}  // namespace wardcast
