// The MP3 forwarding path end to end on loopback: items rendered once into
// MP3 air renditions (bare 48 kHz frames at the station loudness), then a
// ForwardProgram sends their frames through its own Icecast source
// connection (HTTP PUT, no GStreamer) to a real icecast2, and ffmpeg listens
// to the mount as a listener would: the tone at the target level; the
// server killed and restarted mid-stream, the mount back within 5 s with the
// programme's clock kept; two items back to back with only the one frame of
// encoder delay between them.
#include <boost/asio/io_context.hpp>
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <future>

#include "media/rendition/air_rendition.hpp"
#include "media/forward/mp3_reader.hpp"
#include "media/forward/forward_program.hpp"
#include "tests/media/forward_test_support.hpp"
#include "tests/media/icecast_server.hpp"
#include "tests/media/media_test_support.hpp"
#include "tests/support/test_support.hpp"

using namespace wardcast;
using namespace wardcast::test;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

constexpr std::size_t kBlock = 960;  // 20 ms at 48 kHz, for classifying what is heard
constexpr media::Mp3AirFormat kMp3{128};

// A real icecast2, the MP3 rendition cache, and a forwarding program whose
// only output is one mount of that server.
struct OnAir {
  explicit OnAir(const std::string& mount_name) : mount(mount_name) {
    server.start();
    auto plan = media::planOutputs({server.sourceUri(mount)});
    REQUIRE(plan.ok());
    REQUIRE(media::forwardRenditionFormat(*plan) == media::RenditionFormat(kMp3));
    media::ForwardSettings settings;
    settings.channel_id = "fwd-mp3";
    settings.icecast = plan->icecast;
    auto created = media::ForwardProgram::create(io.get_executor(), settings);
    if (!created) FAIL(created.error().message);
    program = std::move(*created);
    REQUIRE(program->renditionFormat() == media::RenditionFormat(kMp3));
    program->setEventHandler([this](const media::ProgramEvent& e) { events.all.push_back(e); });
  }
  fs::path render(const std::string& id, double frequency, double seconds) {
    return renderItem(io, cache, measuredItem(id, makeTone(dir / (id + ".wav"), frequency, seconds, 0.3)));
  }

  TempDir dir;
  IcecastServer server;
  std::string mount;
  boost::asio::io_context io;
  media::AirRenditionCache cache{io.get_executor(), dir / "data", {-16.0, -1.0}, kMp3};
  ProgramEvents events;
  std::unique_ptr<media::ForwardProgram> program;
};

// Records `seconds` of the mount with ffmpeg while `io` keeps the programme
// on air (ffmpeg runs on a helper thread; every handler stays on this one).
Pcm listen(boost::asio::io_context& io, const IcecastServer& server, const std::string& mount,
           double seconds, const TempDir& dir, const std::string& name) {
  auto file = dir / (name + ".wav");
  std::vector<std::string> argv{"ffmpeg", "-v", "error", "-y", "-t", std::to_string(seconds), "-i",
                                server.listenUrl(mount), "-ac", "2", "-ar", "48000", file.string()};
  auto deadline = std::chrono::milliseconds(int(seconds * 1000)) + 15s;
  auto listener = std::async(std::launch::async, [argv, deadline] { return run(argv, deadline); });
  REQUIRE(runUntil(
      io, [&] { return listener.wait_for(0s) == std::future_status::ready; }, deadline + 5s));
  auto result = listener.get();
  INFO(server.listenUrl(mount) << ": " << result.err);
  REQUIRE(result.exit_code == 0);
  return decodeWithFfmpeg(file);
}

std::vector<float> left(const Pcm& pcm) {
  std::vector<float> mono;
  for (std::size_t i = 0; i < pcm.frames(); ++i) mono.push_back(pcm.samples[i * 2]);
  return mono;
}

