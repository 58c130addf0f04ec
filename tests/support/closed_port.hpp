#pragma once
// ClosedPort: a TCP port on 127.0.0.1 where nothing listens, for as long as
// the object lives. freePort() only says a port was free a moment ago; a
// test running beside this one may start listening there. ClosedPort keeps
// a socket bound to the port (bound, never listening, no SO_REUSEADDR), so
// no other socket can bind it and a connect() to it is always refused
// (ECONNREFUSED), at once.
//
// Header-only so that any test target can use it without linking anything
// beyond wardcast_test_support.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>

namespace wardcast::test {

class ClosedPort {
 public:
  ClosedPort() {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd_ < 0) throw std::runtime_error("ClosedPort: socket() failed");
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    socklen_t len = sizeof addr;
    if (::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
        ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
      ::close(fd_);
      throw std::runtime_error("ClosedPort: bind() to 127.0.0.1:0 failed");
    }
    port_ = ntohs(addr.sin_port);
  }
  ~ClosedPort() { ::close(fd_); }
  ClosedPort(const ClosedPort&) = delete;
  ClosedPort& operator=(const ClosedPort&) = delete;

  int port() const { return port_; }

 private:
  int fd_ = -1;
  int port_ = 0;
};

}  // namespace wardcast::test
