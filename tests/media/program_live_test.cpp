// A live source on a LoudspeakerProgram, measured from the recorded output:
// ducking lowers the program by the configured amount while the live source
// is heard at its own level, then restores it; a takeover holds the program
// and resumes it exactly where it stopped (no sample skipped or repeated).
#include <algorithm>
#include <fmt/format.h>
#include <boost/asio/io_context.hpp>
#include <catch2/catch.hpp>

#include <cmath>
#include <optional>

#include "media/decode/loudspeaker_program.hpp"
#include "tests/media/live_signal.hpp"
#include "tests/media/media_test_support.hpp"
#include "tests/support/test_support.hpp"

using namespace wardcast;
using namespace wardcast::test;
using namespace std::chrono_literals;

namespace {

// Runs `item` on a program recording to `wav`; `live` goes on air in `mode`
// once the program has run `live_from`, for `live_for`; drains at the end.
void playWithLive(const media::ProgramItem& item, const std::filesystem::path& wav,
                  LiveSignal& live, media::LiveMode mode, std::chrono::milliseconds live_from,
                  std::chrono::milliseconds live_for) {
  boost::asio::io_context io;
  media::ProgramSettings settings;
  settings.channel_id = "live";
  settings.outputs = {"file://" + wav.string()};
  settings.loudness.loudness_lufs = -16.0;
  auto program = media::LoudspeakerProgram::create(io.get_executor(), settings);
  REQUIRE(program.ok());
  auto& p = **program;
  bool live_started = false, live_ended = false, stopped = false;
  p.setEventHandler([&](const media::ProgramEvent& event) {
    using K = media::ProgramEvent::Kind;
    if (event.kind == K::kLiveStarted) live_started = true;
    if (event.kind == K::kLiveEnded) live_ended = true;
    if (event.kind == K::kQueueEmpty) p.drain();
    if (event.kind == K::kStopped) stopped = true;
  });
  p.enqueue(item);
  REQUIRE(p.start().ok());
  REQUIRE(runUntil(
      io, [&] { return p.runningTime() >= live_from; }, 10s));
  auto started = p.startLive(live.makeSource(), mode);
  if (!started) FAIL(started.error().message);
  auto until = p.runningTime() + live_for;
  REQUIRE(runUntil(
      io, [&] { return p.runningTime() >= until; }, 10s));
  p.stopLive();
  REQUIRE(live_started);
  REQUIRE(live_ended);
  REQUIRE(runUntil(
      io, [&] { return stopped; }, 20s));
  p.stop();
}

double db(double power) {
  return 10.0 * std::log10(std::max(power, 1e-20));
}

// Power of `frequency` on the first channel over frames [begin, begin + count).
double toneDb(const Pcm& pcm, std::size_t begin, std::size_t count, double frequency) {
  REQUIRE(begin + count <= pcm.frames());
  std::vector<float> mono(count);
  for (std::size_t i = 0; i < count; ++i) mono[i] = pcm.samples[(begin + i) * 2];
  return db(tonePower(mono.data(), count, pcm.rate, frequency));
}

// The level of `frequency` over [begin, begin + count) as the median of its
// 50 ms blocks (whole periods of 440 Hz and 1 kHz): a loaded machine may drop
// a few tens of milliseconds of audio (docs/media.md), which a median of
// blocks ignores and a mean over the window would not.
double medianToneDb(const Pcm& pcm, std::size_t begin, std::size_t count, double frequency) {
  const std::size_t block = 2400;
  std::vector<double> levels;
  for (std::size_t b = begin; b + block <= begin + count; b += block) levels.push_back(toneDb(pcm, b, block, frequency));
  REQUIRE(!levels.empty());
  std::nth_element(levels.begin(), levels.begin() + std::ptrdiff_t(levels.size() / 2), levels.end());
  return levels[levels.size() / 2];
}

}  // namespace

TEST_CASE(
    "a ducking live source lowers the program by duck_db, is heard over it, and the program comes "
    "back") {
  TempDir dir;
  auto item = measuredItem("program", makeTone(dir / "program.wav", 440, 6.0, 0.3));
  auto live = LiveSignal::tone(1000, 0.25);
  playWithLive(item, dir / "out.wav", live, media::LiveMode::kDuck, 1500ms, 1500ms);

  Pcm pcm = decodeWithFfmpeg(dir / "out.wav");
  // Where the live source was on the air: 10 ms blocks carrying 1 kHz.
  const std::size_t block = 480;
  std::size_t live_begin = pcm.frames(), live_end = 0;
  for (std::size_t b = 0; b + block <= pcm.frames(); b += block) {
    if (toneDb(pcm, b, block, 1000) > -40) {
      live_begin = std::min(live_begin, b);
      live_end = b + block;
    }
  }
  REQUIRE(live_end > live_begin);
  INFO("live from " << live_begin / 48 << " ms to " << live_end / 48 << " ms of the recording");
  // On air for the 1.5 s asked, give or take the test's thread (which calls
  // stopLive) being held up on a loaded machine.
  CHECK(double(live_end - live_begin) / pcm.rate == Approx(1.5).margin(0.3));
  // Half-second windows (a whole number of periods of both tones), clear of
  // the switching edges.
  const std::size_t window = 24000, edge = 4800;
  REQUIRE(live_begin >= window + edge);
  REQUIRE(live_end + edge + window <= pcm.frames());
  double before = medianToneDb(pcm, live_begin - edge - window, window, 440);
  double ducked = medianToneDb(pcm, live_begin + edge, window, 440);
  double after = medianToneDb(pcm, live_end + edge, window, 440);
  double voice = medianToneDb(pcm, live_begin + edge, window, 1000);
  INFO(fmt::format("program {:.1f} dB, ducked {:.1f} dB, after {:.1f} dB; live {:.1f} dB", before,
                   ducked, after, voice));
  CHECK(ducked - before == Approx(-15.0).margin(1.0));
  CHECK(after - before == Approx(0.0).margin(0.5));
  // The live tone at its own level (peak 0.25: power 0.25^2 / 4), not ducked.
  CHECK(voice == Approx(db(0.25 * 0.25 / 4)).margin(1.0));
  // And the program, while on its own, at the station's target (a stereo sine
  // at -16 LUFS has an RMS of about -18.3 dBFS: power -21.3 dB).
  CHECK(before == Approx(-21.3).margin(1.0));
}

