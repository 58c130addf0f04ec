#pragma once
// Binding a test's UDP receiver to a free port on 127.0.0.1, robustly.
// freePort() names a port that was free a moment ago; between that and the
// receiver's bind another process can take it (a sender's ephemeral source
// port, a test running beside this one), and the bind fails with
// EADDRINUSE. bindLoopbackUdp() then tries a fresh port, as the Icecast and
// Modbus helpers do on their first start. The port is known only once the
// socket is bound: hand it to the sender after this, never before.
#include <boost/asio/ip/udp.hpp>

#include <cstdint>
#include <stdexcept>
#include <string>

#include "tests/support/test_support.hpp"

namespace wardcast::test {

// Opens `socket` (IPv4) if needed and binds it to 127.0.0.1:`port`, or to a
// port from freePort() when `port` is 0; on EADDRINUSE tries fresh ports
// from freePort(), `attempts` binds in all. Returns the port bound. Throws
// std::runtime_error on another error or when every port tried was taken.
inline int bindLoopbackUdp(boost::asio::ip::udp::socket& socket, int port = 0, int attempts = 5) {
  namespace ip = boost::asio::ip;
  boost::system::error_code ec;
  if (!socket.is_open()) {
    socket.open(ip::udp::v4(), ec);
    if (ec) throw std::runtime_error("cannot open a UDP socket: " + ec.message());
  }
  for (int attempt = 0; attempt < attempts; ++attempt) {
    if (attempt > 0 || port == 0) port = freePort(Protocol::kUdp);
    socket.bind(ip::udp::endpoint(ip::make_address_v4("127.0.0.1"), std::uint16_t(port)), ec);
    if (!ec) return port;
    if (ec != boost::asio::error::address_in_use)
      throw std::runtime_error("cannot bind 127.0.0.1:" + std::to_string(port) +
                               "/udp: " + ec.message());
  }
  throw std::runtime_error("no free UDP port on 127.0.0.1 after " + std::to_string(attempts) +
                           " attempts");
}

}  // namespace wardcast::test
