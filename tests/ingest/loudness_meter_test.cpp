// LoudnessMeter (libebur128 integrated loudness) on signals whose loudness
// follows from BS.1770's definition, and its channel weighting.
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "content/ingest/loudness_meter.hpp"

namespace wardcast {
namespace {

using ingest_detail::LoudnessMeter;

std::vector<float> sine(int channels, int rate, double seconds, double amplitude,
                        std::vector<double> channel_gain = {}) {
  channel_gain.resize(static_cast<std::size_t>(channels), 1.0);
  const auto frames = static_cast<std::size_t>(rate * seconds);
  std::vector<float> x(frames * channels);
  for (std::size_t i = 0; i < frames; ++i) {
    double v = amplitude * std::sin(2 * M_PI * 1000.0 * i / rate);
    for (int c = 0; c < channels; ++c)
      x[i * channels + c] = static_cast<float>(v * channel_gain[c]);
  }
  return x;
}

std::optional<double> measure(const AVChannelLayout& layout, int rate,
                              const std::vector<float>& x) {
  auto meter = LoudnessMeter::create(layout, rate);
  REQUIRE(meter.ok());
  REQUIRE(meter->add(x.data(), x.size() / layout.nb_channels).ok());
  return meter->integrated();
}

TEST_CASE("a 1 kHz sine reads 20log10(A) - 3.01 LUFS per channel", "[loudness]") {
  AVChannelLayout mono = AV_CHANNEL_LAYOUT_MONO;
  AVChannelLayout stereo = AV_CHANNEL_LAYOUT_STEREO;
  for (double amplitude : {1.0, 0.5, 0.1}) {
    double per_channel = 20 * std::log10(amplitude) - 3.0103;
    auto m = measure(mono, 48000, sine(1, 48000, 5, amplitude));
    REQUIRE(m.has_value());
    CHECK(*m == Approx(per_channel).margin(0.02));
    auto s = measure(stereo, 44100, sine(2, 44100, 5, amplitude));
    REQUIRE(s.has_value());
    CHECK(*s == Approx(per_channel + 3.0103).margin(0.02));
  }
}

TEST_CASE("surround channels weigh 1.41 and LFE is ignored", "[loudness]") {
  AVChannelLayout five_one = AV_CHANNEL_LAYOUT_5POINT1;  // FL FR FC LFE SL SR
  double per_channel = 20 * std::log10(0.5) - 3.0103;
  auto lfe_only = measure(five_one, 48000, sine(6, 48000, 5, 0.5, {0, 0, 0, 1, 0, 0}));
  CHECK_FALSE(lfe_only.has_value());  // all blocks below the -70 LUFS gate
  auto surround = measure(five_one, 48000, sine(6, 48000, 5, 0.5, {0, 0, 0, 0, 1, 0}));
  REQUIRE(surround.has_value());
  CHECK(*surround == Approx(per_channel + 10 * std::log10(1.41)).margin(0.02));
}

TEST_CASE("silence and too-short audio have no integrated loudness", "[loudness]") {
  AVChannelLayout stereo = AV_CHANNEL_LAYOUT_STEREO;
  CHECK_FALSE(measure(stereo, 44100, std::vector<float>(2 * 44100 * 2, 0.0f)).has_value());
  CHECK_FALSE(measure(stereo, 44100, sine(2, 44100, 0.2, 0.5)).has_value());
}

}  // namespace
}  // namespace wardcast
