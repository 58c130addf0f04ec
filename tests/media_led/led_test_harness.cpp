#include "tests/media_led/led_test_harness.hpp"

#include <catch2/catch.hpp>

#include <cmath>

namespace wardcast::test {

IoThread::IoThread() : guard_(io_.get_executor()), thread_([this] { io_.run(); }) {}

IoThread::~IoThread() {
  guard_.reset();
  thread_.join();  // drains what is pending
}

void EventLog::operator()(const media::led::LedEvent& event) {
  std::lock_guard lock(mutex_);
  events_.push_back(event);
}

std::vector<media::led::LedEvent> EventLog::events() const {
  std::lock_guard lock(mutex_);
  return events_;
}

int EventLog::count(std::size_t variant_index, const std::string& id) const {
  std::lock_guard lock(mutex_);
  int n = 0;
  for (const auto& event : events_) {
    if (event.index() != variant_index) continue;
    if (!id.empty()) {
      const std::string* item_id = nullptr;
      if (auto* s = std::get_if<media::led::ItemStartedEvent>(&event)) item_id = &s->item.id;
      if (auto* e = std::get_if<media::led::ItemEndedEvent>(&event)) item_id = &e->item.id;
      if (auto* f = std::get_if<media::led::ItemFailedEvent>(&event)) item_id = &f->item.id;
      if (!item_id || *item_id != id) continue;
    }
    ++n;
  }
  return n;
}

double Frame::meanLevel(int x0, int y0, int x1, int y1) const {
  double sum = 0;
  int n = 0;
  for (int y = y0; y < y1; ++y)
    for (int x = x0; x < x1; ++x, ++n) {
      const auto* p = at(x, y);
      sum += (p[0] + p[1] + p[2]) / 3.0;
    }
  return n ? sum / n : 0;
}

double Frame::spread(int x0, int y0, int x1, int y1) const {
  const double mean = meanLevel(x0, y0, x1, y1);
  double sum = 0;
  int n = 0;
  for (int y = y0; y < y1; ++y)
    for (int x = x0; x < x1; ++x, ++n) {
      const auto* p = at(x, y);
      const double d = (p[0] + p[1] + p[2]) / 3.0 - mean;
      sum += d * d;
    }
  return n ? std::sqrt(sum / n) : 0;
}

double Frame::difference(const Frame& other, int x0, int y0, int x1, int y1) const {
  double sum = 0;
  int n = 0;
  for (int y = y0; y < y1; ++y)
    for (int x = x0; x < x1; ++x)
      for (int c = 0; c < 3; ++c, ++n) sum += std::abs(at(x, y)[c] - other.at(x, y)[c]);
  return n ? sum / n : 0;
}

Frame grabFrame(const std::filesystem::path& file, double seconds, int width, int height) {
  auto result = run({"ffmpeg", "-nostdin", "-v", "error", "-ss", std::to_string(seconds), "-i",
                     file.string(), "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "rgb24", "-"},
                    std::chrono::seconds(30));
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  REQUIRE(result.out.size() == static_cast<std::size_t>(width * height * 3));
  Frame frame{width, height, {}};
  frame.rgb.assign(result.out.begin(), result.out.end());
  return frame;
}

std::vector<Frame> decodeFrames(const std::filesystem::path& file, int width, int height) {
  auto result =
      run({"ffmpeg", "-nostdin", "-v", "error", "-i", file.string(), "-map", "0:v:0", "-fps_mode",
           "passthrough", "-vf",
           "scale=" + std::to_string(width) + ":" + std::to_string(height) + ":flags=neighbor",
           "-f", "rawvideo", "-pix_fmt", "rgb24", "-"},
          std::chrono::seconds(60));
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  const std::size_t size = static_cast<std::size_t>(width) * height * 3;
  REQUIRE(result.out.size() % size == 0);
  std::vector<Frame> frames;
  for (std::size_t at = 0; at < result.out.size(); at += size) {
    Frame frame{width, height, {}};
    frame.rgb.assign(result.out.begin() + static_cast<std::ptrdiff_t>(at),
                     result.out.begin() + static_cast<std::ptrdiff_t>(at + size));
    frames.push_back(std::move(frame));
  }
  return frames;
}

void makeClip(const std::filesystem::path& file, const std::string& lavfi_video, bool with_audio,
              double seconds) {
  std::vector<std::string> args = {
      "ffmpeg", "-nostdin", "-v",
      "error",  "-y",       "-f",
      "lavfi",  "-i",       lavfi_video + ":duration=" + std::to_string(seconds)};
  if (with_audio) {
    args.insert(args.end(),
                {"-f", "lavfi", "-i", "sine=frequency=440:duration=" + std::to_string(seconds),
                 "-c:a", "aac", "-shortest"});
  }
  args.insert(args.end(),
              {"-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", file.string()});
  auto result = run(args, std::chrono::seconds(60));
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
}

void makeImage(const std::filesystem::path& file, const std::string& colour, int width,
               int height) {
  auto result =
      run({"ffmpeg", "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i",
           "color=c=" + colour + ":size=" + std::to_string(width) + "x" + std::to_string(height),
           "-frames:v", "1", file.string()},
          std::chrono::seconds(30));
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
}

}  // namespace wardcast::test
