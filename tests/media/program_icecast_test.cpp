// LoudspeakerProgram to a real Icecast2 server on loopback: both mounts (MP3
// and Opus in Ogg) decode as the tone; the server is killed mid-stream and
// restarted, and both streams are back within 5 s.
#include <boost/asio/io_context.hpp>
#include <catch2/catch.hpp>

#include <map>

#include "media/decode/loudspeaker_program.hpp"
#include "tests/media/icecast_server.hpp"
#include "tests/media/media_test_support.hpp"
#include "tests/support/test_support.hpp"

using namespace wardcast;
using namespace wardcast::test;
using namespace std::chrono_literals;

namespace {

// Listens to `url` for two seconds with ffmpeg and checks it is the tone.
void checkListening(const std::string& url, const TempDir& dir, const std::string& name) {
  auto file = dir / (name + ".wav");
  auto result = run({"ffmpeg", "-v", "error", "-y", "-t", "2", "-i", url, "-ac", "1", "-ar", "48000", file.string()}, 15s);
  INFO(url << ": " << result.err);
  REQUIRE(result.exit_code == 0);
  Pcm pcm = decodeWithFfmpeg(file);
  REQUIRE(pcm.frames() >= 48000);  // at least a second of audio
  std::vector<float> mono;
  for (std::size_t i = 0; i < pcm.frames(); ++i) mono.push_back(pcm.samples[i * 2]);
  double tone = tonePower(mono.data() + 4800, mono.size() - 4800, 48000, 440);
  double other = tonePower(mono.data() + 4800, mono.size() - 4800, 48000, 1000);
  CHECK(tone > 100 * other);
  CHECK(rmsDb(pcm, 4800, pcm.frames()) > -30);
}

}  // namespace

TEST_CASE("Icecast mounts carry the program and come back after the server restarts") {
  TempDir dir;
  IcecastServer server;
  server.start();
  boost::asio::io_context io;
  auto item = measuredItem("tone", makeTone(dir / "tone.wav", 440, 60.0, 0.3));
  media::ProgramSettings settings;
  settings.channel_id = "ice";
  settings.outputs = {server.sourceUri("ward.mp3"), server.sourceUri("ward.ogg")};
  auto program = media::LoudspeakerProgram::create(io.get_executor(), settings);
  REQUIRE(program.ok());
  std::map<std::string, bool> up;
  (*program)->setEventHandler([&](const media::ProgramEvent& event) {
    if (event.kind == media::ProgramEvent::Kind::kOutputUp) up[event.output] = true;
    if (event.kind == media::ProgramEvent::Kind::kOutputDown) up[event.output] = false;
  });
  auto allUp = [&] { return up.size() == 2 && up.begin()->second && up.rbegin()->second; };
  auto allDown = [&] { return up.size() == 2 && !up.begin()->second && !up.rbegin()->second; };
  (*program)->enqueue(item);
  REQUIRE((*program)->start().ok());
  REQUIRE(runUntil(io, allUp, 10s));
  checkListening(server.listenUrl("ward.mp3"), dir, "mp3-before");
  checkListening(server.listenUrl("ward.ogg"), dir, "ogg-before");

  server.kill();
  REQUIRE(runUntil(io, allDown, 10s));
  runUntil(io, [] { return false; }, 1s);  // the server stays away for a second
  server.start();
  auto restarted = std::chrono::steady_clock::now();
  REQUIRE(runUntil(io, allUp, 10s));
  auto back_after = std::chrono::steady_clock::now() - restarted;
  INFO("back after " << std::chrono::duration_cast<std::chrono::milliseconds>(back_after).count() << " ms");
  CHECK(back_after <= 5s);
  checkListening(server.listenUrl("ward.mp3"), dir, "mp3-after");
  checkListening(server.listenUrl("ward.ogg"), dir, "ogg-after");
  (*program)->stop();
}

// A relay of another station's Icecast stream: one program (the province)
// sends a tone to a real Icecast2 server, a second (the ward) relays that
// mount for 3 s into a recording, then plays its own item. The relay is
// heard, ends on time, and the ward's item follows.
TEST_CASE("a relay of an Icecast stream is heard for its span") {
  TempDir dir;
  IcecastServer server;
  server.start();
  boost::asio::io_context io;
  media::ProgramSettings province;
  province.channel_id = "province";
  province.outputs = {server.sourceUri("province.mp3")};
  auto source = media::LoudspeakerProgram::create(io.get_executor(), province);
  REQUIRE(source.ok());
  bool source_up = false;
  (*source)->setEventHandler([&](const media::ProgramEvent& event) {
    if (event.kind == media::ProgramEvent::Kind::kOutputUp) source_up = true;
  });
  (*source)->enqueue(measuredItem("tone", makeTone(dir / "tone.wav", 440, 30.0, 0.3)));
  REQUIRE((*source)->start().ok());
  REQUIRE(runUntil(io, [&] { return source_up; }, 10s));

  media::ProgramSettings ward;
  ward.channel_id = "ward";
  ward.outputs = {"file://" + (dir / "ward.wav").string()};
  auto program = media::LoudspeakerProgram::create(io.get_executor(), ward);
  REQUIRE(program.ok());
  std::vector<media::ProgramEvent> events;
  bool stopped = false;
  (*program)->setEventHandler([&](const media::ProgramEvent& event) {
    events.push_back(event);
    if (event.kind == media::ProgramEvent::Kind::kQueueEmpty) (*program)->drain();
    if (event.kind == media::ProgramEvent::Kind::kStopped) stopped = true;
  });
  auto relay = media::relayItem(server.sourceUri("province.mp3"), 3s, dir.path());
  REQUIRE(relay.ok());
  (*program)->enqueue(*relay);
  (*program)->enqueue(measuredItem("own", makeTone(dir / "own.wav", 660, 1.0, 0.3)));
  REQUIRE((*program)->start().ok());
  REQUIRE(runUntil(io, [&] { return stopped; }, 20s));
  (*program)->stop();
  (*source)->stop();
  for (const auto& e : events) CHECK(e.kind != media::ProgramEvent::Kind::kItemFailed);

  Pcm pcm = decodeWithFfmpeg(dir / "ward.wav");
  std::vector<float> mono;
  for (std::size_t i = 0; i < pcm.frames(); ++i) mono.push_back(pcm.samples[i * 2]);
  const std::size_t block = 4800;  // 100 ms
  auto carries = [&](std::size_t b, double frequency) {
    return tonePower(mono.data() + b * block, block, 48000, frequency) > 1e-3;
  };
  std::size_t relay_blocks = 0;
  std::optional<std::size_t> own_first;
  for (std::size_t b = 0; (b + 1) * block <= mono.size(); ++b) {
    relay_blocks += carries(b, 440);
    if (carries(b, 660) && !own_first) own_first = b;
  }
  // The stream connects and buffers within the span's first second; from
  // then on the relay is heard until the span ends at 3 s.
  CHECK(relay_blocks >= 20);
  CHECK(relay_blocks <= 31);
  REQUIRE(own_first);
  CHECK(*own_first >= 29);  // not before the relay's span ended (3 s, from the program's start)
  CHECK(*own_first <= 32);
}
