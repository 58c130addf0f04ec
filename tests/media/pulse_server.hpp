#pragma once
// A PulseAudio server for tests, so that a program's ALSA output can be
// heard in a container without a sound card: a null sink (paced by
// PulseAudio's timer, like a real card) behind alsa-lib's `pulse` PCM
// (libasound2-plugins), and a recording of the sink's monitor with parec.
// Everything lives in its own TempDir: socket, runtime and config folders,
// the ALSA configuration file to point ALSA_CONFIG_PATH at.
//
//   ALSA device "wardcast_test" --alsa-lib pulse PCM--> null sink "wardcast"
//   sink monitor --parec--> raw 48 kHz stereo float file
#include <sys/types.h>

#include <filesystem>
#include <string>

#include "tests/support/test_support.hpp"

namespace wardcast::test {

class PulseServer {
 public:
  PulseServer();   // starts the server; fails the test if it cannot
  ~PulseServer();  // stops the recording and the server
  PulseServer(const PulseServer&) = delete;
  PulseServer& operator=(const PulseServer&) = delete;

  // An alsa-lib configuration file that defines only the PCM "wardcast_test".
  std::filesystem::path alsaConfig() const { return dir_ / "asound.conf"; }
  static constexpr const char* kAlsaDevice = "wardcast_test";

  // Records the sink's monitor to `file` (raw F32LE, 48 kHz, stereo).
  void startRecording(const std::filesystem::path& file);
  void stopRecording();

 private:
  TempDir dir_;
  pid_t server_ = -1;
  pid_t recorder_ = -1;
};

}  // namespace wardcast::test
