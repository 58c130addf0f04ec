// Pure parts of the MP3 forwarding path: Layer III frame headers, the
// silence frame, which channels can be forwarded as MP3, and the MP3 frame
// reader on files made by ffmpeg in the test (ID3v2 tag, Xing/Info frame,
// ID3v1 tag skipped) and on truncated, garbage and mutated input: a damaged
// file is reported, never read past or crashed on.
#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <random>

#include "media/forward/mp3_frame.hpp"
#include "media/forward/mp3_reader.hpp"
#include "media/forward/forward_program.hpp"
#include "media/forward/rendition_reader.hpp"
#include "tests/media/media_test_support.hpp"
#include "tests/support/test_support.hpp"

using namespace wardcast;
using namespace wardcast::test;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

std::optional<media::Mp3FrameHeader> headerOf(std::uint32_t bits) {
  std::uint8_t bytes[4] = {std::uint8_t(bits >> 24), std::uint8_t(bits >> 16),
                           std::uint8_t(bits >> 8), std::uint8_t(bits)};
  return media::parseMp3FrameHeader(bytes);
}

std::optional<media::RenditionFormat> formatOf(const std::vector<std::string>& uris) {
  auto plan = media::planOutputs(uris);
  REQUIRE(plan.ok());
  return media::forwardRenditionFormat(*plan);
}

// An MP3 made by ffmpeg's libmp3lame: by default with an ID3v2 tag and a
// LAME "Info" frame in front.
fs::path makeMp3(const fs::path& file, double seconds, int rate,
                 const std::vector<std::string>& extra = {}) {
  std::vector<std::string> argv{"ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i",
                                fmt::format("sine=frequency=440:sample_rate={}:duration={}", rate, seconds),
                                "-ac", "2", "-c:a", "libmp3lame", "-b:a", "128k"};
  argv.insert(argv.end(), extra.begin(), extra.end());
  argv.push_back(file.string());
  auto result = run(argv, 30s);
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  return file;
}

// Audio frames ffprobe counts in `file` (the Info frame is not a packet).
long ffprobePackets(const fs::path& file) {
  auto result = run({"ffprobe", "-v", "error", "-select_streams", "a", "-count_packets",
                     "-show_entries", "stream=nb_read_packets", "-of", "csv=p=0", file.string()},
                    30s);
  REQUIRE(result.exit_code == 0);
  return std::stol(result.out);
}

struct ReadAll {
  std::uint64_t frames = 0;
  std::uint64_t samples = 0;
  std::uint64_t bytes = 0;
  std::optional<std::string> error;  // how the reading ended, if not cleanly
};

ReadAll readAll(const fs::path& file) {
  ReadAll all;
  auto reader = media::Mp3FrameReader::open(file);
  if (!reader) {
    all.error = reader.error().message;
    return all;
  }
  std::vector<std::uint8_t> frame;
  for (;;) {
    auto samples = reader->next(frame);
    if (!samples) {
      all.error = samples.error().message;
      return all;
    }
    if (*samples == 0) return all;
    REQUIRE(media::parseMp3FrameHeader(frame.data())->bytes == frame.size());
    ++all.frames;
    all.samples += *samples;
    all.bytes += frame.size();
  }
}

std::string bytesOf(const fs::path& file) { return readFile(file); }

}  // namespace

TEST_CASE("MP3 frame headers give the frame's length and samples") {
  auto h = headerOf(0xfffb9464);  // what LAME writes: MPEG-1 L3 128k 48 kHz joint stereo
  REQUIRE(h);
  CHECK(h->version == media::MpegVersion::kMpeg1);
  CHECK(h->bitrate_kbps == 128);
  CHECK(h->sample_rate == 48000);
  CHECK(h->channels == 2);
  CHECK_FALSE(h->crc);
  CHECK(h->bytes == 384);
  CHECK(h->samples == 1152u);
  CHECK(h->side_info_end == 36);
  // 44.1 kHz 128k: 417 bytes, 418 with the padding slot.
  CHECK(headerOf(0xfffb9044)->bytes == 417);
  CHECK(headerOf(0xfffb9244)->bytes == 418);
  // MPEG-1 320k 32 kHz mono with CRC.
  auto m = headerOf(0xfffae8c4);
  REQUIRE(m);
  CHECK(m->bitrate_kbps == 320);
  CHECK(m->sample_rate == 32000);
  CHECK(m->channels == 1);
  CHECK(m->crc);
  CHECK(m->bytes == 1440);
  CHECK(m->side_info_end == 4 + 2 + 17);
  // MPEG-2 64k 24 kHz: 576 samples, 72 * 64 / 24 = 192 bytes.
  auto v2 = headerOf(0xfff38444);
  REQUIRE(v2);
  CHECK(v2->version == media::MpegVersion::kMpeg2);
  CHECK(v2->sample_rate == 24000);
  CHECK(v2->samples == 576u);
  CHECK(v2->bytes == 192);
  CHECK(headerOf(0xffe38444)->sample_rate == 12000);  // MPEG-2.5
  CHECK_FALSE(headerOf(0xfffd9464));  // Layer II
  CHECK_FALSE(headerOf(0xffeb9464));  // reserved version
  CHECK_FALSE(headerOf(0xfffb0464));  // free format
  CHECK_FALSE(headerOf(0xfffbf464));  // bit rate index 15
  CHECK_FALSE(headerOf(0xfffb9c64));  // reserved sample rate
  CHECK_FALSE(headerOf(0xfffb9466));  // reserved emphasis
  CHECK_FALSE(headerOf(0xff7b9464));  // no sync
  CHECK_FALSE(headerOf(0x49443303));  // "ID3"
}

