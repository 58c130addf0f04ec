// The forwarding path end to end on loopback: items rendered once into air
// renditions (Ogg/Opus at the station loudness), then a ForwardProgram sends
// their packets over RTP to a receiver that parses RTP itself and decodes
// the Opus with one decoder, as a loudspeaker would: tones and levels
// arrive, the seam between two items has no gap, silence packets keep the
// same stream (SSRC, sequence, timestamps) before, between and after items,
// and damaged renditions are skipped without a hole in the stream.
#include <boost/asio/io_context.hpp>
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>

#include "media/rendition/air_rendition.hpp"
#include "media/forward/opus_packet.hpp"
#include "media/forward/forward_program.hpp"
#include "tests/media/media_test_support.hpp"
#include "tests/media/rtp_receiver.hpp"
#include "tests/media/forward_test_support.hpp"
#include "tests/support/test_support.hpp"

using namespace wardcast;
using namespace wardcast::test;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

constexpr std::size_t kFrame = 960;  // 20 ms at 48 kHz

std::unique_ptr<media::ForwardProgram> makeProgram(boost::asio::io_context& io, int port,
                                                   ProgramEvents& events) {
  auto plan = media::planOutputs({"rtp://127.0.0.1:" + std::to_string(port) + "?codec=opus"});
  REQUIRE(plan.ok());
  auto format = media::forwardFormat(*plan);
  REQUIRE(format);
  auto program = media::ForwardProgram::create(io.get_executor(), {"fwd", plan->rtp, *format, false, {}});
  if (!program) FAIL(program.error().message);
  (*program)->setEventHandler([&events](const media::ProgramEvent& e) { events.all.push_back(e); });
  return std::move(*program);
}

// What a receiver heard in a block: silence below -80 dBFS peak.
Heard classify(const float* block, std::size_t size) { return test::classify(block, size, 1e-4f); }

double rmsDb(const std::vector<float>& pcm, std::size_t begin, std::size_t end) {
  double sum = 0;
  for (std::size_t i = begin; i < end; ++i) sum += double(pcm[i]) * pcm[i];
  return 10 * std::log10(sum / double(end - begin));
}

// Checks that `packets` are one RTP stream: one SSRC, contiguous sequence
// numbers, timestamps `step` apart, sent in real time.
void checkOneStream(const std::vector<RtpPacket>& packets, std::uint32_t step) {
  REQUIRE(packets.size() > 2);
  for (std::size_t i = 1; i < packets.size(); ++i) {
    CHECK(packets[i].ssrc == packets[0].ssrc);
    CHECK(std::uint16_t(packets[i].sequence - packets[i - 1].sequence) == 1);
    CHECK(std::uint32_t(packets[i].timestamp - packets[i - 1].timestamp) == step);
  }
  double stream_ms =
      double(std::uint32_t(packets.back().timestamp - packets.front().timestamp)) / 48.0;
  // Kernel receive stamps (SO_TIMESTAMPNS): when the packets were sent, not
  // when the test's thread, which a loaded machine may hold up, read them.
  double wall_ms =
      std::chrono::duration<double, std::milli>(packets.back().received - packets.front().received)
          .count();
  INFO("stream " << stream_ms << " ms, sent over " << wall_ms << " ms");
  // Paced, not sent in bursts (a burst would arrive in a few ms); the margin
  // allows for the sender's own threads being held up on a loaded machine.
  CHECK(std::fabs(wall_ms - stream_ms) < 250.0);
}

// The stream decoded by one decoder, as a receiver would, and what each
// 20 ms block sounds like.
struct Decoded {
  std::vector<float> pcm;
  std::vector<Heard> heard;
  std::size_t first(Heard h) const {
    return std::size_t(std::find(heard.begin(), heard.end(), h) - heard.begin());
  }
  std::size_t last(Heard h) const {
    return heard.size() - 1 -
           std::size_t(std::find(heard.rbegin(), heard.rend(), h) - heard.rbegin());
  }
  float peak(std::size_t begin_block, std::size_t end_block) const {
    float peak = 0;
    for (std::size_t i = begin_block * kFrame; i < end_block * kFrame; ++i)
      peak = std::max(peak, std::fabs(pcm[i]));
    return peak;
  }
};

