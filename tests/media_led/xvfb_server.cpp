#include "tests/media_led/xvfb_server.hpp"

#include <catch2/catch.hpp>

#include <sstream>

namespace wardcast::test {
namespace {

// The display number Xvfb wrote to its stdout (-displayfd 1): a line of
// digits alone. Its stderr, in the same log, has only text lines.
std::string displayNumber(const std::string& log) {
  // Whole lines only: a number not yet followed by its newline may be cut.
  std::istringstream lines(log.substr(0, log.rfind('\n') + 1));
  for (std::string line; std::getline(lines, line);) {
    if (!line.empty() && line.find_first_not_of("0123456789") == std::string::npos) return line;
  }
  return {};
}

}  // namespace

XvfbServer::XvfbServer(const std::filesystem::path& log_file, int width, int height)
    : process_({"Xvfb", "-displayfd", "1", "-nolisten", "tcp", "-noreset", "-screen", "0",
                std::to_string(width) + "x" + std::to_string(height) + "x24"},
               log_file) {
  const bool ready = waitFor(
      [&] {
        const std::string log = process_.log();
        return !displayNumber(log).empty() || !process_.running();
      },
      std::chrono::seconds(10));
  INFO("Xvfb log:\n" << process_.log());
  REQUIRE(ready);
  const std::string number = displayNumber(process_.log());
  REQUIRE_FALSE(number.empty());
  display_ = ":" + number;
}

Frame XvfbServer::grab(int width, int height) const {
  const std::string size = std::to_string(width) + "x" + std::to_string(height);
  auto result = run(
      {"ffmpeg", "-nostdin", "-v", "error", "-f", "x11grab", "-draw_mouse", "0", "-video_size",
       size, "-i", display_ + "+0,0", "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "rgb24", "-"},
      std::chrono::seconds(30));
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  Frame frame;
  frame.width = width;
  frame.height = height;
  frame.rgb.assign(result.out.begin(), result.out.end());
  REQUIRE(frame.rgb.size() == std::size_t(width) * std::size_t(height) * 3);
  return frame;
}

}  // namespace wardcast::test