TEST_CASE("the MP3 silence frame is a 48 kHz frame that decodes to digital silence") {
  CHECK(media::mp3BitrateIndex(128) == 9);
  CHECK_FALSE(media::mp3BitrateIndex(144));  // MPEG-2 only
  CHECK(media::mp3SilenceFrame(144).empty());
  for (int kbps : {32, 64, 128, 320}) {
    auto frame = media::mp3SilenceFrame(kbps);
    auto header = media::parseMp3FrameHeader(frame.data());
    REQUIRE(header);
    CHECK(header->bitrate_kbps == kbps);
    CHECK(header->sample_rate == 48000);
    CHECK(header->bytes == frame.size());
  }
  // 100 of them in a file: a real decoder hears 100 frames of zeros.
  TempDir dir;
  auto frame = media::mp3SilenceFrame(128);
  std::string bytes;
  for (int i = 0; i < 100; ++i) bytes.append(frame.begin(), frame.end());
  writeFile(dir / "silence.mp3", bytes);
  Pcm pcm = decodeWithFfmpeg(dir / "silence.mp3");
  CHECK(pcm.frames() >= 99 * 1152);
  CHECK(pcm.frames() <= 100 * 1152);
  CHECK(std::all_of(pcm.samples.begin(), pcm.samples.end(), [](float s) { return s == 0.0f; }));
}

TEST_CASE("a channel is forwarded as MP3 only when every output is an Icecast MP3 mount at one rate") {
  auto mp3 = formatOf({"icecast://source:x@127.0.0.1:8000/ward.mp3",
                       "icecast://source:y@127.0.0.1:8001/ward2.mp3"});
  REQUIRE(mp3);
  CHECK(*mp3 == media::RenditionFormat(media::Mp3AirFormat{128}));
  CHECK(formatOf({"icecast://source:x@127.0.0.1:8000/ward.mp3?bitrate=64"}) ==
        media::RenditionFormat(media::Mp3AirFormat{64}));
  CHECK(formatOf({"rtp://127.0.0.1:5004?codec=opus"}) ==
        media::RenditionFormat(media::AirFormat{64, 20}));
  CHECK_FALSE(formatOf({"icecast://source:x@127.0.0.1:8000/ward.mp3",
                        "icecast://source:x@127.0.0.1:8000/low.mp3?bitrate=64"}));
  CHECK_FALSE(formatOf({"icecast://source:x@127.0.0.1:8000/ward.ogg"}));
  CHECK_FALSE(formatOf({"icecast://source:x@127.0.0.1:8000/ward.mp3", "rtp://127.0.0.1:5004?codec=opus"}));
  CHECK_FALSE(formatOf({"icecast://source:x@127.0.0.1:8000/ward.mp3", "file:///tmp/ward.mp3"}));
  CHECK_FALSE(formatOf({"icecast://source:x@127.0.0.1:8000/ward.mp3", "alsa://default"}));
  // forwardFormat() stays the Opus answer: not for an MP3 channel.
  auto plan = media::planOutputs({"icecast://source:x@127.0.0.1:8000/ward.mp3"});
  REQUIRE(plan.ok());
  CHECK_FALSE(media::forwardFormat(*plan));
}

