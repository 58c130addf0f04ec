// TruePeakMeter must report what a full libebur128 EBUR128_MODE_TRUE_PEAK
// run reports, on signals that stress its shortcuts: dense noise, a steady
// tone (every block ties), isolated clicks, a crescendo (every chunk sets a
// new record), inter-sample overs, several rates and channel counts, and
// chunks of awkward sizes.
#include <catch2/catch.hpp>

#include <cmath>
#include <random>
#include <vector>

#include "content/ingest/av_handles.hpp"
#include "content/ingest/true_peak_meter.hpp"

namespace wardcast {
namespace {

using ingest_detail::Ebur128Handle;
using ingest_detail::TruePeakMeter;

double libebur128TruePeak(const std::vector<float>& x, int channels, int rate) {
  auto st = Ebur128Handle::adopt(ebur128_init(
      static_cast<unsigned>(channels), static_cast<unsigned long>(rate), EBUR128_MODE_TRUE_PEAK));
  REQUIRE(st);
  REQUIRE(ebur128_add_frames_float(st.get(), x.data(), x.size() / channels) == EBUR128_SUCCESS);
  double peak = 0.0;
  for (int c = 0; c < channels; ++c) {
    double v = 0.0;
    REQUIRE(ebur128_true_peak(st.get(), static_cast<unsigned>(c), &v) == EBUR128_SUCCESS);
    peak = std::max(peak, v);
  }
  return peak;
}

double meterTruePeak(const std::vector<float>& x, int channels, int rate, std::size_t chunk) {
  auto meter = TruePeakMeter::create(channels, rate);
  REQUIRE(meter.ok());
  const std::size_t frames = x.size() / channels;
  for (std::size_t at = 0; at < frames; at += chunk) {
    std::size_t n = std::min(chunk, frames - at);
    REQUIRE(meter->add(x.data() + at * channels, n).ok());
  }
  return meter->peak();
}

struct Signal {
  const char* name;
  std::vector<float> samples;
};

std::vector<Signal> signals(int channels, int rate) {
  const std::size_t frames = static_cast<std::size_t>(rate) * 3;
  std::mt19937 rng(42);
  std::normal_distribution<float> gauss(0.0f, 0.15f);
  std::vector<Signal> out;
  auto make = [&](const char* name, auto fn) {
    Signal s{name, std::vector<float>(frames * channels)};
    for (std::size_t i = 0; i < frames; ++i) {
      for (int c = 0; c < channels; ++c) s.samples[i * channels + c] = fn(i, c);
    }
    out.push_back(std::move(s));
  };
  make("noise", [&](std::size_t, int) { return gauss(rng); });
  make("steady tone", [&](std::size_t i, int c) {
    return 0.5f * static_cast<float>(std::sin(2 * M_PI * 997.0 * i / rate + c));
  });
  make("clicks in near silence", [&](std::size_t i, int c) {
    return (i % 9973 == 17 * static_cast<std::size_t>(c + 1)) ? 0.8f : 0.001f * gauss(rng);
  });
  make("crescendo", [&](std::size_t i, int) {
    return static_cast<float>(i) / frames * 0.9f * static_cast<float>(std::sin(0.05 * i));
  });
  // fs/4 tone sampled at 45 degrees: samples at 0.707 of the real peak, so
  // the true peak lies between samples.
  make("inter-sample over", [&](std::size_t i, int) {
    return 0.9f * static_cast<float>(std::sin(M_PI / 2 * i + M_PI / 4));
  });
  return out;
}

TEST_CASE("true peak equals a full libebur128 run", "[true_peak]") {
  struct Layout {
    int channels;
    int rate;
  };
  for (Layout layout : {Layout{2, 44100}, Layout{1, 48000}, Layout{6, 48000}, Layout{2, 96000},
                        Layout{1, 192000}}) {
    for (const Signal& s : signals(layout.channels, layout.rate)) {
      for (std::size_t chunk : {std::size_t{32768}, std::size_t{1000}, std::size_t{7}}) {
        if (chunk == 7 && layout.channels * layout.rate > 100000) continue;  // keep it quick
        INFO(s.name << ", " << layout.channels << " ch at " << layout.rate << " Hz, chunks of "
                    << chunk);
        double expected = libebur128TruePeak(s.samples, layout.channels, layout.rate);
        double got = meterTruePeak(s.samples, layout.channels, layout.rate, chunk);
        CHECK(got <= expected * (1.0 + 1e-7));
        CHECK(got >= expected * (1.0 - 2 * TruePeakMeter::kMargin));
      }
    }
  }
}

TEST_CASE("the inter-sample over is found above the sample peak", "[true_peak]") {
  std::vector<float> x(48000);
  for (std::size_t i = 0; i < x.size(); ++i) {
    x[i] = 0.9f * static_cast<float>(std::sin(M_PI / 2 * i + M_PI / 4));
  }
  double peak = meterTruePeak(x, 1, 48000, 4096);
  CHECK(20 * std::log10(peak) > 20 * std::log10(0.9 * std::sqrt(0.5)) + 2.5);
}

TEST_CASE("silence has no true peak", "[true_peak]") {
  std::vector<float> x(2 * 44100, 0.0f);
  CHECK(meterTruePeak(x, 2, 44100, 4096) == 0.0);
}

}  // namespace
}  // namespace wardcast
