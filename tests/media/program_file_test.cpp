// LoudspeakerProgram to a recording: gapless seams, loudness normalisation
// from the ingest measurement, dead air.
#include <boost/asio/io_context.hpp>
#include <catch2/catch.hpp>

#include "media/decode/loudspeaker_program.hpp"
#include "tests/media/media_test_support.hpp"
#include "tests/support/test_support.hpp"

using namespace wardcast;
using namespace wardcast::test;
using namespace std::chrono_literals;

namespace {

struct Recorder {
  std::vector<media::ProgramEvent> events;
  bool has(media::ProgramEvent::Kind kind) const {
    for (auto& e : events)
      if (e.kind == kind) return true;
    return false;
  }
};

// Plays `items` to `outputs` and drains once the queue is empty.
Recorder playAll(const std::vector<media::ProgramItem>& items, media::ProgramSettings settings,
                 std::chrono::milliseconds deadline) {
  boost::asio::io_context io;
  auto program = media::LoudspeakerProgram::create(io.get_executor(), settings);
  if (!program) FAIL(program.error().message);
  Recorder recorder;
  bool stopped = false;
  (*program)->setEventHandler([&](const media::ProgramEvent& event) {
    recorder.events.push_back(event);
    if (event.kind == media::ProgramEvent::Kind::kQueueEmpty) (*program)->drain();
    if (event.kind == media::ProgramEvent::Kind::kStopped) stopped = true;
  });
  for (const auto& item : items) (*program)->enqueue(item);
  REQUIRE((*program)->start().ok());
  REQUIRE(runUntil(io, [&] { return stopped; }, deadline));
  (*program)->stop();
  return recorder;
}

}  // namespace

TEST_CASE("two items join without a gap and both reach the target loudness") {
  TempDir dir;
  // Quiet and loud stereo tones, two different frequencies.
  auto first = measuredItem("first", makeTone(dir / "a.wav", 440, 2.0, 0.05));
  auto second = measuredItem("second", makeTone(dir / "b.wav", 660, 2.0, 0.5));
  media::ProgramSettings settings;
  settings.channel_id = "test";
  settings.outputs = {"file://" + (dir / "out.wav").string()};
  settings.loudness.loudness_lufs = -16.0;
  auto recorder = playAll({first, second}, settings, 20s);
  CHECK(recorder.has(media::ProgramEvent::Kind::kItemStarted));
  CHECK(!recorder.has(media::ProgramEvent::Kind::kItemFailed));

  Pcm pcm = decodeWithFfmpeg(dir / "out.wav");
  // Where the program's sound starts and ends (5 ms blocks above -50 dBFS).
  const std::size_t block = 240;
  std::size_t begin = pcm.frames(), end = 0;
  for (std::size_t b = 0; b + block <= pcm.frames(); b += block) {
    if (rmsDb(pcm, b, b + block) > -50) {
      begin = std::min(begin, b);
      end = b + block;
    }
  }
  REQUIRE(end > begin);
  CHECK(double(end - begin) / pcm.rate == Approx(4.0).margin(0.02));
  // No silent or dipping block anywhere between (edges excluded), and no run
  // of near-zero samples longer than half a millisecond: the seam has no gap.
  double quietest = 0;
  for (std::size_t b = begin + block; b + 2 * block <= end; b += block)
    quietest = std::min(quietest, rmsDb(pcm, b, b + block));
  CHECK(quietest > -30.0);
  std::size_t longest_zero_run = 0, run = 0;
  for (std::size_t i = begin + block; i < end - block; ++i) {
    run = std::abs(pcm.samples[i * 2]) < 1e-4f ? run + 1 : 0;
    longest_zero_run = std::max(longest_zero_run, run);
  }
  CHECK(longest_zero_run < 24);
  // Both halves at the target, each within 1 LU (one level for both).
  double first_db = rmsDb(pcm, begin + 4800, begin + 90000);
  double second_db = rmsDb(pcm, end - 90000, end - 4800);
  CHECK(std::abs(first_db - second_db) < 1.0);
  auto loudness = measureWithFfmpeg(dir / "out.wav");
  CHECK(loudness.integrated_lufs == Approx(-16.0).margin(1.0));
  CHECK(loudness.true_peak_dbtp <= -1.0);
}

TEST_CASE("a mono item is brought to the target on the stereo program") {
  TempDir dir;
  auto item = measuredItem("mono", makeTone(dir / "m.wav", 1000, 3.0, 0.1, 1), 1);
  media::ProgramSettings settings;
  settings.channel_id = "test";
  settings.outputs = {"file://" + (dir / "out.ogg").string()};
  settings.loudness.loudness_lufs = -18.0;
  playAll({item}, settings, 20s);
  auto loudness = measureWithFfmpeg(dir / "out.ogg");
  CHECK(loudness.integrated_lufs == Approx(-18.0).margin(1.0));
}

TEST_CASE("a silent item raises dead air, and a missing file is skipped") {
  TempDir dir;
  auto silent = measuredItem("silent", makeSilence(dir / "s.wav", 2.0));
  media::ProgramItem missing{"missing", dir / "nope.wav", {}};
  media::ProgramSettings settings;
  settings.channel_id = "test";
  settings.outputs = {"file://" + (dir / "out.mp3").string()};
  settings.dead_air.after = 1000ms;
  auto recorder = playAll({missing, silent}, settings, 20s);
  CHECK(recorder.has(media::ProgramEvent::Kind::kItemFailed));
  CHECK(recorder.has(media::ProgramEvent::Kind::kDeadAirStarted));
}

