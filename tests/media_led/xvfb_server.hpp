#pragma once
// A real X server for tests of the local display output: Xvfb on a display
// number it picks itself (-displayfd: the first free one, written once the
// server accepts connections), no TCP listener, one screen of the given
// size at 24 bits. Stopped (SIGTERM, then SIGKILL) by the destructor.
// Whatever draws on it must be gone first: Xlib ends a process whose
// server goes away under it.
#include <filesystem>
#include <string>

#include "tests/media_led/led_test_harness.hpp"
#include "tests/support/background_process.hpp"

namespace wardcast::test {

class XvfbServer {
 public:
  // Waits up to 10 s for the server to be ready; fails the test otherwise.
  XvfbServer(const std::filesystem::path& log_file, int width, int height);
  // ":N", the value for DISPLAY.
  const std::string& display() const { return display_; }
  // The screen as a person would see it: its top-left width x height
  // pixels grabbed from the server (ffmpeg x11grab, without the pointer,
  // which Xvfb puts in the middle of the screen), RGB24.
  Frame grab(int width, int height) const;

 private:
  BackgroundProcess process_;
  std::string display_;
};

}  // namespace wardcast::test
