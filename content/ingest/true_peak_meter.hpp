#pragma once
// TruePeakMeter: the true peak (ITU-R BS.1770-4 Annex 2) of interleaved float
// audio, as libebur128's EBUR128_MODE_TRUE_PEAK reports it, at a fraction of
// its cost.
//
// libebur128 oversamples every sample 4x (2x at 96 kHz and above) with a
// 49-tap Hann-windowed sinc filter, in scalar code: about 5 s of CPU for 30
// minutes of 44.1 kHz stereo. This meter instead
//   1. estimates, block by block (kBlockFrames), the largest oversampled value
//      with the same filter, vectorised (float, AVX2/FMA where the CPU has
//      it), after a cheaper bound (the filter's L1 gain x the block's sample
//      peak) has ruled out blocks that cannot reach the running peak;
//   2. feeds a libebur128 EBUR128_MODE_TRUE_PEAK state only the blocks whose
//      estimate comes within kMargin of the largest peak seen so far, each
//      preceded by the 12 (24 at 2x) samples its filter needs as warm-up, and
//      takes libebur128's own figure (ebur128_prev_true_peak) for them.
// The block holding the true maximum always passes step 1 (the estimate
// differs from libebur128's double-precision sum by far less than kMargin),
// and libebur128 computes the value of every output it is fed exactly as in
// a full run, so the result equals a full libebur128 run; tests compare them.
// At 192 kHz and above libebur128 does not oversample: the true peak is the
// sample peak.
// Not thread-safe: one thread feeds one meter.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "content/ingest/av_handles.hpp"
#include "util/result.hpp"

namespace wardcast::ingest_detail {

class TruePeakMeter {
 public:
  static Result<TruePeakMeter> create(int channels, int sample_rate);

  // `frames` frames of interleaved samples, full scale ±1.0.
  Status add(const float* interleaved, std::size_t frames);
  // Linear true peak so far, the largest over all channels (1.0 = 0 dBTP).
  double peak() const { return peak_; }
  // How many frames went through libebur128 (for the benchmark's report).
  std::uint64_t framesVerified() const { return frames_verified_; }

  static constexpr std::size_t kBlockFrames = 256;
  static constexpr double kMargin = 1e-5;  // relative

 private:
  struct Tap {
    int delay;  // in input samples: the tap reads x[n - delay]
    float coeff;
  };
  TruePeakMeter(int channels, int factor, Ebur128Handle verifier);
  void deinterleave(const float* chunk, std::size_t frames);
  float boundOfBlock(std::size_t first, std::size_t len) const;
  float estimateBlock(std::size_t first, std::size_t len) const;
  Status feed(const float* interleaved, std::size_t frames);
  Status verifyBlock(const float* chunk, std::size_t start, std::size_t len);
  void keepTail(const float* chunk, std::size_t frames);

  int channels_;
  int factor_;           // oversampling: 4, 2, or 1 (none)
  std::size_t history_;  // frames of context each output needs before it
  std::vector<std::vector<Tap>> phases_;
  double gain_bound_ = 1.0;  // max over phases of the sum of |coeff|
  Ebur128Handle verifier_;   // EBUR128_MODE_TRUE_PEAK; null when factor_ == 1
  std::vector<float> tail_;  // interleaved: the last history_ frames added
  // Per channel: tail_'s frames, then the current chunk, then zero padding.
  std::vector<std::vector<float>> planar_;
  std::vector<float> estimate_;  // per block of the current chunk
  std::uint64_t position_ = 0;   // absolute index of the current chunk's first frame
  std::uint64_t fed_until_ = 0;  // absolute index where the verifier's input stops
  std::uint64_t frames_verified_ = 0;
  double peak_ = 0.0;
};

}  // namespace wardcast::ingest_detail
