// Good files of every kind a ward's staff bring: each is probed, decoded
// end to end, measured and stored, and what ingest reports matches what the
// file is (and what sox/ffmpeg say it is).
#include <catch2/catch.hpp>

#include "content/ingest/ingest.hpp"
#include "tests/ingest/media_fixtures.hpp"
#include "tests/support/test_support.hpp"

namespace wardcast {
namespace {

namespace fs = std::filesystem;
using test::TempDir;
using test::ToneSpec;
using namespace std::chrono_literals;

AssetInfo ingestOk(const fs::path& file, IngestExpect expect, const fs::path& data_dir) {
  Result<AssetInfo> info = ingestFile(file, expect, data_dir, IngestLimits{});
  INFO((info ? std::string() : info.error().message));
  REQUIRE(info.ok());
  return info.value();
}

void requireStored(const AssetInfo& info, const fs::path& source, const fs::path& data_dir) {
  fs::path stored = data_dir / info.relative_path;
  REQUIRE(fs::is_regular_file(stored));
  CHECK(info.sha256 == test::sha256sumOf(source));
  CHECK(info.relative_path ==
        "assets/" + info.sha256.substr(0, 2) + "/" + info.sha256 + stored.extension().string());
  CHECK(test::readFile(stored) == test::readFile(source));
  CHECK(info.size_bytes == fs::file_size(source));
  CHECK(test::filesUnder(data_dir / "tmp").empty());
}

TEST_CASE("a WAV tone is probed, measured to the expected loudness and stored", "[ingest]") {
  TempDir dir;
  ToneSpec tone{.seconds = 3.0, .sample_rate = 44100, .channels = 2, .amplitude = 0.5};
  fs::path wav = test::makeWavTone(dir.path(), "tone.wav", tone);
  AssetInfo info = ingestOk(wav, IngestExpect::kBulletin, dir / "data");
  CHECK(info.kind == AssetKind::kAudio);
  CHECK(info.container == "wav");
  CHECK(info.audio_codec == "pcm_s16le");
  CHECK(info.video_codec.empty());
  CHECK(info.sample_rate == 44100);
  CHECK(info.channels == 2);
  CHECK(info.duration == 3000ms);
  REQUIRE(info.loudness_lufs.has_value());
  CHECK(*info.loudness_lufs == Approx(test::expectedSineLufs(tone)).margin(0.05));
  REQUIRE(info.true_peak_dbtp.has_value());
  CHECK(*info.true_peak_dbtp == Approx(20.0 * std::log10(tone.amplitude)).margin(0.05));
  CHECK(fs::path(info.relative_path).extension() == ".wav");
  requireStored(info, wav, dir / "data");
}

TEST_CASE("an MP3 reads as loud as ffmpeg measures it and close to the tone's level", "[ingest]") {
  TempDir dir;
  ToneSpec tone{.seconds = 4.0, .sample_rate = 44100, .channels = 1, .amplitude = 0.25};
  fs::path wav = test::makeWavTone(dir.path(), "tone.wav", tone);
  fs::path mp3 = test::encode(wav, dir / "tone.mp3", {"-c:a", "libmp3lame", "-b:a", "128k"});
  AssetInfo info = ingestOk(mp3, IngestExpect::kBulletin, dir / "data");
  CHECK(info.container == "mp3");
  CHECK(info.audio_codec == "mp3");
  CHECK(info.sample_rate == 44100);
  CHECK(info.channels == 1);
  CHECK(info.duration.count() == Approx(4000).margin(60));  // encoder padding is trimmed
  REQUIRE(info.loudness_lufs.has_value());
  CHECK(*info.loudness_lufs == Approx(test::ffmpegLoudness(mp3)).margin(0.15));
  CHECK(*info.loudness_lufs == Approx(test::expectedSineLufs(tone)).margin(1.0));
  CHECK(fs::path(info.relative_path).extension() == ".mp3");
  requireStored(info, mp3, dir / "data");
}

TEST_CASE("an Ogg/Opus file is probed and measured", "[ingest]") {
  TempDir dir;
  ToneSpec tone{.seconds = 3.0, .sample_rate = 48000, .channels = 2, .amplitude = 0.3};
  fs::path wav = test::makeWavTone(dir.path(), "tone.wav", tone);
  fs::path opus = test::encode(wav, dir / "tone.ogg", {"-c:a", "libopus", "-b:a", "96k"});
  AssetInfo info = ingestOk(opus, IngestExpect::kBulletin, dir / "data");
  CHECK(info.container == "ogg");
  CHECK(info.audio_codec == "opus");
  CHECK(info.sample_rate == 48000);
  CHECK(info.channels == 2);
  CHECK(info.duration.count() == Approx(3000).margin(30));
  REQUIRE(info.loudness_lufs.has_value());
  CHECK(*info.loudness_lufs == Approx(test::expectedSineLufs(tone)).margin(0.3));
  CHECK(*info.loudness_lufs == Approx(test::ffmpegLoudness(opus)).margin(0.15));
  CHECK(fs::path(info.relative_path).extension() == ".opus");
  requireStored(info, opus, dir / "data");
}

TEST_CASE("espeak-ng speech is accepted as a bulletin with speech-like loudness", "[ingest]") {
  TempDir dir;
  fs::path wav = test::makeSpeech(dir / "speech.wav",
                                  "Thông báo của ủy ban nhân dân phường về lịch tiêm chủng.");
  AssetInfo info = ingestOk(wav, IngestExpect::kBulletin, dir / "data");
  CHECK(info.audio_codec == "pcm_s16le");
  CHECK(info.channels == 1);
  CHECK(info.duration > 1s);
  REQUIRE(info.loudness_lufs.has_value());
  CHECK(*info.loudness_lufs > -40.0);
  CHECK(*info.loudness_lufs == Approx(test::ffmpegLoudness(wav)).margin(0.2));
}

TEST_CASE("H.264 clips in MP4, with and without sound, are decoded and described", "[ingest]") {
  TempDir dir;
  const std::vector<std::string> h264{"-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac"};
  fs::path with_sound = test::makeVideo(dir / "with.mp4", 2.0, true, h264);
  fs::path silent = test::makeVideo(dir / "silent.mp4", 2.0, false, h264);

  AssetInfo info = ingestOk(with_sound, IngestExpect::kClip, dir / "data");
  CHECK(info.kind == AssetKind::kVideo);
  CHECK(info.container.find("mp4") != std::string::npos);
  CHECK(info.video_codec == "h264");
  CHECK(info.width == 320);
  CHECK(info.height == 240);
  CHECK(info.frame_rate == Approx(25.0));
  CHECK(info.duration.count() == Approx(2000).margin(50));
  CHECK(info.audio_codec == "aac");
  CHECK(info.sample_rate == 48000);
  REQUIRE(info.loudness_lufs.has_value());  // ffmpeg's sine: amplitude 1/8, mono
  CHECK(*info.loudness_lufs ==
        Approx(test::expectedSineLufs({.channels = 1, .amplitude = 0.125})).margin(0.3));
  CHECK(fs::path(info.relative_path).extension() == ".mp4");
  requireStored(info, with_sound, dir / "data");

  AssetInfo quiet = ingestOk(silent, IngestExpect::kClip, dir / "data");
  CHECK(quiet.video_codec == "h264");
  CHECK(quiet.audio_codec.empty());
  CHECK_FALSE(quiet.loudness_lufs.has_value());
  CHECK_FALSE(quiet.true_peak_dbtp.has_value());
  CHECK(quiet.duration.count() == Approx(2000).margin(50));
}

TEST_CASE("VP8 clips in WebM, with and without sound, are decoded and described", "[ingest]") {
  TempDir dir;
  const std::vector<std::string> vp8{"-c:v", "libvpx", "-deadline", "realtime", "-c:a", "libopus"};
  fs::path with_sound = test::makeVideo(dir / "with.webm", 2.0, true, vp8);
  fs::path silent = test::makeVideo(dir / "silent.webm", 2.0, false, vp8);

  AssetInfo info = ingestOk(with_sound, IngestExpect::kClip, dir / "data");
  CHECK(info.kind == AssetKind::kVideo);
  CHECK(info.container.find("webm") != std::string::npos);
  CHECK(info.video_codec == "vp8");
  CHECK(info.audio_codec == "opus");
  CHECK(info.width == 320);
  CHECK(info.frame_rate == Approx(25.0));
  CHECK(info.duration.count() == Approx(2000).margin(60));
  CHECK(info.loudness_lufs.has_value());
  CHECK(fs::path(info.relative_path).extension() == ".webm");

  AssetInfo quiet = ingestOk(silent, IngestExpect::kClip, dir / "data");
  CHECK(quiet.video_codec == "vp8");
  CHECK(quiet.audio_codec.empty());
  CHECK(quiet.duration.count() == Approx(2000).margin(60));
}

TEST_CASE("still images are clips shown for the configured time", "[ingest]") {
  TempDir dir;
  IngestLimits limits;
  limits.image_duration = 7s;
  for (const char* name : {"card.png", "card.jpg"}) {
    fs::path image = test::makeImage(dir / name);
    Result<AssetInfo> info = ingestFile(image, IngestExpect::kClip, dir / "data", limits);
    INFO(name << ": " << (info ? std::string() : info.error().message));
    REQUIRE(info.ok());
    CHECK(info->kind == AssetKind::kImage);
    CHECK(info->duration == 7s);
    CHECK(info->width == 320);
    CHECK(info->height == 240);
    CHECK(info->audio_codec.empty());
    CHECK_FALSE(info->loudness_lufs.has_value());
    CHECK(fs::path(info->relative_path).extension() == fs::path(name).extension());
  }
}

TEST_CASE("an MP3 with cover art is a bulletin and not a clip", "[ingest]") {
  TempDir dir;
  fs::path wav = test::makeWavTone(dir.path(), "tone.wav", ToneSpec{.seconds = 2.0});
  fs::path cover = test::makeImage(dir / "cover.png");
  fs::path mp3 = dir / "with_cover.mp3";
  test::ProcessResult r = test::run({"ffmpeg",
                                     "-nostdin",
                                     "-v",
                                     "error",
                                     "-y",
                                     "-i",
                                     wav.string(),
                                     "-i",
                                     cover.string(),
                                     "-map",
                                     "0",
                                     "-map",
                                     "1",
                                     "-c:a",
                                     "libmp3lame",
                                     "-c:v",
                                     "png",
                                     "-disposition:v",
                                     "attached_pic",
                                     mp3.string()});
  REQUIRE(r.exit_code == 0);
  AssetInfo info = ingestOk(mp3, IngestExpect::kBulletin, dir / "data");
  CHECK(info.audio_codec == "mp3");
  CHECK(info.video_codec.empty());  // cover art is not video
  CHECK(info.duration.count() == Approx(2000).margin(60));
  auto as_clip = ingestFile(mp3, IngestExpect::kClip, dir / "data", IngestLimits{});
  REQUIRE_FALSE(as_clip.ok());
  CHECK_THAT(as_clip.error().message, Catch::Matchers::Contains("no video stream"));
}

TEST_CASE("probeMedia describes a file without storing anything", "[ingest]") {
  TempDir dir;
  fs::path wav = test::makeWavTone(dir.path(), "tone.wav", ToneSpec{.seconds = 1.0});
  Result<AssetInfo> info = probeMedia(wav, IngestExpect::kBulletin, IngestLimits{});
  REQUIRE(info.ok());
  CHECK(info->duration == 1000ms);
  CHECK(info->sha256.empty());
  CHECK(info->relative_path.empty());
  CHECK(info->size_bytes == fs::file_size(wav));
  CHECK(test::filesUnder(dir.path()).size() == 1);
}

}  // namespace
}  // namespace wardcast
