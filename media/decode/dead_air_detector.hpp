#pragma once
// Dead-air detection from level measurements (the `level` element's RMS),
// in stream time. Pure and single-threaded: fed on the owner's executor.
#include <chrono>
#include <optional>

namespace wardcast::media {

struct DeadAirSettings {
  double threshold_dbfs = -50.0;                // RMS at or below is silence
  std::chrono::milliseconds after{5000};        // silence longer than this is dead air
};

class DeadAirDetector {
 public:
  enum class Change { kNone = 1, kStarted, kEnded };

  explicit DeadAirDetector(DeadAirSettings settings) : settings_(settings) {}

  // One measurement: the loudest channel's RMS over the interval ending at
  // `end` (stream time). Returns a change when dead air starts or ends.
  Change feed(double rms_dbfs, std::chrono::nanoseconds end);

  bool active() const { return active_; }
  // Stream time at which the current silence began (when there is one).
  std::optional<std::chrono::nanoseconds> silenceSince() const { return silent_since_; }

 private:
  DeadAirSettings settings_;
  std::optional<std::chrono::nanoseconds> silent_since_;
  bool active_ = false;
};

}  // namespace wardcast::media
