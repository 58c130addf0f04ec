// Bad files are refused with a message that names the file and says what is
// wrong, and nothing is left in the store.
#include <catch2/catch.hpp>

#include <unistd.h>

#include "content/ingest/ingest.hpp"
#include "tests/ingest/media_fixtures.hpp"
#include "tests/support/test_support.hpp"

namespace wardcast {
namespace {

namespace fs = std::filesystem;
using Catch::Matchers::Contains;
using test::TempDir;
using test::ToneSpec;

// Ingests `file`, requires a refusal and returns its message. Also checks the
// refusal left no stored or temporary file behind.
std::string refusal(const fs::path& file, IngestExpect expect, const fs::path& data_dir,
                    const IngestLimits& limits = IngestLimits{}) {
  Result<AssetInfo> info = ingestFile(file, expect, data_dir, limits);
  REQUIRE_FALSE(info.ok());
  CHECK(test::filesUnder(data_dir / "assets").empty());
  CHECK(test::filesUnder(data_dir / "tmp").empty());
  CHECK_THAT(info.error().message, Contains(file.string()));
  return info.error().message;
}

fs::path ffmpegMp3(const TempDir& dir, double seconds) {
  fs::path wav = test::makeWavTone(dir.path(), "tone.wav", ToneSpec{.seconds = seconds});
  return test::encode(wav, dir / "tone.mp3", {"-c:a", "libmp3lame", "-b:a", "128k"});
}

TEST_CASE("a truncated MP3 is refused as truncated", "[ingest]") {
  TempDir dir;
  fs::path mp3 = ffmpegMp3(dir, 6.0);
  fs::path cut = test::truncateCopy(mp3, dir / "cut.mp3", fs::file_size(mp3) / 2);
  CHECK_THAT(refusal(cut, IngestExpect::kBulletin, dir / "data"), Contains("truncated or corrupt"));
}

TEST_CASE("a truncated MP4 is refused as truncated, index first or last", "[ingest]") {
  TempDir dir;
  const std::vector<std::string> h264{"-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac"};
  fs::path moov_last = test::makeVideo(dir / "last.mp4", 3.0, true, h264);
  std::vector<std::string> faststart = h264;
  faststart.insert(faststart.end(), {"-movflags", "+faststart"});
  fs::path moov_first = test::makeVideo(dir / "first.mp4", 3.0, true, faststart);

  fs::path cut_last =
      test::truncateCopy(moov_last, dir / "cut_last.mp4", fs::file_size(moov_last) * 2 / 3);
  CHECK_THAT(refusal(cut_last, IngestExpect::kClip, dir / "data"),
             Contains("truncated or corrupt"));
  fs::path cut_first =
      test::truncateCopy(moov_first, dir / "cut_first.mp4", fs::file_size(moov_first) * 2 / 3);
  CHECK_THAT(refusal(cut_first, IngestExpect::kClip, dir / "data"),
             Contains("truncated or corrupt"));
  // As a bulletin only the sound is decoded; its shortfall still shows.
  CHECK_THAT(refusal(cut_first, IngestExpect::kBulletin, dir / "data"),
             Contains("truncated or corrupt"));
}

TEST_CASE("random bytes and a text file named .mp3 are not media files", "[ingest]") {
  TempDir dir;
  std::string noise;
  for (int i = 0; i < 200000; ++i) noise += static_cast<char>((i * 2654435761u) >> 13);
  test::writeFile(dir / "noise.mp3", noise);
  CHECK_THAT(refusal(dir / "noise.mp3", IngestExpect::kBulletin, dir / "data"),
             Contains("not a media file"));
  test::writeFile(dir / "notes.mp3", "Loa phường 3 hỏng, cần thay trước thứ Hai.\n");
  CHECK_THAT(refusal(dir / "notes.mp3", IngestExpect::kBulletin, dir / "data"),
             Contains("not a media file"));
}

TEST_CASE("a silent video is not a bulletin and an audio file is not a clip", "[ingest]") {
  TempDir dir;
  fs::path video =
      test::makeVideo(dir / "silent.mp4", 1.0, false, {"-c:v", "libx264", "-preset", "ultrafast"});
  CHECK_THAT(refusal(video, IngestExpect::kBulletin, dir / "data"), Contains("no audio stream"));
  fs::path mp3 = ffmpegMp3(dir, 1.0);
  CHECK_THAT(refusal(mp3, IngestExpect::kClip, dir / "data"), Contains("no video stream"));
  fs::path image = test::makeImage(dir / "card.png");
  CHECK_THAT(refusal(image, IngestExpect::kBulletin, dir / "data"), Contains("no audio stream"));
}

TEST_CASE("empty, oversized, missing and directory paths are refused", "[ingest]") {
  TempDir dir;
  test::writeFile(dir / "empty.wav", "");
  CHECK_THAT(refusal(dir / "empty.wav", IngestExpect::kBulletin, dir / "data"),
             Contains("empty file"));

  fs::path wav = test::makeWavTone(dir.path(), "tone.wav", ToneSpec{.seconds = 1.0});
  IngestLimits small;
  small.max_bytes = 64 * 1024;
  std::string message = refusal(wav, IngestExpect::kBulletin, dir / "data", small);
  CHECK_THAT(message, Contains("too large"));
  CHECK_THAT(message, Contains("64.0 KiB"));

  Result<AssetInfo> missing =
      ingestFile(dir / "nowhere.mp3", IngestExpect::kBulletin, dir / "data", IngestLimits{});
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().kind == ErrorKind::kNotFound);
  CHECK_THAT(missing.error().message, Contains("nowhere.mp3"));
  CHECK_THAT(missing.error().message, Contains("no such file"));

  fs::create_directories(dir / "folder.mp3");
  CHECK_THAT(refusal(dir / "folder.mp3", IngestExpect::kBulletin, dir / "data"),
             Contains("is a directory"));
}

TEST_CASE("an unreadable file is refused", "[ingest]") {
  // Root reads every file, so the ingest runs as nobody (test::runAsNobody)
  // in a data directory nobody may write.
  TempDir dir;
  fs::permissions(dir.path(), fs::perms::owner_all | fs::perms::group_exec | fs::perms::others_exec);
  fs::path wav = test::makeWavTone(dir.path(), "tone.wav", ToneSpec{.seconds = 1.0});
  fs::permissions(wav, fs::perms::none);
  fs::create_directories(dir / "data");
  fs::permissions(dir / "data", fs::perms::all);
  std::string message = test::runAsNobody([&] {
    Result<AssetInfo> info = ingestFile(wav, IngestExpect::kBulletin, dir / "data", IngestLimits{});
    return info.ok() ? std::string("ingested") : info.error().message;
  });
  CHECK_THAT(message, Contains(wav.string()) && Contains("cannot be read"));
  CHECK(test::filesUnder(dir / "data" / "assets").empty());
  CHECK(test::filesUnder(dir / "data" / "tmp").empty());
}

TEST_CASE("a WAV with a header and no samples has zero duration", "[ingest]") {
  TempDir dir;
  fs::path wav = test::makeWavTone(dir.path(), "tone.wav", ToneSpec{.seconds = 1.0});
  fs::path header_only = test::truncateCopy(wav, dir / "header.wav", 44);
  std::string message = refusal(header_only, IngestExpect::kBulletin, dir / "data");
  CHECK_THAT(message, Contains("zero duration") || Contains("truncated or corrupt"));
}

}  // namespace
}  // namespace wardcast