void checkTone(const Pcm& pcm, double frequency) {
  REQUIRE(pcm.frames() >= 48000);
  auto mono = left(pcm);
  double tone = tonePower(mono.data() + 4800, mono.size() - 4800, 48000, frequency);
  double other = tonePower(mono.data() + 4800, mono.size() - 4800, 48000, 1000);
  CHECK(tone > 100 * other);
  // The station target: a -16 LUFS stereo sine is about -18.3 dBFS RMS.
  CHECK(rmsDb(pcm, 4800, pcm.frames()) == Approx(-18.3).margin(1.0));
}

}  // namespace

TEST_CASE("an MP3 air rendition is bare 48 kHz frames at the station loudness, cut to whole frames") {
  TempDir dir;
  boost::asio::io_context io;
  media::AirRenditionCache cache(io.get_executor(), dir / "data", {-16.0, -1.0}, kMp3);
  media::AirRenditionCache opus(io.get_executor(), dir / "data", {-16.0, -1.0}, media::AirFormat{});
  // 1.013 s = 48,624 samples: 42 whole frames and 240 samples over.
  auto item = measuredItem("quiet", makeTone(dir / "quiet.wav", 440, 1.013, 0.05));
  fs::path path = renderItem(io, cache, item);
  CHECK(path.filename().string().find("_mp3128k48khz.mp3") != std::string::npos);
  CHECK(path.parent_path().parent_path() == dir / "data" / "renditions");
  CHECK(opus.pathFor(item) != path);  // never collides with the Opus rendition
  CHECK(path == renderItem(io, cache, item));
  CHECK(cache.rendersStarted() == 1);

  std::string bytes = readFile(path);
  REQUIRE(bytes.size() >= 4);
  CHECK(bytes.substr(0, 3) != "ID3");
  auto reader = media::Mp3FrameReader::open(path);
  REQUIRE(reader.ok());
  CHECK(reader->format().sample_rate == 48000);
  CHECK(reader->format().bitrate_kbps == 128);
  std::vector<std::uint8_t> frame;
  std::uint64_t frames = 0;
  for (;;) {
    auto samples = reader->next(frame);
    REQUIRE(samples.ok());
    if (*samples == 0) break;
    // No Xing/Info frame: every frame is audio.
    CHECK(std::string(frame.begin() + 36, frame.begin() + 40) != "Info");
    ++frames;
  }
  // The 240 samples over are cut; LAME adds one frame of delay and padding.
  CHECK(frames == 42 + 1);
  CHECK(bytes.size() == frames * 384);
  CHECK(measureWithFfmpeg(path).integrated_lufs == Approx(-16.0).margin(1.0));
}

TEST_CASE("a forwarded MP3 mount carries the item and comes back after the server restarts") {
  OnAir air("fwd.mp3");
  auto& io = air.io;
  auto& server = air.server;
  auto& program = air.program;
  auto& events = air.events;
  auto rendition = air.render("tone", 440, 40.0);
  program->enqueue({"tone", rendition});
  // Read before start(): the programme's clock starts inside it, so wall
  // time from here is never short of stream time by however long start() took.
  auto started = std::chrono::steady_clock::now();
  REQUIRE(program->start().ok());
  REQUIRE(runUntil(
      io, [&] { return events.outputUp(); }, 10s));
  checkTone(listen(io, server, "fwd.mp3", 2.0, air.dir, "before"), 440);
  CHECK(events.count(media::ProgramEvent::Kind::kItemStarted) == 1);

  server.kill();
  REQUIRE(runUntil(
      io, [&] { return !events.outputUp(); }, 10s));
  runUntil(
      io, [] { return false; }, 1s);  // the server stays away for a second
  server.start();
  auto restarted = std::chrono::steady_clock::now();
  REQUIRE(runUntil(
      io, [&] { return events.outputUp(); }, 10s));
  auto back_after = std::chrono::steady_clock::now() - restarted;
  INFO("back after " << std::chrono::duration_cast<std::chrono::milliseconds>(back_after).count()
                     << " ms");
  CHECK(back_after <= 5s);
  checkTone(listen(io, server, "fwd.mp3", 2.0, air.dir, "after"), 440);

  // Frames that fell due while the server was away were dropped, and the
  // programme kept its clock: once the loop has run (decoding the recording
  // above held this thread), stream time is wall time since start(), to
  // within a few frames (26 ms each): a programme that had paused for the
  // outage instead of dropping would be a second or more behind.
  runUntil(
      io, [] { return false; }, 100ms);
  const auto& source = *program->icecastSources().front();
  CHECK(source.missed() > 0);
  CHECK(source.reconnects() >= 1);
  auto wall = std::chrono::steady_clock::now() - started;
  INFO("stream time " << program->streamTime().count() / 1000000 << " ms, wall "
                      << std::chrono::duration_cast<std::chrono::milliseconds>(wall).count()
                      << " ms");
  CHECK(std::chrono::abs(program->streamTime() - wall) < 150ms);
  CHECK(events.count(media::ProgramEvent::Kind::kItemFailed) == 0);
  program->stop();
}

