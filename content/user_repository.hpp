#pragma once
// Users and roles (SPEC §8). Passwords are optional and stored only as
// libsodium crypto_pwhash_str strings (Argon2id).
#include <optional>
#include <string>
#include <vector>

#include "content/content_model.hpp"
#include "util/result.hpp"

namespace SQLite {
class Database;
}

namespace wardcast {

class UserRepository {
 public:
  explicit UserRepository(SQLite::Database& db) : db_(db) {}

  // Adds a user. While no admin exists, anyone (actor may be empty) may add
  // an admin: the bootstrap. Otherwise `actor` must name an admin.
  // Names are 1..64 characters of letters, digits, '.', '_', '-'.
  Result<User> add(const std::string& name, Role role, const std::optional<std::string>& password,
                   const std::string& actor);
  Result<User> find(const std::string& name);  // kNotFound when unknown
  Result<std::vector<User>> list();            // by name
  Result<bool> anyAdmin();
  // True when the user exists, has a password and it matches.
  Result<bool> verifyPassword(const std::string& name, const std::string& password);

 private:
  SQLite::Database& db_;
};

}  // namespace wardcast