TEST_CASE("after a takeover the program resumes exactly where it stopped") {
  TempDir dir;
  // A 4 s ramp from 0.2 to 0.6: every sample's value tells its position.
  // Unmeasured, so it plays at unity gain.
  auto ramp = dir / "ramp.wav";
  REQUIRE(run({"ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i",
               "aevalsrc=0.2+0.1*t|0.2+0.1*t:s=48000:d=4", "-c:a", "pcm_f32le", ramp.string()},
              30s)
              .exit_code == 0);
  media::ProgramItem item{"ramp", ramp, {}};
  // The live source is a constant -0.8: live alone reads -0.8, program and
  // live together read ramp - 0.8 (-0.6 .. -0.2), program alone 0.2 .. 0.6.
  auto live = LiveSignal::constant(-0.8f);
  playWithLive(item, dir / "out.wav", live, media::LiveMode::kTakeOver, 1300ms, 1000ms);

  Pcm pcm = decodeWithFfmpeg(dir / "out.wav");
  std::vector<double> program;  // the program's samples, in order
  std::vector<std::size_t> at;  // their frame in the recording
  std::size_t live_alone = 0;
  for (std::size_t i = 0; i < pcm.frames(); ++i) {
    double v = pcm.samples[i * 2];
    if (v > 0.15)
      program.push_back(v), at.push_back(i);
    else if (v < -0.15 && v > -0.65)
      program.push_back(v + 0.8), at.push_back(i);
    else if (v < -0.75)
      ++live_alone;
  }
  INFO("live alone for " << live_alone / 48 << " ms; program " << program.size() << " frames");
  CHECK(live_alone > 48000 / 2);  // the takeover silenced the program
  REQUIRE(program.size() > 2000);
  // Seams: places where the program's frames are not contiguous in the
  // recording. Across one the ramp shows how many frames were skipped: the
  // mean of the 480 frames after minus the mean of the 480 before is 480
  // frames of slope, plus the skipped ones (S16 steps are 3e-5: the
  // averages resolve less than a frame).
  const double slope = 0.1 / 48000.0;  // per frame
  auto skippedAt = [&](std::size_t k) {
    REQUIRE(k >= 480);
    REQUIRE(k + 480 <= program.size());
    double before = 0, after = 0;
    for (std::size_t i = 0; i < 480; ++i) before += program[k - 480 + i], after += program[k + i];
    return (after - before) / 480.0 / slope - 480.0;
  };
  // The takeover's seam is the one with the live source alone in it.
  std::optional<std::size_t> takeover;
  double lost_elsewhere = 0;
  for (std::size_t k = 1; k < at.size(); ++k) {
    if (at[k] == at[k - 1] + 1) continue;
    if (at[k] - at[k - 1] > 48000 / 2) {
      CHECK(!takeover);
      takeover = k;
    } else if (k >= 480 && k + 480 <= program.size()) {
      // Not the takeover: the machine was too loaded to feed the mixer in
      // time (its 30 ms allowance). Reported, not what this test is about.
      lost_elsewhere += skippedAt(k);
      WARN("program underran: " << skippedAt(k) << " frames lost at " << at[k - 1] / 48 << " ms");
    }
  }
  // An underrun at the very start shows as a ramp that begins late.
  double lost_at_start = (program.front() - 0.2) / slope;
  if (lost_at_start > 24.0)
    WARN("program underran: its first " << lost_at_start << " frames were lost");
  lost_elsewhere += std::max(0.0, lost_at_start);
  REQUIRE(takeover);
  double skipped = skippedAt(*takeover);
  INFO("frames skipped at the takeover: " << skipped << "; program left at "
                                          << at[*takeover - 1] / 48 << " ms, back at "
                                          << at[*takeover] / 48 << " ms");
  CHECK(std::abs(skipped) <= 24.0);
  // Every one of the item's 192000 frames went out once, but for underruns.
  CHECK(std::abs(double(program.size()) + lost_elsewhere - 192000.0) <=
        48.0 * (1.0 + lost_elsewhere / 480.0));
  CHECK(program.back() == Approx(0.6).margin(0.001));
}
