#include "content/ingest/av_log_capture.hpp"

#include <atomic>
#include <cstdarg>
#include <cstdio>
#include <mutex>

extern "C" {
#include <libavutil/error.h>
#include <libavutil/log.h>
}

#include "content/ingest/av_handles.hpp"

namespace wardcast::ingest_detail {
namespace {

thread_local AvLogCapture* t_capture = nullptr;
std::atomic<int> g_active_captures{0};  // captures alive on any thread

void logCallback(void* avcl, int level, const char* fmt, va_list args) {
  if (t_capture == nullptr) {
    // While an ingest runs, lines from threads without a capture are most
    // likely its decoders' frame threads: the refusal reports the damage.
    if (level <= AV_LOG_ERROR && g_active_captures.load() == 0) {
      av_log_default_callback(avcl, level, fmt, args);
    }
    return;
  }
  if (level > AV_LOG_ERROR) return;
  char line[512];
  std::vsnprintf(line, sizeof line, fmt, args);
  t_capture->record(line);
}

void installOnce() {
  static std::once_flag once;
  std::call_once(once, [] { av_log_set_callback(logCallback); });
}

}  // namespace

AvLogCapture::AvLogCapture() : previous_(t_capture) {
  installOnce();
  t_capture = this;
  ++g_active_captures;
}

AvLogCapture::~AvLogCapture() {
  --g_active_captures;
  t_capture = previous_;
}

void AvLogCapture::record(const std::string& line) {
  if (!first_error_.empty()) return;
  std::size_t begin = line.find_first_not_of(" \t\r\n");
  std::size_t end = line.find_last_not_of(" \t\r\n");
  if (begin == std::string::npos) return;
  first_error_ = line.substr(begin, end - begin + 1);
}

std::string avErrorText(int av_error) {
  char text[AV_ERROR_MAX_STRING_SIZE] = {};
  av_strerror(av_error, text, sizeof text);
  return text;
}

}  // namespace wardcast::ingest_detail
