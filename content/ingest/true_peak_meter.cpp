#include "content/ingest/true_peak_meter.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>

namespace wardcast::ingest_detail {
namespace {

constexpr int kTaps = 49;            // libebur128's interpolation filter length
constexpr double kZeroCoeff = 1e-6;  // libebur128 drops coefficients this small

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define WARDCAST_SIMD_CLONES __attribute__((target_clones("arch=x86-64-v3", "default")))
#else
#define WARDCAST_SIMD_CLONES
#endif

// The vector helpers below are always inlined into their (cloned) callers, so
// no vector ever crosses a call between code built for different targets; the
// "AVX vector passed without AVX changes the ABI" note therefore does not
// apply. (Without forced inlining, an unoptimised build would call the
// default-target helper from the AVX2 clone with mismatched conventions.)
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wpsabi"
#endif

// Eight floats in one SIMD register (GCC/Clang vector extension: AVX in the
// x86-64-v3 clone, two SSE registers otherwise).
typedef float Vec8 __attribute__((vector_size(32)));
constexpr std::size_t kLanes = 8;

[[gnu::always_inline]] inline Vec8 load8(const float* p) {
  Vec8 v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
[[gnu::always_inline]] inline Vec8 abs8(Vec8 v) {
  return v < 0 ? -v : v;
}
[[gnu::always_inline]] inline Vec8 max8(Vec8 a, Vec8 b) {
  return a > b ? a : b;
}
[[gnu::always_inline]] inline float horizontalMax(Vec8 v) {
  float best = 0.0f;
  for (std::size_t i = 0; i < kLanes; ++i) best = std::max(best, v[i]);
  return best;
}

struct PhaseTap {
  int delay;
  float coeff;
};

// Largest |sum_t taps[t].coeff * x[i - taps[t].delay]| for i in [0, len):
// one phase of the oversampling filter over one block. Reads
// x[-max delay, kBlockFrames); values past len must be readable (padding).
WARDCAST_SIMD_CLONES
float phaseMaxAbs(const float* x, const PhaseTap* taps, std::size_t tap_count, std::size_t len) {
  Vec8 best = {};
  for (std::size_t i = 0; i < len; i += 2 * kLanes) {
    Vec8 a = {}, b = {};
    for (std::size_t t = 0; t < tap_count; ++t) {
      const float* src = x + i - taps[t].delay;
      const float c = taps[t].coeff;
      a += c * load8(src);
      b += c * load8(src + kLanes);
    }
    if (i + 2 * kLanes > len) {  // partial last step: drop lanes past len
      for (std::size_t j = 0; j < kLanes; ++j) {
        if (i + j >= len) a[j] = 0.0f;
        if (i + kLanes + j >= len) b[j] = 0.0f;
      }
    }
    best = max8(best, max8(abs8(a), abs8(b)));
  }
  return horizontalMax(best);
}

WARDCAST_SIMD_CLONES
float maxAbs(const float* x, std::size_t n) {
  Vec8 best = {};
  std::size_t i = 0;
  for (; i + kLanes <= n; i += kLanes) best = max8(best, abs8(load8(x + i)));
  float tail = horizontalMax(best);
  for (; i < n; ++i) tail = std::max(tail, std::fabs(x[i]));
  return tail;
}

// libebur128's filter design (BS.1770-4 Annex 2 style): a Hann-windowed sinc
// with cutoff at the input Nyquist frequency, split into `factor` phases.
double filterCoefficient(int j, int factor) {
  double m = j - (kTaps - 1) / 2.0;
  double c = 1.0;
  if (std::fabs(m) > kZeroCoeff) c = std::sin(m * M_PI / factor) / (m * M_PI / factor);
  return c * 0.5 * (1.0 - std::cos(2.0 * M_PI * j / (kTaps - 1)));
}

}  // namespace

TruePeakMeter::TruePeakMeter(int channels, int factor, Ebur128Handle verifier)
    : channels_(channels),
      factor_(factor),
      history_(static_cast<std::size_t>((kTaps + factor - 1) / factor - 1)),
      verifier_(std::move(verifier)),
      planar_(static_cast<std::size_t>(channels)) {
  phases_.resize(static_cast<std::size_t>(factor));
  std::vector<double> gain(static_cast<std::size_t>(factor), 0.0);
  for (int j = 0; j < kTaps && factor > 1; ++j) {
    double c = filterCoefficient(j, factor);
    if (std::fabs(c) <= kZeroCoeff) continue;
    auto f = static_cast<std::size_t>(j % factor);
    phases_[f].push_back(Tap{j / factor, static_cast<float>(c)});
    gain[f] += std::fabs(c);
  }
  gain_bound_ = *std::max_element(gain.begin(), gain.end()) * (1.0 + kMargin);
  tail_.assign(history_ * static_cast<std::size_t>(channels), 0.0f);
}

Result<TruePeakMeter> TruePeakMeter::create(int channels, int sample_rate) {
  int factor = sample_rate < 96000 ? 4 : sample_rate < 192000 ? 2 : 1;
  Ebur128Handle verifier;
  if (factor > 1) {
    verifier = Ebur128Handle::adopt(ebur128_init(static_cast<unsigned>(channels),
                                                 static_cast<unsigned long>(sample_rate),
                                                 EBUR128_MODE_TRUE_PEAK));
    if (!verifier) return makeError(ErrorKind::kInternal, "libebur128 refused a true-peak meter");
  }
  return TruePeakMeter(channels, factor, std::move(verifier));
}

void TruePeakMeter::deinterleave(const float* chunk, std::size_t frames) {
  const auto ch = static_cast<std::size_t>(channels_);
  const std::size_t total = history_ + frames;
  for (std::size_t c = 0; c < ch; ++c) {
    std::vector<float>& out = planar_[c];
    if (out.size() < total + 2 * kLanes) out.resize(total + 2 * kLanes);
    // Zero padding after the samples: phaseMaxAbs reads whole vectors.
    std::fill(out.begin() + static_cast<std::ptrdiff_t>(total),
              out.begin() + static_cast<std::ptrdiff_t>(total + 2 * kLanes), 0.0f);
    for (std::size_t i = 0; i < history_; ++i) out[i] = tail_[i * ch + c];
    float* dest = out.data() + history_;
    const float* in = chunk + c;
    for (std::size_t i = 0; i < frames; ++i) dest[i] = in[i * ch];
  }
}

float TruePeakMeter::boundOfBlock(std::size_t first, std::size_t len) const {
  float m = 0.0f;  // sample peak over every input the block's outputs read
  for (const auto& x : planar_)
    m = std::max(m, maxAbs(x.data() + first - history_, len + history_));
  return static_cast<float>(gain_bound_ * m);
}

float TruePeakMeter::estimateBlock(std::size_t first, std::size_t len) const {
  float best = 0.0f;
  for (const auto& x : planar_) {
    for (const auto& phase : phases_) {
      static_assert(sizeof(Tap) == sizeof(PhaseTap));
      best = std::max(best,
                      phaseMaxAbs(x.data() + first, reinterpret_cast<const PhaseTap*>(phase.data()),
                                  phase.size(), len));
    }
  }
  return best;
}

Status TruePeakMeter::feed(const float* interleaved, std::size_t frames) {
  if (frames == 0) return okStatus();
  if (ebur128_add_frames_float(verifier_.get(), interleaved, frames) != EBUR128_SUCCESS) {
    return makeError(ErrorKind::kInternal, "libebur128 failed to take audio frames");
  }
  return okStatus();
}

// `start` is the block's first frame within `chunk`.
Status TruePeakMeter::verifyBlock(const float* chunk, std::size_t start, std::size_t len) {
  const auto ch = static_cast<std::size_t>(channels_);
  const std::uint64_t absolute = position_ + start;
  if (fed_until_ != absolute) {
    // Warm-up: the history_ frames before the block refill the filter's
    // delay line; the outputs of these calls are not part of the block.
    // They come from the previous chunk's tail where the block starts early.
    if (start < history_) {
      if (Status st = feed(tail_.data() + start * ch, history_ - start); !st) return st;
      if (Status st = feed(chunk, start); !st) return st;
    } else {
      if (Status st = feed(chunk + (start - history_) * ch, history_); !st) return st;
    }
  }
  if (Status st = feed(chunk + start * ch, len); !st) return st;
  for (unsigned c = 0; c < static_cast<unsigned>(channels_); ++c) {
    double value = 0.0;
    if (ebur128_prev_true_peak(verifier_.get(), c, &value) == EBUR128_SUCCESS) {
      peak_ = std::max(peak_, value);
    }
  }
  fed_until_ = absolute + len;
  frames_verified_ += len;
  return okStatus();
}

// Keeps the last history_ frames of everything added as the next chunk's
// context.
void TruePeakMeter::keepTail(const float* chunk, std::size_t frames) {
  const auto ch = static_cast<std::size_t>(channels_);
  if (frames >= history_) {
    std::memcpy(tail_.data(), chunk + (frames - history_) * ch, history_ * ch * sizeof(float));
    return;
  }
  std::memmove(tail_.data(), tail_.data() + frames * ch, (history_ - frames) * ch * sizeof(float));
  std::memcpy(tail_.data() + (history_ - frames) * ch, chunk, frames * ch * sizeof(float));
}

Status TruePeakMeter::add(const float* interleaved, std::size_t frames) {
  const auto ch = static_cast<std::size_t>(channels_);
  if (factor_ == 1) {
    peak_ = std::max(peak_, static_cast<double>(maxAbs(interleaved, frames * ch)));
    return okStatus();
  }
  if (frames == 0) return okStatus();
  deinterleave(interleaved, frames);
  const std::size_t blocks = (frames + kBlockFrames - 1) / kBlockFrames;
  estimate_.assign(blocks, 0.0f);
  const auto skip_below = static_cast<float>(peak_ * (1.0 + kMargin));
  for (std::size_t b = 0; b < blocks; ++b) {
    std::size_t first = history_ + b * kBlockFrames;
    std::size_t len = std::min(kBlockFrames, frames - b * kBlockFrames);
    if (boundOfBlock(first, len) > skip_below) estimate_[b] = estimateBlock(first, len);
  }
  // The block with the largest estimate first: it raises peak_ so that the
  // blocks merely tying with it need no verification.
  auto top = static_cast<std::size_t>(std::max_element(estimate_.begin(), estimate_.end()) -
                                      estimate_.begin());
  for (std::size_t n = 0; n <= blocks; ++n) {
    std::size_t b = n == 0 ? top : n - 1;
    if ((n > 0 && b == top) || estimate_[b] <= 0.0f || estimate_[b] <= peak_ * (1.0 + kMargin)) {
      continue;
    }
    std::size_t len = std::min(kBlockFrames, frames - b * kBlockFrames);
    if (Status st = verifyBlock(interleaved, b * kBlockFrames, len); !st) return st;
  }
  keepTail(interleaved, frames);
  position_ += frames;
  return okStatus();
}

}  // namespace wardcast::ingest_detail
