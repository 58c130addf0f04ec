#pragma once
// IcecastServer: a real icecast2 (/usr/bin/icecast2) for tests, listening on
// 127.0.0.1 on a free port, with a generated config, pid file and log in a
// directory the test owns (e.g. a TempDir). Reusable by any test that needs
// an Icecast server (drivers, media).
//
// Running as root: icecast2 refuses to run as root unless the config has
// <security><changeowner>; the helper then adds changeowner to "nobody"
// (and its group). Icecast reads its config and writes its pid file before
// dropping privileges, and logs to stderr (the log file is opened by the
// test), so the private TempDir needs no wider permissions.
#include <filesystem>
#include <memory>
#include <string>

#include "tests/support/background_process.hpp"

namespace wardcast::test {

class IcecastServer {
 public:
  // Starts icecast2 and waits (up to 10 s) until it accepts connections.
  // Throws std::runtime_error with the server's log when it does not.
  explicit IcecastServer(const std::filesystem::path& dir);

  int port() const { return port_; }
  const std::string& sourcePassword() const { return source_password_; }
  const std::string& adminUser() const { return admin_user_; }
  const std::string& adminPassword() const { return admin_password_; }
  // http://127.0.0.1:PORT/MOUNT, for listeners.
  std::string listenUrl(const std::string& mount) const;
  // icecast://source:PASSWORD@127.0.0.1:PORT/MOUNT, as ffmpeg and Wardcast's
  // output URIs write it.
  std::string sourceUri(const std::string& mount) const;
  std::string log() const { return process_->log(); }
  bool running() { return process_->running(); }

  // An ffmpeg that streams a 440 Hz tone as MP3 (64 kbit/s) to `mount` in
  // real time until stopped.
  BackgroundProcess startToneSource(const std::string& mount) const;
  // A curl that listens to `mount` (discarding the audio) until stopped.
  BackgroundProcess startListener(const std::string& mount) const;

 private:
  bool startOnce();

  std::filesystem::path dir_;
  int port_ = 0;
  std::string source_password_ = "hackme-source";
  std::string admin_user_ = "admin";
  std::string admin_password_ = "hackme-admin";
  std::unique_ptr<BackgroundProcess> process_;
};

}  // namespace wardcast::test
