// The content-addressed store: one file per content, crash-safe temp files,
// and the sweep that clears the leftovers of an interrupted ingest.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include "content/ingest/ingest.hpp"
#include "tests/ingest/media_fixtures.hpp"
#include "tests/support/test_support.hpp"

namespace wardcast {
namespace {

namespace fs = std::filesystem;
using test::TempDir;
using test::ToneSpec;

void requireSameInfo(const AssetInfo& a, const AssetInfo& b) {
  CHECK(a.sha256 == b.sha256);
  CHECK(a.kind == b.kind);
  CHECK(a.relative_path == b.relative_path);
  CHECK(a.size_bytes == b.size_bytes);
  CHECK(a.container == b.container);
  CHECK(a.audio_codec == b.audio_codec);
  CHECK(a.video_codec == b.video_codec);
  CHECK(a.duration == b.duration);
  CHECK(a.sample_rate == b.sample_rate);
  CHECK(a.channels == b.channels);
  CHECK(a.loudness_lufs == b.loudness_lufs);
  CHECK(a.true_peak_dbtp == b.true_peak_dbtp);
}

TEST_CASE("the same content ingested twice, under any name, is stored once", "[ingest]") {
  TempDir dir;
  fs::path wav = test::makeWavTone(dir.path(), "tone.wav", ToneSpec{.seconds = 1.5});
  fs::path mp3 = test::encode(wav, dir / "Bản tin.mp3", {"-c:a", "libmp3lame"});
  fs::copy_file(mp3, dir / "copy.MP3");

  auto first = ingestFile(mp3, IngestExpect::kBulletin, dir / "data", IngestLimits{});
  auto second = ingestFile(mp3, IngestExpect::kBulletin, dir / "data", IngestLimits{});
  auto renamed =
      ingestFile(dir / "copy.MP3", IngestExpect::kBulletin, dir / "data", IngestLimits{});
  REQUIRE(first.ok());
  REQUIRE(second.ok());
  REQUIRE(renamed.ok());
  requireSameInfo(*first, *second);
  requireSameInfo(*first, *renamed);
  CHECK(test::filesUnder(dir / "data" / "assets") ==
        std::vector<fs::path>{dir / "data" / first->relative_path});
  CHECK(test::filesUnder(dir / "data" / "tmp").empty());

  // A different file is a different asset.
  auto other = ingestFile(wav, IngestExpect::kBulletin, dir / "data", IngestLimits{});
  REQUIRE(other.ok());
  CHECK(other->sha256 != first->sha256);
  CHECK(test::filesUnder(dir / "data" / "assets").size() == 2);
}

TEST_CASE("sweepIngestTemp removes abandoned temp files but not live ones", "[ingest]") {
  TempDir dir;
  fs::path tmp = dir / "data" / "tmp";
  fs::create_directories(tmp);
  test::writeFile(tmp / "ingest-0123456789abcdef.part", "half a file");
  test::writeFile(tmp / "someone-else.txt", "not ours");
  // A live ingest holds an flock on its temp file.
  fs::path live = tmp / "ingest-fedcba9876543210.part";
  test::writeFile(live, "being written");
  int fd = ::open(live.c_str(), O_RDONLY);
  REQUIRE(fd >= 0);
  REQUIRE(::flock(fd, LOCK_EX) == 0);

  sweepIngestTemp(dir / "data");
  ::close(fd);
  CHECK_FALSE(fs::exists(tmp / "ingest-0123456789abcdef.part"));
  CHECK(fs::exists(live));
  CHECK(fs::exists(tmp / "someone-else.txt"));

  sweepIngestTemp(dir / "data");  // the lock is gone: now it is abandoned
  CHECK_FALSE(fs::exists(live));
  sweepIngestTemp(dir / "no-such-data-dir");  // nothing to do, no failure
}

TEST_CASE("a file that cannot be stored is reported, not half-written", "[ingest]") {
  TempDir dir;
  fs::path wav = test::makeWavTone(dir.path(), "tone.wav", ToneSpec{.seconds = 1.0});
  test::writeFile(dir / "data", "a file where the data directory should be");
  auto info = ingestFile(wav, IngestExpect::kBulletin, dir / "data", IngestLimits{});
  REQUIRE_FALSE(info.ok());
  CHECK(info.error().kind == ErrorKind::kIo);
  CHECK_THAT(info.error().message, Catch::Matchers::Contains("data"));
}

}  // namespace
}  // namespace wardcast
