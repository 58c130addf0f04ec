#pragma once
// A live "microphone" for tests: an appsrc (is-live, format=time) that
// stamps its buffers in the pipeline's running time and fills them, 10 ms
// at a time, with samples from a function of the frame number. Stereo F32
// at 48 kHz, the program's own format, so the value a test puts in is the
// value that reaches the mixer.
//
// Threads: makeSource() on the test's thread; the function runs on the
// appsrc's streaming thread. The object must outlive the source element.
#include <cstdint>
#include <functional>

#include "media/gst/gst_handles.hpp"

namespace wardcast::test {

class LiveSignal {
 public:
  using Sample = std::function<float(std::uint64_t frame)>;
  explicit LiveSignal(Sample sample) : sample_(std::move(sample)) {}
  // The appsrc holds a pointer to this object: it stays where it is.
  LiveSignal(const LiveSignal&) = delete;
  LiveSignal& operator=(const LiveSignal&) = delete;

  // A sine of `frequency` Hz and peak `amplitude` (0..1).
  static LiveSignal tone(double frequency, double amplitude);
  // A constant value (DC), easy to tell from any program signal.
  static LiveSignal constant(float value);

  media::ElementHandle makeSource();

 private:
  static void needData(GstElement* src, guint length, gpointer self);

  Sample sample_;
  std::uint64_t frames_ = 0;
  GstClockTime base_ = GST_CLOCK_TIME_NONE;
};

}  // namespace wardcast::test