Decoded decodeStream(const std::vector<RtpPacket>& packets) {
  auto blocks = decodeOpus(packets);
  REQUIRE(blocks.size() == packets.size());
  Decoded decoded;
  for (const auto& block : blocks) {
    REQUIRE(block.size() == kFrame);
    decoded.heard.push_back(classify(block.data(), block.size()));
    decoded.pcm.insert(decoded.pcm.end(), block.begin(), block.end());
  }
  return decoded;
}

// Silence, the 440 Hz item, the 880 Hz item, silence; no gap and no burst
// where they meet; both at the target level.
void checkTwoItems(const Decoded& d) {
  std::size_t a_first = d.first(Heard::kLow), a_last = d.last(Heard::kLow);
  std::size_t b_first = d.first(Heard::kHigh), b_last = d.last(Heard::kHigh);
  REQUIRE(a_first < d.heard.size());
  REQUIRE(b_first < d.heard.size());
  for (std::size_t i = 0; i + 1 < a_first; ++i) CHECK(d.heard[i] == Heard::kSilence);
  for (std::size_t i = b_last + 2; i < d.heard.size(); ++i) CHECK(d.heard[i] == Heard::kSilence);
  CHECK(a_last - a_first + 1 >= 70);  // 1.5 s less the seam blocks
  CHECK(b_last - b_first + 1 >= 70);
  CHECK(b_first <= a_last + 2);  // the seam is at most one mixed block
  // No gap at the seam: the longest quiet stretch between a's start and b's
  // end is at most the encoder's 2.5 ms delay (plus the overlap's fade).
  std::size_t quiet = longestQuiet(d.pcm, (a_first + 1) * kFrame, b_last * kFrame);
  INFO("longest quiet stretch inside the items: " << quiet << " samples");
  CHECK(quiet <= 2 * media::kAirLookaheadSamples);
  // Both at the target (a -16 LUFS stereo sine is about -18.3 dBFS RMS).
  CHECK(rmsDb(d.pcm, (a_first + 5) * kFrame, (a_last - 5) * kFrame) == Approx(-18.3).margin(1.0));
  CHECK(rmsDb(d.pcm, (b_first + 5) * kFrame, (b_last - 5) * kFrame) == Approx(-18.3).margin(1.0));
  // Nothing louder than the items around the seam (no decoder-state burst).
  float item_peak = d.peak(a_first + 5, a_last - 5), seam_peak = d.peak(a_last - 2, b_first + 5);
  INFO("item peak " << item_peak << ", seam peak " << seam_peak);
  CHECK(seam_peak <= item_peak * 1.12f);
}

}  // namespace

