#pragma once
// AudioInterleaver: turns decoded audio frames of any libav sample format
// into interleaved 32-bit float (full scale ±1.0), same rate and channels,
// written where the caller says. Packed float passes through as a copy;
// everything else goes through libswresample (format conversion only, no
// resampling or remixing). Not thread-safe.
#include <vector>

#include "content/ingest/av_handles.hpp"
#include "util/result.hpp"

namespace wardcast::ingest_detail {

class AudioInterleaver {
 public:
  AudioInterleaver() = default;
  ~AudioInterleaver() { av_channel_layout_uninit(&layout_); }
  AudioInterleaver(const AudioInterleaver&) = delete;
  AudioInterleaver& operator=(const AudioInterleaver&) = delete;
  // Writes frame.nb_samples x channels floats to `dest`, which must have room.
  Status convert(const AVFrame& frame, float* dest);

 private:
  Status configure(const AVFrame& frame);
  SwrHandle swr_;
  int format_ = -1;
  int rate_ = 0;
  AVChannelLayout layout_{};
};

}  // namespace wardcast::ingest_detail
