#pragma once
// Test harness for LED programs: an io_context run by one thread (the
// programs' owner executor), an event log, generated media and frame grabs.
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <future>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "media/led/led_event.hpp"
#include "tests/support/test_support.hpp"

namespace wardcast::test {

class IoThread {
 public:
  IoThread();
  ~IoThread();
  boost::asio::any_io_executor executor() { return io_.get_executor(); }
  // Runs `f` on the io thread and waits for it.
  template <class F>
  auto run(F f) -> decltype(f()) {
    std::packaged_task<decltype(f())()> task(std::move(f));
    auto result = task.get_future();
    boost::asio::post(io_, [&task] { task(); });
    return result.get();
  }

 private:
  boost::asio::io_context io_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> guard_;
  std::thread thread_;
};

// Records LedEvents (called on the io thread, read from the test thread).
class EventLog {
 public:
  void operator()(const media::led::LedEvent& event);
  std::vector<media::led::LedEvent> events() const;
  int count(std::size_t variant_index, const std::string& id = {}) const;

 private:
  mutable std::mutex mutex_;
  std::vector<media::led::LedEvent> events_;
};

// A frame as packed RGB24.
struct Frame {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> rgb;
  const std::uint8_t* at(int x, int y) const { return &rgb[(y * width + x) * 3]; }
  // Mean of the three channels over a rectangle.
  double meanLevel(int x0, int y0, int x1, int y1) const;
  // Standard deviation of luma-ish level over a rectangle.
  double spread(int x0, int y0, int x1, int y1) const;
  // Mean absolute difference to `other` over a rectangle.
  double difference(const Frame& other, int x0, int y0, int x1, int y1) const;
};

// The frame at `seconds` in a recording (ffmpeg, decoded to RGB24).
Frame grabFrame(const std::filesystem::path& file, double seconds, int width, int height);
// Every frame of a recording's video, in order, neither dropped nor
// repeated, scaled (nearest neighbour, so flat colours stay exact) to
// width x height.
std::vector<Frame> decodeFrames(const std::filesystem::path& file, int width, int height);

// Generated media (ffmpeg lavfi): small, short.
void makeClip(const std::filesystem::path& file, const std::string& lavfi_video, bool with_audio,
              double seconds);
void makeImage(const std::filesystem::path& file, const std::string& colour, int width, int height);

}  // namespace wardcast::test