TEST_CASE("two items follow one another on a forwarded MP3 mount with one frame between them") {
  OnAir air("seam.mp3");
  auto& io = air.io;
  auto& server = air.server;
  auto& program = air.program;
  auto& events = air.events;
  auto a = air.render("a", 440, 1.5);
  auto b = air.render("b", 880, 1.5);
  REQUIRE(program->start().ok());
  REQUIRE(runUntil(
      io, [&] { return events.outputUp(); }, 10s));
  program->enqueue({"a", a});
  program->enqueue({"b", b});
  // The listener joins as the items go on air; Icecast's burst-on-connect
  // gives it what the source sent since it connected.
  Pcm pcm = listen(io, server, "seam.mp3", 5.0, air.dir, "seam");
  REQUIRE(events.count(media::ProgramEvent::Kind::kItemEnded) == 2);
  auto mono = left(pcm);
  std::vector<Heard> heard;
  for (std::size_t at = 0; at + kBlock <= mono.size(); at += kBlock)
    heard.push_back(classify(mono.data() + at, kBlock, 1e-3f));
  auto first = [&](Heard h) { return std::size_t(std::find(heard.begin(), heard.end(), h) - heard.begin()); };
  auto last = [&](Heard h) {
    return heard.size() - 1 - std::size_t(std::find(heard.rbegin(), heard.rend(), h) - heard.rbegin());
  };
  std::size_t a_first = first(Heard::kLow), a_last = last(Heard::kLow);
  std::size_t b_first = first(Heard::kHigh), b_last = last(Heard::kHigh);
  REQUIRE(a_first < heard.size());
  REQUIRE(b_first < heard.size());
  // Silence (the programme's silence frames) before a and after b.
  for (std::size_t i = 0; i + 1 < a_first; ++i) CHECK(heard[i] == Heard::kSilence);
  for (std::size_t i = b_last + 2; i < heard.size(); ++i) CHECK(heard[i] == Heard::kSilence);
  REQUIRE(b_last + 2 < heard.size());  // the recording reached past b
  CHECK(a_last - a_first + 1 >= 70);   // 1.5 s less the seam blocks
  CHECK(b_last - b_first + 1 >= 70);
  CHECK(b_first <= a_last + 3);  // a then b, at most the seam frame between
  // The only quiet between them is the one frame (1152 samples) of LAME's
  // encoder delay and padding, less what the transform smears into it.
  std::size_t quiet = longestQuiet(mono, (a_first + 1) * kBlock, b_last * kBlock);
  INFO("longest quiet stretch from a to b: " << quiet << " samples");
  CHECK(quiet <= 1152 + 96);
  CHECK(rmsDb(pcm, (a_first + 5) * kBlock, (a_last - 5) * kBlock) == Approx(-18.3).margin(1.0));
  CHECK(rmsDb(pcm, (b_first + 5) * kBlock, (b_last - 5) * kBlock) == Approx(-18.3).margin(1.0));
  program->stop();
}
