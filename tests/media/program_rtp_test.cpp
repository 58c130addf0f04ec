// LoudspeakerProgram over RTP/Opus to a loopback receiver that parses RTP
// itself: the tone and its level arrive; a live source takes over within
// 100 ms on the same RTP stream (same SSRC, no gap in sequence numbers) and
// the program resumes when it ends.
#include <gst/app/gstappsrc.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <catch2/catch.hpp>

#include <cmath>

#include "media/decode/loudspeaker_program.hpp"
#include "tests/media/media_test_support.hpp"
#include "tests/media/rtp_receiver.hpp"
#include "tests/support/test_support.hpp"

using namespace wardcast;
using namespace wardcast::test;
using namespace std::chrono_literals;

namespace {

// A live 1 kHz "microphone": an appsrc stamping buffers in running time.
struct LiveTone {
  std::uint64_t frames = 0;
  GstClockTime base = GST_CLOCK_TIME_NONE;

  static void needData(GstElement* src, guint, gpointer data) {
    auto* self = static_cast<LiveTone*>(data);
    if (self->base == GST_CLOCK_TIME_NONE) {
      GstClock* clock = gst_element_get_clock(src);
      self->base = clock ? gst_clock_get_time(clock) - gst_element_get_base_time(src) : 0;
      if (clock) gst_object_unref(clock);
    }
    constexpr int kFrames = 480;  // 10 ms, mono S16
    GstBuffer* buffer = gst_buffer_new_allocate(nullptr, kFrames * 2, nullptr);
    GstMapInfo map;
    gst_buffer_map(buffer, &map, GST_MAP_WRITE);
    auto* samples = reinterpret_cast<std::int16_t*>(map.data);
    for (int i = 0; i < kFrames; ++i)
      samples[i] = std::int16_t(10000 * std::sin(2 * M_PI * 1000.0 * double(self->frames + std::uint64_t(i)) / 48000));
    gst_buffer_unmap(buffer, &map);
    GST_BUFFER_PTS(buffer) = self->base + self->frames * GST_SECOND / 48000;
    GST_BUFFER_DURATION(buffer) = kFrames * GST_SECOND / 48000;
    self->frames += kFrames;
    gst_app_src_push_buffer(GST_APP_SRC(src), buffer);
  }

  media::ElementHandle makeSource() {
    auto src = media::makeElement("appsrc", "mic");
    REQUIRE(src.ok());
    g_object_set(src->get(), "is-live", TRUE, "format", GST_FORMAT_TIME, nullptr);
    GstCaps* caps = gst_caps_from_string("audio/x-raw,format=S16LE,rate=48000,channels=1,layout=interleaved");
    g_object_set(src->get(), "caps", caps, nullptr);
    gst_caps_unref(caps);
    g_signal_connect(src->get(), "need-data", G_CALLBACK(&LiveTone::needData), this);
    return std::move(*src);
  }
};

enum class Heard { kProgram = 1, kLive, kOther };

Heard classify(const std::vector<float>& block) {
  if (block.empty()) return Heard::kOther;
  double program = tonePower(block.data(), block.size(), 48000, 440);
  double live = tonePower(block.data(), block.size(), 48000, 1000);
  if (program > 10 * live && program > 1e-4) return Heard::kProgram;
  if (live > 10 * program && live > 1e-4) return Heard::kLive;
  return Heard::kOther;
}

}  // namespace

TEST_CASE("RTP/Opus reaches a receiver, and a live source takes over on the same stream") {
  TempDir dir;
  boost::asio::io_context io;
  RtpReceiver receiver(io);
  int port = receiver.port();
  auto item = measuredItem("tone", makeTone(dir / "tone.wav", 440, 8.0, 0.3));
  media::ProgramSettings settings;
  settings.channel_id = "rtp";
  settings.outputs = {"rtp://127.0.0.1:" + std::to_string(port) + "?codec=opus"};
  settings.loudness.loudness_lufs = -16.0;
  auto program = media::LoudspeakerProgram::create(io.get_executor(), settings);
  REQUIRE(program.ok());
  bool live_ended = false;
  (*program)->setEventHandler([&](const media::ProgramEvent& event) {
    if (event.kind == media::ProgramEvent::Kind::kLiveEnded) live_ended = true;
  });
  (*program)->enqueue(item);
  REQUIRE((*program)->start().ok());

  // 1.5 s of program, then the live source.
  REQUIRE(runUntil(io, [&] { return receiver.packets().size() >= 75; }, 8s));
  LiveTone tone;
  auto source = tone.makeSource();
  GstElement* mic = source.get();
  // The wall clock, to compare with the kernel's receive stamps.
  auto takeover_at = std::chrono::system_clock::now();
  auto started = (*program)->startLive(std::move(source), media::LiveMode::kTakeOver);
  if (!started.ok()) FAIL(started.error().message);
  std::size_t packets_before = receiver.packets().size();
  // One second of live, then the microphone ends (EOS).
  REQUIRE(runUntil(io, [&] { return receiver.packets().size() >= packets_before + 50; }, 8s));
  gst_app_src_end_of_stream(GST_APP_SRC(mic));
  REQUIRE(runUntil(io, [&] { return live_ended; }, 8s));
  std::size_t packets_after_live = receiver.packets().size();
  REQUIRE(runUntil(io, [&] { return receiver.packets().size() >= packets_after_live + 50; }, 8s));
  (*program)->stop();

  const auto& packets = receiver.packets();
  // One stream: same SSRC, sequence numbers without a hole.
  for (std::size_t i = 1; i < packets.size(); ++i) {
    CHECK(packets[i].ssrc == packets[0].ssrc);
    CHECK(std::uint16_t(packets[i].sequence - packets[i - 1].sequence) == 1);
  }
  auto blocks = decodeOpus(packets);
  REQUIRE(blocks.size() == packets.size());
  // Before the takeover: the 440 Hz program at the target level. A stereo
  // sine at -16 LUFS has an RMS of about -18.3 dBFS per channel.
  int program_blocks = 0;
  double sum_squares = 0;
  std::size_t samples = 0;
  for (std::size_t i = 10; i < packets_before; ++i) {
    if (classify(blocks[i]) == Heard::kProgram) ++program_blocks;
    for (float v : blocks[i]) sum_squares += double(v) * v;
    samples += blocks[i].size();
  }
  CHECK(program_blocks >= int(packets_before) - 12);
  double rms_db = 10 * std::log10(sum_squares / double(samples));
  CHECK(rms_db == Approx(-18.3).margin(1.0));
  // The first live packet arrives within 250 ms of the takeover call: a
  // speaker cutting in is heard at once (a takeover that waited for the
  // item would take seconds). Measured with the kernel's receive stamp
  // (SO_TIMESTAMPNS, on loopback the moment the program sent it), not when
  // the test's thread got round to the packet: a thread held up on a loaded
  // machine would count its own delay as the program's.
  std::optional<std::chrono::milliseconds> latency;
  for (std::size_t i = 0; i < packets.size() && !latency; ++i)
    if (packets[i].received >= takeover_at && classify(blocks[i]) == Heard::kLive)
      latency = std::chrono::duration_cast<std::chrono::milliseconds>(packets[i].received - takeover_at);
  REQUIRE(latency);
  INFO("takeover latency " << latency->count() << " ms");
  CHECK(latency->count() <= 250);
  // After the live source ended, the program is back.
  int resumed = 0;
  for (std::size_t i = packets_after_live + 10; i < packets.size(); ++i)
    if (classify(blocks[i]) == Heard::kProgram) ++resumed;
  CHECK(resumed >= 30);
}
