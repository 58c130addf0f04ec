#pragma once
// DaemonClient: how `wardcast status`, `air` and later `live` and
// `emergency` reach the running wardcastd: one HTTP request on its Unix
// socket (StationConfig::apiSocket()), acting as the command's user.
// When no daemon answers, the error says so in words a user can act on.
#include <chrono>
#include <filesystem>
#include <string>

#include <boost/beast/http/verb.hpp>

#include "util/result.hpp"

namespace wardcast::cli {

struct DaemonReply {
  unsigned status = 0;
  std::string body;
};

class DaemonClient {
 public:
  static constexpr std::chrono::seconds kTimeout{10};

  explicit DaemonClient(std::filesystem::path socket) : socket_(std::move(socket)) {}

  Result<DaemonReply> request(boost::beast::http::verb method, const std::string& target,
                              const std::string& user, const std::string& body = {}) const;

 private:
  std::filesystem::path socket_;
};

}  // namespace wardcast::cli
