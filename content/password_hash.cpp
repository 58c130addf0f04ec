#include "content/password_hash.hpp"

#include <sodium.h>

namespace wardcast {
namespace {

bool sodiumReady() {
  static const bool ready = sodium_init() >= 0;
  return ready;
}

}  // namespace

Result<std::string> hashPassword(const std::string& password) {
  if (!sodiumReady()) return makeError(ErrorKind::kInternal, "libsodium failed to initialise");
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    return makeError(ErrorKind::kIo, "not enough memory to hash the password");
  return std::string(out);
}

bool verifyPasswordHash(const std::string& stored_hash, const std::string& password) {
  if (!sodiumReady()) return false;
  return crypto_pwhash_str_verify(stored_hash.c_str(), password.data(), password.size()) == 0;
}

}  // namespace wardcast
