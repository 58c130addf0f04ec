#pragma once
// An Icecast2 server for tests: generated config on 127.0.0.1 and a free
// port, started as a child process; kill() and start() again to simulate a
// server that goes away and comes back (on the same port, which the
// programme under test was given). The first start() tries a fresh port when
// another process took the one freePort() gave; read port() and the URIs
// after it.
#include <sys/types.h>

#include <filesystem>
#include <string>

#include "tests/support/test_support.hpp"

namespace wardcast::test {

class IcecastServer {
 public:
  IcecastServer();
  ~IcecastServer();
  void start();  // returns once icecast2 answers on the port (or fails the test)
  void kill();   // SIGKILL, like a crash
  int port() const { return port_; }
  std::string sourceUri(const std::string& mount) const;  // icecast://source:PASS@127.0.0.1:PORT/mount
  std::string listenUrl(const std::string& mount) const;

 private:
  void writeConfig();
  bool startOnce();  // spawns icecast2; whether it then answers on port_

  TempDir dir_;
  int port_;
  pid_t pid_ = -1;
  bool started_ = false;  // once started, restarts keep the port
};

}  // namespace wardcast::test
