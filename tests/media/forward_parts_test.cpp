// Pure parts of the forwarding path: Opus packet durations and the silence
// packet (RFC 6716 §3.1), which channels can be forwarded, and the Ogg/Opus
// reader on a file made by ffmpeg (packets, CRC check, truncation).
#include <catch2/catch.hpp>

#include <fstream>

#include "media/forward/ogg_reader.hpp"
#include "media/forward/opus_packet.hpp"
#include "media/forward/forward_program.hpp"
#include "tests/support/test_support.hpp"

using namespace wardcast;
using namespace wardcast::test;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

std::optional<std::uint32_t> samplesOf(std::vector<std::uint8_t> packet) {
  return media::opusPacketSamples(packet.data(), packet.size());
}

std::optional<media::AirFormat> formatOf(const std::vector<std::string>& uris) {
  auto plan = media::planOutputs(uris);
  REQUIRE(plan.ok());
  return media::forwardFormat(*plan);
}

}  // namespace

TEST_CASE("Opus packet durations come from the TOC byte") {
  CHECK(samplesOf({0xf8, 0xff, 0xfe}) == 960u);             // CELT 20 ms, one frame
  CHECK(samplesOf({0xe0, 0x00}) == 120u);                   // CELT 2.5 ms
  CHECK(samplesOf({0xfc | 0x01, 1, 2}) == 1920u);           // two 20 ms frames
  CHECK(samplesOf({0xfc | 0x03, 0x03, 1, 2, 3}) == 2880u);  // code 3, three frames
  CHECK(samplesOf({0x18, 0x00}) == 2880u);                  // SILK 60 ms
  CHECK(samplesOf({0x60, 0x00}) == 480u);                   // hybrid 10 ms
  CHECK_FALSE(samplesOf({}));
  CHECK_FALSE(samplesOf({0xfb}));        // code 3 without its count
  CHECK_FALSE(samplesOf({0xfb, 0x07}));  // 7 x 20 ms > 120 ms
  for (int ms : {10, 20, 40, 60})
    CHECK(samplesOf(media::opusSilencePacket(ms)) == std::uint32_t(ms * 48));
  CHECK(media::opusSilencePacket(30).empty());
}

TEST_CASE("a channel is forwarded only when every output is RTP/Opus in one format") {
  auto format = formatOf({"rtp://127.0.0.1:5004?codec=opus", "rtp://[::1]:5006?codec=opus&ssrc=7"});
  REQUIRE(format);
  CHECK(*format == media::AirFormat{64, 20});
  CHECK(formatOf({"rtp://127.0.0.1:5004?codec=opus&bitrate=32&ptime=40"}) ==
        media::AirFormat{32, 40});
  CHECK_FALSE(
      formatOf({"rtp://127.0.0.1:5004?codec=opus", "rtp://127.0.0.1:5006?codec=opus&bitrate=32"}));
  CHECK_FALSE(
      formatOf({"rtp://127.0.0.1:5004?codec=opus", "icecast://source:x@127.0.0.1:8000/ward.mp3"}));
  CHECK_FALSE(formatOf({"rtp://127.0.0.1:5004?codec=opus", "file:///tmp/ward.ogg"}));
  CHECK_FALSE(formatOf({"alsa://default"}));
}

TEST_CASE("the Ogg/Opus reader returns every packet and refuses damaged files") {
  TempDir dir;
  fs::path file = dir / "tone.opus";
  auto made = run({"ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i",
                   "sine=frequency=440:sample_rate=48000:duration=2", "-ac", "2", "-c:a", "libopus",
                   "-b:a", "64k", "-frame_duration", "20", file.string()},
                  30s);
  REQUIRE(made.exit_code == 0);
  auto reader = media::OggOpusReader::open(file);
  REQUIRE(reader.ok());
  CHECK(reader->channels() == 2);
  CHECK(reader->preSkip() > 0);
  std::vector<std::uint8_t> packet;
  std::uint64_t samples = 0;
  for (;;) {
    auto got = reader->next(packet);
    REQUIRE(got.ok());
    if (!*got) break;
    auto length = media::opusPacketSamples(packet.data(), packet.size());
    REQUIRE(length);
    samples += *length;
  }
  // 2 s plus the encoder delay, in whole 20 ms packets.
  CHECK(samples >= 96000);
  CHECK(samples < 96000 + 2 * 960 + std::uint64_t(reader->preSkip()));

  // Truncated: the end-of-stream page is missing.
  fs::path cut = dir / "cut.opus";
  writeFile(cut, readFile(file).substr(0, fs::file_size(file) * 2 / 3));
  auto truncated = media::OggOpusReader::open(cut);
  REQUIRE(truncated.ok());
  Result<bool> got = true;
  while (got.ok() && *got) got = truncated->next(packet);
  REQUIRE_FALSE(got.ok());

  // One byte changed inside the audio: the page's CRC no longer matches.
  std::string bytes = readFile(file);
  bytes[bytes.size() / 2] = char(bytes[bytes.size() / 2] ^ 0x01);
  writeFile(dir / "flipped.opus", bytes);
  auto flipped = media::OggOpusReader::open(dir / "flipped.opus");
  REQUIRE(flipped.ok());
  got = true;
  while (got.ok() && *got) got = flipped->next(packet);
  REQUIRE_FALSE(got.ok());
  CHECK(got.error().message.find("CRC") != std::string::npos);

  // Not Ogg/Opus at all.
  writeFile(dir / "text.opus", "hello, this is not an Ogg stream at all............");
  CHECK_FALSE(media::OggOpusReader::open(dir / "text.opus").ok());
  CHECK_FALSE(media::OggOpusReader::open(dir / "absent.opus").ok());
}