TEST_CASE("the MP3 reader returns every audio frame of a file made by LAME, tags skipped") {
  TempDir dir;
  // ID3v2 in front (ffmpeg's default), LAME Info frame, ID3v1 at the end.
  auto file = makeMp3(dir / "tone.mp3", 2.0, 48000, {"-metadata", "title=Bản tin", "-write_id3v1", "1"});
  std::string bytes = bytesOf(file);
  REQUIRE(bytes.substr(0, 3) == "ID3");
  REQUIRE(bytes.substr(bytes.size() - 128, 3) == "TAG");
  auto all = readAll(file);
  INFO(all.error.value_or(""));
  CHECK_FALSE(all.error);
  CHECK(long(all.frames) == ffprobePackets(file));
  CHECK(all.samples == all.frames * 1152);
  CHECK(all.samples >= 2 * 48000);
  auto reader = media::Mp3FrameReader::open(file);
  REQUIRE(reader.ok());
  CHECK(reader->format().sample_rate == 48000);
  CHECK(reader->format().bitrate_kbps == 128);
  // As a rendition: 48 kHz MPEG-1 is accepted; durations on the 48 kHz clock.
  auto rendition = media::RenditionReader::open(media::Mp3AirFormat{128}, file);
  REQUIRE(rendition.ok());
  std::vector<std::uint8_t> frame;
  CHECK(rendition->next(frame).value() == 1152u);
  // 44.1 kHz would be paced wrong: refused as a rendition, read as a file.
  auto other = makeMp3(dir / "cd.mp3", 1.0, 44100);
  CHECK_FALSE(readAll(other).error);
  auto refused = media::RenditionReader::open(media::Mp3AirFormat{128}, other);
  REQUIRE_FALSE(refused.ok());
  CHECK_THAT(refused.error().message, Catch::Contains("44100 Hz"));
}

TEST_CASE("a damaged MP3 file is reported, never read past") {
  TempDir dir;
  auto file = makeMp3(dir / "tone.mp3", 1.0, 48000, {"-write_xing", "0", "-id3v2_version", "0"});
  std::string bytes = bytesOf(file);
  REQUIRE(bytes.size() % 384 == 0);  // bare 128k 48 kHz frames
  REQUIRE_FALSE(readAll(file).error);

  SECTION("truncated in its last frame") {
    writeFile(dir / "cut.mp3", bytes.substr(0, bytes.size() - 100));
    auto all = readAll(dir / "cut.mp3");
    REQUIRE(all.error);
    CHECK_THAT(*all.error, Catch::Contains("truncated frame"));
    CHECK(all.frames == bytes.size() / 384 - 1);
  }
  SECTION("truncated in a header") {
    writeFile(dir / "cut.mp3", bytes.substr(0, 384 * 3 + 2));
    auto all = readAll(dir / "cut.mp3");
    REQUIRE(all.error);
    CHECK(all.frames == 3);
  }
  SECTION("garbage between frames") {
    std::string broken = bytes.substr(0, 384 * 5) + "garbage!" + bytes.substr(384 * 5);
    writeFile(dir / "broken.mp3", broken);
    auto all = readAll(dir / "broken.mp3");
    REQUIRE(all.error);
    CHECK_THAT(*all.error, Catch::Contains("lost sync"));
    CHECK(all.frames == 5);
  }
  SECTION("not MP3 at all") {
    writeFile(dir / "empty.mp3", "");
    CHECK(readAll(dir / "empty.mp3").error);
    writeFile(dir / "text.mp3", "this is not an MP3 file, only text pretending to be one");
    CHECK(readAll(dir / "text.mp3").error);
    writeFile(dir / "id3only.mp3", std::string("ID3\x04\x00\x00\x00\x00\x7f\x7f", 10));
    CHECK_THAT(*readAll(dir / "id3only.mp3").error, Catch::Contains("ID3v2"));
    auto missing = media::Mp3FrameReader::open(dir / "missing.mp3");
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().kind == ErrorKind::kNotFound);
  }
  SECTION("random bytes and random damage end in an error or a clean end, never a crash") {
    std::mt19937 random(20261125);
    std::string noise(20000, '\0');
    for (auto& c : noise) c = char(random());
    writeFile(dir / "noise.mp3", noise);
    CHECK(readAll(dir / "noise.mp3").error);
    int errors = 0;
    for (int round = 0; round < 300; ++round) {
      std::string mutated = bytes;
      for (int i = 0; i < 4; ++i)
        mutated[random() % mutated.size()] = char(random());
      if (round % 3 == 0) mutated.resize(random() % mutated.size());
      writeFile(dir / "mutated.mp3", mutated);
      auto all = readAll(dir / "mutated.mp3");
      if (all.error) ++errors;
      // Whatever was read lies inside the file.
      CHECK(all.bytes <= mutated.size());
    }
    CHECK(errors > 0);
  }
}