TEST_CASE("an air rendition is rendered once, at the station loudness, cut to whole frames") {
  TempDir dir;
  boost::asio::io_context io;
  media::AirRenditionCache cache(io.get_executor(), dir / "data", {-16.0, -1.0}, {64, 20});
  // 1.013 s: not a whole number of 20 ms frames.
  auto item = measuredItem("quiet", makeTone(dir / "quiet.wav", 440, 1.013, 0.05));
  // Two requests before the first render ends share one render.
  std::optional<Result<fs::path>> first, second;
  cache.ensure(item, [&](Result<fs::path> r) { first = std::move(r); });
  cache.ensure(item, [&](Result<fs::path> r) { second = std::move(r); });
  REQUIRE(runUntil(
      io, [&] { return first && second; }, 30s));
  REQUIRE(first->ok());
  REQUIRE(second->ok());
  CHECK(first->value() == second->value());
  CHECK(cache.rendersStarted() == 1);
  fs::path path = first->value();
  CHECK(path.parent_path().parent_path() == dir / "data" / "renditions");
  CHECK(fs::is_regular_file(path));
  // Nothing is left half-written beside it.
  CHECK(std::distance(fs::directory_iterator(path.parent_path()), fs::directory_iterator()) == 1);

  // At the target: a stereo sine at -16 LUFS.
  auto loudness = measureWithFfmpeg(path);
  CHECK(loudness.integrated_lufs == Approx(-16.0).margin(1.0));
  // Whole packets: every one lasts 20 ms, and the encoder's 2.5 ms delay plus
  // the audio fill them exactly (at most one frame was cut).
  auto reader = media::OggOpusReader::open(path);
  REQUIRE(reader.ok());
  CHECK(reader->preSkip() == media::kAirLookaheadSamples);
  std::vector<std::uint8_t> packet;
  std::size_t packets = 0;
  for (;;) {
    auto got = reader->next(packet);
    REQUIRE(got.ok());
    if (!*got) break;
    CHECK(media::opusPacketSamples(packet.data(), packet.size()) == kFrame);
    ++packets;
  }
  std::size_t source = std::size_t(std::lround(1.013 * 48000));
  std::size_t aired = packets * kFrame - media::kAirLookaheadSamples;
  CHECK(aired <= source);
  CHECK(aired + kFrame > source);
  Pcm decoded = decodeWithFfmpeg(path);  // ffmpeg honours the pre-skip
  CHECK(decoded.frames() == aired);

  // Asked again later: the stored file, no new render.
  std::optional<Result<fs::path>> again;
  cache.ensure(item, [&](Result<fs::path> r) { again = std::move(r); });
  REQUIRE(runUntil(
      io, [&] { return again.has_value(); }, 5s));
  CHECK(again->ok());
  CHECK(cache.rendersStarted() == 1);

  // Discarded (say, found damaged): the next request renders it again.
  cache.discard(item);
  CHECK_FALSE(fs::exists(path));
  CHECK(renderItem(io, cache, item) == path);
  CHECK(cache.rendersStarted() == 2);

  // A missing source is an error that names the item.
  std::optional<Result<fs::path>> missing;
  cache.ensure(media::ProgramItem{"gone", dir / "gone.wav", {}},
               [&](Result<fs::path> r) { missing = std::move(r); });
  REQUIRE(runUntil(
      io, [&] { return missing.has_value(); }, 10s));
  REQUIRE(!missing->ok());
  CHECK(missing->error().message.find("gone") != std::string::npos);
}

TEST_CASE("forwarding: two items back to back on one RTP stream, silence around them") {
  TempDir dir;
  boost::asio::io_context io;
  RtpReceiver receiver(io);
  int port = receiver.port();
  media::AirRenditionCache cache(io.get_executor(), dir / "data", {-16.0, -1.0}, {64, 20});
  // Different frequencies and levels; both come out at the target.
  auto a = renderItem(io, cache, measuredItem("a", makeTone(dir / "a.wav", 440, 1.5, 0.05)));
  auto b = renderItem(io, cache, measuredItem("b", makeTone(dir / "b.wav", 880, 1.5, 0.4)));
  ProgramEvents events;
  auto program = makeProgram(io, port, events);
  REQUIRE(program->start().ok());
  REQUIRE(runUntil(
      io, [&] { return receiver.packets().size() >= 10; }, 5s));
  program->enqueue({"a", a});
  program->enqueue({"b", b});
  REQUIRE(runUntil(
      io, [&] { return events.count(media::ProgramEvent::Kind::kQueueEmpty) == 1; }, 10s));
  std::size_t after = receiver.packets().size();
  REQUIRE(runUntil(
      io, [&] { return receiver.packets().size() >= after + 20; }, 5s));
  program->stop();

  // Events: a then b, b starting exactly where a ended.
  auto* a_end = events.find(media::ProgramEvent::Kind::kItemEnded, "a");
  auto* b_start = events.find(media::ProgramEvent::Kind::kItemStarted, "b");
  REQUIRE(events.find(media::ProgramEvent::Kind::kItemStarted, "a"));
  REQUIRE(a_end);
  REQUIRE(b_start);
  REQUIRE(events.find(media::ProgramEvent::Kind::kItemEnded, "b"));
  CHECK(b_start->running_time == a_end->running_time);
  CHECK(events.count(media::ProgramEvent::Kind::kItemFailed) == 0);

  // One stream from start to stop, through silence, a, b and silence.
  const auto& packets = receiver.packets();
  REQUIRE(packets.size() > 150);
  CHECK(packets.front().ssrc == program->senders().front().ssrc());
  checkOneStream(packets, kFrame);
  checkTwoItems(decodeStream(packets));
}

