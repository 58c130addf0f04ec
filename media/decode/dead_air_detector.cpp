#include "media/decode/dead_air_detector.hpp"

namespace wardcast::media {

DeadAirDetector::Change DeadAirDetector::feed(double rms_dbfs, std::chrono::nanoseconds end) {
  if (rms_dbfs > settings_.threshold_dbfs) {
    silent_since_.reset();
    if (!active_) return Change::kNone;
    active_ = false;
    return Change::kEnded;
  }
  if (!silent_since_) silent_since_ = end;
  if (!active_ && end - *silent_since_ >= settings_.after) {
    active_ = true;
    return Change::kStarted;
  }
  return Change::kNone;
}

}  // namespace wardcast::media
