// A LoudspeakerProgram's ALSA output, really written through alsa-lib: the
// device is alsa-lib's `pulse` PCM (ALSA_CONFIG_PATH points at a file that
// defines only it) on a PulseAudio null sink started by the test, which
// paces playback like a sound card; the sink's monitor is recorded with
// parec. (alsa-lib's `file` PCM on its `null` slave cannot be used: null
// has no clock, see docs/media.md.)
#include <boost/asio/io_context.hpp>
#include <catch2/catch.hpp>

#include <cstdlib>
#include <cstring>

#include "media/decode/loudspeaker_program.hpp"
#include "tests/media/media_test_support.hpp"
#include "tests/media/pulse_server.hpp"
#include "tests/support/test_support.hpp"

using namespace wardcast;
using namespace wardcast::test;
using namespace std::chrono_literals;

TEST_CASE("the ALSA output plays the program through alsa-lib in real time at its level") {
  TempDir dir;
  PulseServer pulse;
  // Read by alsa-lib when the sink opens its device (this process only).
  REQUIRE(setenv("ALSA_CONFIG_PATH", pulse.alsaConfig().c_str(), 1) == 0);
  // 0.5 s of 1 kHz, then 2.5 s of 440 Hz: the start and the end are told apart.
  auto two = dir / "two.wav";
  REQUIRE(run({"ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i",
               "sine=frequency=1000:sample_rate=48000:duration=0.5,volume=2.4[a];"
               "sine=frequency=440:sample_rate=48000:duration=2.5,volume=2.4[b];[a][b]concat=n=2:v="
               "0:a=1",
               "-ac", "2", two.string()},
              30s)
              .exit_code == 0);
  auto item = measuredItem("two-tones", two);
  media::ProgramSettings settings;
  settings.channel_id = "alsa";
  settings.outputs = {std::string("alsa://") + PulseServer::kAlsaDevice};
  settings.loudness.loudness_lufs = -16.0;

  pulse.startRecording(dir / "heard.f32");
  boost::asio::io_context io;
  auto program = media::LoudspeakerProgram::create(io.get_executor(), settings);
  REQUIRE(program.ok());
  auto& p = **program;
  bool stopped = false;
  std::string failed;
  std::chrono::steady_clock::time_point started, ended;
  p.setEventHandler([&](const media::ProgramEvent& event) {
    using K = media::ProgramEvent::Kind;
    if (event.kind == K::kItemStarted) started = std::chrono::steady_clock::now();
    if (event.kind == K::kItemEnded) ended = std::chrono::steady_clock::now();
    if (event.kind == K::kError) failed = event.message;
    if (event.kind == K::kQueueEmpty) p.drain();
    if (event.kind == K::kStopped) stopped = true;
  });
  // Both ways an item reaches a program: queued before it starts, and
  // scheduled after a stretch of silence (the start of a window).
  SECTION("an item queued before the program starts") {
    p.enqueue(item);
    CHECK(p.queued() == 1);
  }
  SECTION("an item that starts after 2 s of silence") {
    p.enqueueAt(item, std::chrono::system_clock::now() + 2s);
    CHECK(p.queued() == 1);
  }
  REQUIRE(p.start().ok());
  REQUIRE(runUntil(
      io, [&] { return stopped || !failed.empty(); }, 20s));
  p.stop();
  // What alsa-lib handed to PulseAudio is still on its way to the monitor:
  // record another half second of it before stopping.
  std::error_code ec;
  auto recorded = std::filesystem::file_size(dir / "heard.f32", ec);
  REQUIRE(waitFor(
      [&] { return std::filesystem::file_size(dir / "heard.f32", ec) >= recorded + 48000 * 8 / 2; },
      5s));
  pulse.stopRecording();
  INFO("program error: " << failed);
  REQUIRE(failed.empty());
  // Real time: the sound card (here PulseAudio's timer) set the pace. The
  // events are stamped when the test's thread handles them, which a loaded
  // machine can delay; an item not paced by the card would take a fraction
  // of a second, or run long by whole seconds.
  CHECK(std::chrono::duration<double>(ended - started).count() == Approx(3.0).margin(0.3));

  std::string bytes = readFile(dir / "heard.f32");
  Pcm pcm;
  pcm.rate = 48000;
  pcm.channels = 2;
  pcm.samples.resize(bytes.size() / sizeof(float));
  std::memcpy(pcm.samples.data(), bytes.data(), pcm.samples.size() * sizeof(float));
  // Where the sound is (10 ms blocks above -50 dBFS): 3 s of it.
  const std::size_t block = 480;
  std::size_t begin = pcm.frames(), end = 0;
  for (std::size_t b = 0; b + block <= pcm.frames(); b += block)
    if (rmsDb(pcm, b, b + block) > -50) begin = std::min(begin, b), end = b + block;
  REQUIRE(end > begin);
  std::size_t quiet = 0;
  for (std::size_t b = begin; b + block <= end; b += block)
    quiet += rmsDb(pcm, b, b + block) <= -50;
  INFO("sound from " << begin / 48 << " ms to " << end / 48 << " ms of the recording, " << quiet
                     << " quiet blocks of 10 ms in between");
  CHECK(quiet == 0);
  std::size_t high = 0;  // 10 ms blocks where 1 kHz dominates
  for (std::size_t b = begin; b + block <= end; b += block) {
    std::vector<float> m;
    for (std::size_t i = b; i < b + block; ++i) m.push_back(pcm.samples[i * 2]);
    high += tonePower(m.data(), m.size(), 48000, 1000) > tonePower(m.data(), m.size(), 48000, 440);
  }
  // The whole 1 kHz start is heard (to a 10 ms block either way). alsasink
  // loses the first ~200 ms of real samples it gets; the program makes them
  // silence (LoudspeakerProgram::kAlsaStartupSilence, docs/media.md).
  INFO("1 kHz heard for " << high * 10 << " ms of 500 ms");
  CHECK(high >= 49);
  CHECK(high <= 51);
  std::size_t low = (end - begin) / block - high;  // the 440 Hz part, which ends the item
  CHECK(double(low) / 100.0 == Approx(2.5).margin(0.03));
  CHECK(double(end - begin) / pcm.rate <= 3.0 + 0.03);
  // After the first second: the 440 Hz tone, nothing else, at the target: a stereo sine at -16 LUFS
  // has an RMS of about -18.3 dBFS per channel.
  std::vector<float> mono;
  for (std::size_t i = begin + 48000; i < end - 4800; ++i) mono.push_back(pcm.samples[i * 2]);
  double tone = tonePower(mono.data(), mono.size(), 48000, 440);
  double other = tonePower(mono.data(), mono.size(), 48000, 1000);
  CHECK(tone > 1000 * other);
  CHECK(rmsDb(pcm, begin + 48000, end - 4800) == Approx(-18.3).margin(1.0));
}
