#pragma once
// An Icecast2 server for tests: generated config on 127.0.0.1 and a free
// port, started as a child process; kill() and start() again to simulate a
// server that goes away and comes back.
#include <sys/types.h>

#include <filesystem>
#include <string>

#include "tests/support/test_support.hpp"

namespace wardcast::test {

class IcecastServer {
 public:
  IcecastServer();
  ~IcecastServer();
  void start();  // returns once the port accepts connections (or fails the test)
  void kill();   // SIGKILL, like a crash
  int port() const { return port_; }
  std::string sourceUri(const std::string& mount) const;  // icecast://source:PASS@127.0.0.1:PORT/mount
  std::string listenUrl(const std::string& mount) const;

 private:
  TempDir dir_;
  int port_;
  pid_t pid_ = -1;
};

}  // namespace wardcast::test
