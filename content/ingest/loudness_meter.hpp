#pragma once
// LoudnessMeter: EBU R128 integrated loudness (gated, ITU-R BS.1770-4) of
// interleaved float audio, with libebur128 (EBUR128_MODE_I; exact block
// list, not the 0.1 LU histogram). True peak is TruePeakMeter's job.
// Channels are weighted per ITU-R BS.1770 from the libav channel layout
// (L/R/C weight 1, surrounds 1.41, LFE unused); audio is never downmixed.
// Not thread-safe: one thread feeds one meter.
#include <cstddef>
#include <optional>

extern "C" {
#include <libavutil/channel_layout.h>
}

#include "content/ingest/av_handles.hpp"
#include "util/result.hpp"

namespace wardcast::ingest_detail {

class LoudnessMeter {
 public:
  // Fails for a channel count or sample rate libebur128 refuses.
  static Result<LoudnessMeter> create(const AVChannelLayout& layout, int sample_rate);

  // `frames` frames of `channels` interleaved samples each, full scale ±1.0.
  Status add(const float* interleaved, std::size_t frames);
  // Integrated loudness in LUFS; empty when every block was gated out
  // (silence, or shorter than one 400 ms block).
  std::optional<double> integrated() const;
  int channels() const { return channels_; }

 private:
  LoudnessMeter(Ebur128Handle state, int channels)
      : state_(std::move(state)), channels_(channels) {}
  Ebur128Handle state_;
  int channels_ = 0;
};

}  // namespace wardcast::ingest_detail
