#pragma once
// RFC 4648 base64 (with padding), for HTTP Basic credentials (Icecast source
// and admin connections). libsodium's encoder; pure, any thread.
#include <string>
#include <string_view>

namespace wardcast {

std::string base64(std::string_view bytes);

}  // namespace wardcast