TEST_CASE("forwarding: a missing or damaged rendition is skipped without a hole in the stream") {
  TempDir dir;
  boost::asio::io_context io;
  RtpReceiver receiver(io);
  int port = receiver.port();
  media::AirRenditionCache cache(io.get_executor(), dir / "data", {-16.0, -1.0}, {64, 20});
  auto good = renderItem(io, cache, measuredItem("good", makeTone(dir / "good.wav", 440, 1.0, 0.2)));
  // A copy with one byte flipped in the middle: its page CRC fails.
  fs::path damaged = dir / "damaged.opus";
  fs::copy_file(good, damaged);
  {
    std::fstream f(damaged, std::ios::in | std::ios::out | std::ios::binary);
    auto middle = std::streamoff(fs::file_size(damaged) / 2);
    f.seekg(middle);
    char byte = 0;
    f.get(byte);
    f.seekp(middle);
    f.put(char(byte ^ 0x5a));
  }
  ProgramEvents events;
  auto program = makeProgram(io, port, events);
  program->enqueue({"missing", dir / "missing.opus"});
  program->enqueue({"damaged", damaged});
  program->enqueue({"good", good});
  REQUIRE(program->start().ok());
  REQUIRE(runUntil(
      io, [&] { return events.count(media::ProgramEvent::Kind::kQueueEmpty) == 1; }, 10s));
  program->stop();
  CHECK(events.count(media::ProgramEvent::Kind::kItemFailed, "missing") == 1);
  CHECK(events.count(media::ProgramEvent::Kind::kItemFailed, "damaged") == 1);
  CHECK(events.count(media::ProgramEvent::Kind::kItemEnded, "good") == 1);
  CHECK(events.count(media::ProgramEvent::Kind::kItemFailed, "good") == 0);
  const auto& packets = receiver.packets();
  REQUIRE(packets.size() >= 50);
  for (std::size_t i = 1; i < packets.size(); ++i) {
    CHECK(std::uint16_t(packets[i].sequence - packets[i - 1].sequence) == 1);
    CHECK(std::uint32_t(packets[i].timestamp - packets[i - 1].timestamp) == kFrame);
  }
}

