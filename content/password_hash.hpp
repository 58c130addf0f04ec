#pragma once
// Password hashing with libsodium's crypto_pwhash_str (Argon2id, the
// "interactive" limits: 64 MiB, 2 passes). The stored string carries its
// own salt and parameters.
#include <string>

#include "util/result.hpp"

namespace wardcast {

Result<std::string> hashPassword(const std::string& password);
bool verifyPasswordHash(const std::string& stored_hash, const std::string& password);

}  // namespace wardcast
