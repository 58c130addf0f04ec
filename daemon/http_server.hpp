#pragma once
// HttpServer: HTTP/1.1 (Boost.Beast) on the daemon's loop, answering from
// an ApiRouter. Today it listens on the station's Unix socket ([api]
// socket, mode 0660): a request there acts as the user its X-Wardcast-User
// header names, trusted as the command line trusts the local account. The
// authenticated TCP listener of the console issue is a second acceptor on
// the same router, not a second server.
//
// A socket file left by a daemon that died is removed; one that answers
// belongs to a running daemon, and listening fails (one daemon per station).
// Bodies over kBodyLimit get 413; a connection idle for kIdleTimeout closes.
//
// Threads: accepts and serves on the executor it is given.
#include <chrono>
#include <filesystem>
#include <memory>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/local/stream_protocol.hpp>

#include "daemon/api_router.hpp"
#include "util/result.hpp"

namespace wardcast::daemon {

class HttpServer {
 public:
  static constexpr std::size_t kBodyLimit = 1 << 20;
  static constexpr std::chrono::seconds kIdleTimeout{30};

  // Binds `socket_path`. `router` outlives the server.
  static Result<std::unique_ptr<HttpServer>> listenUnix(boost::asio::any_io_executor executor,
                                                        const std::filesystem::path& socket_path,
                                                        const ApiRouter& router);
  ~HttpServer();
  void start();
  // Stops accepting and removes the socket file; open connections finish
  // their request.
  void stop();

 private:
  HttpServer(boost::asio::local::stream_protocol::acceptor acceptor, std::filesystem::path path,
             const ApiRouter& router);
  void accept();

  boost::asio::local::stream_protocol::acceptor acceptor_;
  std::filesystem::path path_;
  const ApiRouter& router_;
  bool stopped_ = false;
};

}  // namespace wardcast::daemon
