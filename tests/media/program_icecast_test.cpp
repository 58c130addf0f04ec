// LoudspeakerProgram to a real Icecast2 server on loopback: both mounts (MP3
// and Opus in Ogg) decode as the tone; the server is killed mid-stream and
// restarted, and both streams are back within 5 s.
#include <boost/asio/io_context.hpp>
#include <catch2/catch.hpp>

#include <map>

#include "media/loudspeaker_program.hpp"
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