TEST_CASE("forwarding: 40 ms packets at 32 kbit/s, and drain ends after the item on air") {
  TempDir dir;
  boost::asio::io_context io;
  RtpReceiver receiver(io);
  int port = receiver.port();
  media::AirFormat format{32, 40};
  media::AirRenditionCache cache(io.get_executor(), dir / "data", {-16.0, -1.0}, format);
  auto tone = renderItem(io, cache, measuredItem("tone", makeTone(dir / "tone.wav", 440, 1.0, 0.2)));
  auto plan = media::planOutputs(
      {"rtp://127.0.0.1:" + std::to_string(port) + "?codec=opus&bitrate=32&ptime=40&ssrc=4242"});
  REQUIRE(plan.ok());
  REQUIRE(media::forwardFormat(*plan) == format);
  // A rendition in another format is refused for these outputs.
  CHECK_FALSE(media::ForwardProgram::create(io.get_executor(), {"fwd", plan->rtp, {64, 20}, false, {}}).ok());
  auto program = media::ForwardProgram::create(io.get_executor(), {"fwd", plan->rtp, format, false, {}});
  REQUIRE(program.ok());
  ProgramEvents events;
  (*program)->setEventHandler([&](const media::ProgramEvent& e) {
    events.all.push_back(e);
    if (e.kind == media::ProgramEvent::Kind::kItemStarted && e.item_id == "first")
      (*program)->drain();
  });
  (*program)->enqueue({"first", tone});
  (*program)->enqueue({"second", tone});
  REQUIRE((*program)->start().ok());
  REQUIRE(runUntil(
      io, [&] { return events.count(media::ProgramEvent::Kind::kStopped) == 1; }, 10s));
  CHECK(events.count(media::ProgramEvent::Kind::kItemEnded, "first") == 1);
  CHECK(events.count(media::ProgramEvent::Kind::kItemStarted, "second") == 0);
  CHECK_FALSE((*program)->running());

  const auto& packets = receiver.packets();
  REQUIRE(packets.size() >= 24);  // 1 s in 40 ms packets
  CHECK(packets.front().ssrc == 4242u);
  for (std::size_t i = 1; i < packets.size(); ++i)
    CHECK(std::uint32_t(packets[i].timestamp - packets[i - 1].timestamp) == 2 * kFrame);
  auto blocks = decodeOpus(packets);
  int tone_blocks = 0;
  for (const auto& block : blocks)
    if (!block.empty() && classify(block.data(), block.size()) == Heard::kLow) ++tone_blocks;
  CHECK(tone_blocks >= 23);
}

// Scheduled starts on the forwarding path: an item queued with a wall-clock
// start waits in silence and its first packet leaves in the slot nearest to
// that instant (half a packet either way), measured at the receiver; while
// it waits, the program does not report an empty queue.
TEST_CASE("forwarding: an item with a start time starts on its packet slot") {
  TempDir dir;
  boost::asio::io_context io;
  RtpReceiver receiver(io);
  int port = receiver.port();
  media::AirRenditionCache cache(io.get_executor(), dir / "data", {-16.0, -1.0}, {64, 20});
  auto a = renderItem(io, cache, measuredItem("a", makeTone(dir / "a.wav", 440, 1.0, 0.2)));
  ProgramEvents events;
  auto program = makeProgram(io, port, events);
  REQUIRE(program->start().ok());
  auto planned = std::chrono::system_clock::now() + 1500ms;
  program->enqueue({"a", a, planned});
  REQUIRE(runUntil(
      io, [&] { return events.count(media::ProgramEvent::Kind::kItemEnded, "a") == 1; }, 10s));
  CHECK(events.count(media::ProgramEvent::Kind::kQueueEmpty) == 1);  // after a, not before
  CHECK(events.all.back().kind != media::ProgramEvent::Kind::kItemStarted);
  program->stop();

  const auto& packets = receiver.packets();
  auto decoded = decodeStream(packets);
  // The item's first packet: the first that is not silence.
  std::size_t first = std::size_t(std::find_if(decoded.heard.begin(), decoded.heard.end(),
                                               [](Heard h) { return h != Heard::kSilence; }) -
                                  decoded.heard.begin());
  REQUIRE(first < packets.size());
  CHECK(decoded.heard[first + 1] == Heard::kLow);
  // When the kernel queued it at the receiver (on loopback: when it was
  // sent), so a test thread held up by a loaded machine does not count.
  auto error = std::chrono::duration_cast<std::chrono::milliseconds>(packets[first].received - planned);
  INFO("first packet with the item " << error.count() << " ms from its planned start");
  // Half a packet either way (+1 ms of rounding), and 30 ms more for the
  // sender's own wake-up on a loaded machine: measured 0..+4 ms at a load
  // average of 12 on 2 cores (docs/media.md, "Real-time margins").
  CHECK(error >= -11ms);
  CHECK(error <= 40ms);
}