TEST_CASE("silence is dead air inside air time only (DeadAirWatch)") {
  TempDir dir;
  boost::asio::io_context io;
  media::ProgramSettings settings;
  settings.channel_id = "test";
  settings.outputs = {"file://" + (dir / "out.wav").string()};
  settings.dead_air.after = 300ms;
  auto program = media::LoudspeakerProgram::create(io.get_executor(), settings);
  REQUIRE(program.ok());
  auto& p = **program;
  Recorder recorder;
  p.setEventHandler([&](const media::ProgramEvent& event) { recorder.events.push_back(event); });
  // Between windows, nothing on air: a second and a half of silence is fine.
  p.setDeadAirWatch(media::DeadAirWatch::kWhileOnAir);
  REQUIRE(p.start().ok());
  REQUIRE(runUntil(io, [&] { return p.runningTime() >= 1500ms; }, 10s));
  CHECK(!recorder.has(media::ProgramEvent::Kind::kDeadAirStarted));
  // A window opens with nothing to play: that is dead air.
  p.setDeadAirWatch(media::DeadAirWatch::kAlways);
  CHECK(runUntil(io, [&] { return recorder.has(media::ProgramEvent::Kind::kDeadAirStarted); }, 3s));
  // The window closes: the alarm is withdrawn.
  p.setDeadAirWatch(media::DeadAirWatch::kWhileOnAir);
  CHECK(runUntil(io, [&] { return recorder.has(media::ProgramEvent::Kind::kDeadAirEnded); }, 3s));
  p.stop();
}

// A relay (another station's stream, here a file: source) plays for its
// length and no longer, cut to the sample, and the next item follows it
// without a gap; a relay whose source cannot be read is skipped.
TEST_CASE("a relay plays for its length, then the next item follows at once") {
  TempDir dir;
  auto stream = makeTone(dir / "province.wav", 440, 10.0, 0.3);
  auto relay = media::relayItem("file:" + stream.string(), 1500ms, dir.path());
  REQUIRE(relay.ok());
  CHECK(relay->stream_uri.rfind("file:///", 0) == 0);
  auto broken = media::relayItem("file:" + (dir / "gone.mp3").string(), 1000ms, dir.path());
  REQUIRE(broken.ok());
  auto next = measuredItem("next", makeTone(dir / "b.wav", 660, 1.0, 0.3));
  media::ProgramSettings settings;
  settings.channel_id = "test";
  settings.outputs = {"file://" + (dir / "out.wav").string()};
  auto recorder = playAll({*relay, *broken, next}, settings, 20s);
  std::vector<std::string> failed;
  for (const auto& e : recorder.events)
    if (e.kind == media::ProgramEvent::Kind::kItemFailed) failed.push_back(e.item_id);
  CHECK(failed == std::vector<std::string>{broken->id});

  Pcm pcm = decodeWithFfmpeg(dir / "out.wav");
  std::vector<float> mono;
  for (std::size_t i = 0; i < pcm.frames(); ++i) mono.push_back(pcm.samples[i * 2]);
  // 10 ms blocks: which tone each carries.
  const std::size_t block = 480;
  auto carries = [&](std::size_t b, double frequency) {
    return tonePower(mono.data() + b * block, block, 48000, frequency) > 1e-3;
  };
  std::optional<std::size_t> relay_first, relay_last, next_first;
  for (std::size_t b = 0; (b + 1) * block <= mono.size(); ++b) {
    if (carries(b, 440)) {
      if (!relay_first) relay_first = b;
      relay_last = b;
    }
    if (carries(b, 660) && !next_first) next_first = b;
  }
  REQUIRE(relay_first);
  REQUIRE(next_first);
  // 1.5 s of the relay (150 blocks; the edge blocks may count either way),
  // then the next item in the very next block: no gap, no overlap. The span
  // is a time window from the moment the relay goes on air (a live stream
  // ends on time); this test queues it with no prepare lead, so a decoder
  // still starting on a loaded machine costs the first blocks (CI once heard
  // 148). Never longer than the span; at most 100 ms of it lost.
  CHECK(*relay_last - *relay_first + 1 >= 140);
  CHECK(*relay_last - *relay_first + 1 <= 151);
  CHECK(*next_first >= *relay_last);
  CHECK(*next_first <= *relay_last + 1);
}

TEST_CASE("relay sources: which can be played, and clear refusals") {
  auto http = media::relayStreamUri("http://radio.example/vov1.mp3", "/etc");
  REQUIRE(http.ok());
  CHECK(*http == "http://radio.example/vov1.mp3");
  auto icecast = media::relayStreamUri("icecast://source:secret@127.0.0.1:8000/province.mp3", "/etc");
  REQUIRE(icecast.ok());
  CHECK(*icecast == "http://127.0.0.1:8000/province.mp3");  // a listener needs no password
  auto relative = media::relayStreamUri("file:relays/tin tức.mp3", "/srv/ward");
  REQUIRE(relative.ok());
  CHECK(*relative == "file:///srv/ward/relays/tin%20t%E1%BB%A9c.mp3");
  auto rtp = media::relayStreamUri("rtp://127.0.0.1:5004?codec=opus", "/etc");
  REQUIRE(!rtp.ok());
  CHECK_THAT(rtp.error().message, Catch::Contains("rtp://") && Catch::Contains("cannot be played yet"));
  auto wrong = media::relayStreamUri("ftp://example/x.mp3", "/etc");
  REQUIRE(!wrong.ok());
  CHECK_THAT(wrong.error().message, Catch::Contains("ftp://example/x.mp3"));
}
