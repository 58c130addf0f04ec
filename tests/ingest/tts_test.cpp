// Text-to-speech with espeak-ng's library: real speech, checked by ingesting
// it (loudness, duration, format) like any recorded bulletin.
#include <catch2/catch.hpp>

#include <thread>

#include "content/ingest/ingest.hpp"
#include "content/ingest/tts.hpp"
#include "tests/support/test_support.hpp"

namespace wardcast {
namespace {

namespace fs = std::filesystem;
using Catch::Matchers::Contains;
using test::TempDir;

AssetInfo speak(const std::string& text, const SpeechSettings& settings, const fs::path& wav) {
  Status st = synthesizeSpeech(text, settings, wav);
  INFO((st ? std::string() : st.error().message));
  REQUIRE(st.ok());
  auto info = probeMedia(wav, IngestExpect::kBulletin, IngestLimits{});
  INFO((info ? std::string() : info.error().message));
  REQUIRE(info.ok());
  return info.value();
}

const std::string kShort = "Xin chào bà con.";
const std::string kLong =
    "Xin chào bà con. Ủy ban nhân dân phường thông báo: sáng thứ Bảy tuần này, từ bảy giờ "
    "đến mười một giờ, trạm y tế phường tổ chức tiêm chủng cho trẻ em dưới năm tuổi. "
    "Đề nghị các gia đình mang theo sổ tiêm chủng.";

TEST_CASE("Vietnamese text becomes audible 16-bit mono speech that grows with the text", "[tts]") {
  TempDir dir;
  AssetInfo short_speech = speak(kShort, SpeechSettings{}, dir / "short.wav");
  AssetInfo long_speech = speak(kLong, SpeechSettings{}, dir / "long.wav");
  CHECK(short_speech.container == "wav");
  CHECK(short_speech.audio_codec == "pcm_s16le");
  CHECK(short_speech.channels == 1);
  CHECK(short_speech.sample_rate > 0);
  REQUIRE(short_speech.loudness_lufs.has_value());
  CHECK(*short_speech.loudness_lufs > -40.0);  // silence would be below -70
  REQUIRE(long_speech.loudness_lufs.has_value());
  CHECK(*long_speech.loudness_lufs > -40.0);
  CHECK(short_speech.duration > std::chrono::milliseconds(500));
  CHECK(long_speech.duration > short_speech.duration * 4);
}

TEST_CASE("a faster speech rate gives shorter speech", "[tts]") {
  TempDir dir;
  AssetInfo slow = speak(kLong, SpeechSettings{.voice = "vi", .rate_wpm = 120}, dir / "slow.wav");
  AssetInfo fast = speak(kLong, SpeechSettings{.voice = "vi", .rate_wpm = 240}, dir / "fast.wav");
  CHECK(fast.duration * 3 < slow.duration * 2);
}

TEST_CASE("speech calls from several threads take turns and all succeed", "[tts]") {
  TempDir dir;
  std::vector<Status> results(3, okStatus());
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < results.size(); ++i) {
    threads.emplace_back([&, i] {
      results[i] = synthesizeSpeech(kShort, SpeechSettings{}, dir / (std::to_string(i) + ".wav"));
    });
  }
  for (auto& t : threads) t.join();
  // espeak-ng varies its output a little from call to call (its intonation
  // keeps state), so each result is checked as speech of the same length.
  AssetInfo alone = speak(kShort, SpeechSettings{}, dir / "alone.wav");
  for (std::size_t i = 0; i < results.size(); ++i) {
    INFO("thread " << i << ": " << (results[i] ? std::string() : results[i].error().message));
    REQUIRE(results[i].ok());
    auto info =
        probeMedia(dir / (std::to_string(i) + ".wav"), IngestExpect::kBulletin, IngestLimits{});
    REQUIRE(info.ok());
    CHECK(info->duration.count() == Approx(alone.duration.count()).epsilon(0.05));
    REQUIRE(info->loudness_lufs.has_value());
    CHECK(*info->loudness_lufs == Approx(*alone.loudness_lufs).margin(1.0));
  }
}

TEST_CASE("text-to-speech refuses empty text, unknown voices and unwritable paths", "[tts]") {
  TempDir dir;
  Status empty = synthesizeSpeech("  \n", SpeechSettings{}, dir / "a.wav");
  REQUIRE_FALSE(empty.ok());
  CHECK_THAT(empty.error().message, Contains("empty"));
  CHECK_FALSE(fs::exists(dir / "a.wav"));

  Status voice = synthesizeSpeech(kShort, SpeechSettings{.voice = "klingon-xx"}, dir / "b.wav");
  REQUIRE_FALSE(voice.ok());
  CHECK_THAT(voice.error().message, Contains("unknown espeak-ng voice"));
  CHECK_THAT(voice.error().message, Contains("klingon-xx"));

  Status path = synthesizeSpeech(kShort, SpeechSettings{}, dir / "no" / "such" / "dir.wav");
  REQUIRE_FALSE(path.ok());
  CHECK_THAT(path.error().message, Contains("cannot write"));
  CHECK_THAT(path.error().message, Contains("dir.wav"));

  Status rate =
      synthesizeSpeech(kShort, SpeechSettings{.voice = "vi", .rate_wpm = 5}, dir / "c.wav");
  REQUIRE_FALSE(rate.ok());
  CHECK_THAT(rate.error().message, Contains("speech rate"));

  // A failed call leaves espeak-ng usable.
  CHECK(synthesizeSpeech(kShort, SpeechSettings{}, dir / "d.wav").ok());
}

}  // namespace
}  // namespace wardcast
