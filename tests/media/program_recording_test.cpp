// A recording is a new file per run, never overwritten (issue 10's defect:
// a second run on a channel emptied the first run's recording). Two runs of
// a loudspeaker program to the same file:rec/out.ogg: the second records to
// rec/out.ogg, the first's recording is kept beside it under its time, and
// both decode whole, each with its own tone.
#include <boost/asio/io_context.hpp>
#include <catch2/catch.hpp>

#include "media/decode/loudspeaker_program.hpp"
#include "media/recording_file.hpp"
#include "tests/media/media_test_support.hpp"
#include "tests/support/test_support.hpp"

using namespace wardcast;
using namespace wardcast::test;
using namespace std::chrono_literals;

namespace {

void record(const media::ProgramItem& item, const std::filesystem::path& file) {
  boost::asio::io_context io;
  media::ProgramSettings settings;
  settings.channel_id = "test";
  settings.outputs = {"file://" + file.string()};
  auto program = media::LoudspeakerProgram::create(io.get_executor(), settings);
  if (!program) FAIL(program.error().message);
  bool stopped = false;
  (*program)->setEventHandler([&](const media::ProgramEvent& event) {
    if (event.kind == media::ProgramEvent::Kind::kQueueEmpty) (*program)->drain();
    if (event.kind == media::ProgramEvent::Kind::kStopped) stopped = true;
  });
  (*program)->enqueue(item);
  REQUIRE((*program)->start().ok());
  REQUIRE(runUntil(io, [&] { return stopped; }, 20s));
  (*program)->stop();
}

// The power of `frequency` over the whole first channel of `file`.
double powerOf(const std::filesystem::path& file, double frequency) {
  Pcm pcm = decodeWithFfmpeg(file);
  std::vector<float> mono;
  for (std::size_t i = 0; i < pcm.frames(); ++i) mono.push_back(pcm.samples[i * pcm.channels]);
  REQUIRE(mono.size() > std::size_t(pcm.rate));  // over a second of sound
  return tonePower(mono.data(), mono.size(), pcm.rate, frequency);
}

std::vector<std::filesystem::path> filesIn(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> out;
  for (const auto& e : std::filesystem::directory_iterator(dir)) out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("a second run on a channel keeps the first run's recording") {
  TempDir dir;
  auto low = measuredItem("low", makeTone(dir / "low.wav", 440, 1.5, 0.3));
  auto high = measuredItem("high", makeTone(dir / "high.wav", 880, 1.5, 0.3));
  auto out = dir / "rec" / "out.ogg";
  record(low, out);
  REQUIRE(filesIn(dir / "rec") == std::vector<std::filesystem::path>{out});
  record(high, out);

  auto files = filesIn(dir / "rec");
  REQUIRE(files.size() == 2);
  auto earlier = files[0] == out ? files[1] : files[0];
  INFO("kept as " << earlier.filename());
  CHECK(earlier.filename().string().starts_with("out-"));
  CHECK(earlier.extension() == ".ogg");
  CHECK(powerOf(earlier, 440) > 100 * powerOf(earlier, 880));
  CHECK(powerOf(out, 880) > 100 * powerOf(out, 440));
}

TEST_CASE("keepEarlierRecording leaves an empty file and numbers a taken name") {
  TempDir dir;
  auto file = dir / "x.wav";
  writeFile(file, "");
  auto kept = media::keepEarlierRecording(file);
  REQUIRE(kept.ok());
  CHECK(kept->empty());
  CHECK(std::filesystem::exists(file));

  writeFile(file, "first");
  auto first = media::keepEarlierRecording(file);
  REQUIRE(first.ok());
  writeFile(file, "second");
  std::filesystem::last_write_time(file, std::filesystem::last_write_time(*first));  // the same second
  auto second = media::keepEarlierRecording(file);
  REQUIRE(second.ok());
  CHECK_FALSE(std::filesystem::exists(file));
  CHECK(*first != *second);
  CHECK(second->filename().string().ends_with("-2.wav"));
  CHECK(readFile(*first) == "first");
  CHECK(readFile(*second) == "second");
}
