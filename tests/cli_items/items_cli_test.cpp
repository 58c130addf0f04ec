#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "tests/cli_items/cli_items_support.hpp"

using namespace wardcast::test;
using Catch::Contains;
namespace fs = std::filesystem;

TEST_CASE("bulletin add --audio ingests a tone as a draft and prints the id last") {
  CliStation s;
  s.addStaff();
  auto tone = s.tone("tone.wav", 3.0);
  auto r = s.ok({"--user", "lan", "bulletin", "add", "--topic", "mot-cua", "--title", "Giờ làm việc một cửa",
                 "--audio", tone.string(), "--valid-from", "2026-05-01", "--valid-to", "2026-05-31"});
  CHECK(lastLine(r.out) == "b1");

  auto list = s.ok({"bulletin", "list"});
  CHECK_THAT(list.out, Contains("b1") && Contains("draft") && Contains("mot-cua") &&
                           Contains("Giờ làm việc một cửa") && Contains("0:03.0"));

  auto show = s.ok({"bulletin", "show", "b1"});
  CHECK_THAT(show.out, Contains("author:") && Contains("lan"));
  CHECK_THAT(show.out, Contains("2026-05-01 .. 2026-05-31"));
  CHECK_THAT(show.out, Contains("pcm_s16le") && Contains("LUFS") && Contains("dBTP"));
  CHECK_THAT(show.out, Contains("tone.wav"));

  auto json = nlohmann::json::parse(s.ok({"bulletin", "show", "b1", "--format", "json"}).out);
  CHECK(json["id"] == "b1");
  CHECK(json["state"] == "draft");
  CHECK(json["topic"] == "mot-cua");
  CHECK(json["duration_ms"].get<long>() >= 2950);
  CHECK(json["duration_ms"].get<long>() <= 3050);
  CHECK(json["asset"]["audio_codec"] == "pcm_s16le");
  CHECK(json["asset"]["loudness_lufs"].get<double>() < -10.0);
  CHECK(json["asset"]["true_peak_dbtp"].get<double>() < 0.0);
  CHECK(fs::exists(s.dataDir() / json["asset"]["path"].get<std::string>()));

  auto listed = nlohmann::json::parse(s.ok({"bulletin", "list", "--format", "json"}).out);
  REQUIRE(listed.size() == 1);
  CHECK(listed[0]["title"] == "Giờ làm việc một cửa");
  CHECK(listed[0]["duration_ms"] == json["duration_ms"]);
}

TEST_CASE("bulletin add --text speaks the text by TTS and keeps the text") {
  CliStation s;
  s.addStaff();
  const std::string text = "Kính thưa bà con, bộ phận một cửa làm việc từ bảy giờ sáng.";
  auto r = s.ok({"--user", "lan", "bulletin", "add", "--topic", "mot-cua", "--title", "Thông báo", "--text", text});
  CHECK(lastLine(r.out) == "b1");
  auto json = nlohmann::json::parse(s.ok({"bulletin", "show", "b1", "--format", "json"}).out);
  CHECK(json["text"] == text);
  CHECK(json["duration_ms"].get<long>() > 1000);
  CHECK(json["asset"]["kind"] == "audio");
  CHECK(fs::is_empty(s.dataDir() / "tmp"));  // the synthesized WAV is gone
  CHECK_THAT(s.ok({"bulletin", "show", "b1"}).out, Contains(text));
}

TEST_CASE("the same file added twice is stored once") {
  CliStation s;
  s.addStaff();
  auto tone = s.tone("tone.wav", 1.0);
  auto first = s.ok({"--user", "lan", "bulletin", "add", "--topic", "t", "--title", "A", "--audio", tone.string()});
  auto second = s.ok({"--user", "minh", "bulletin", "add", "--topic", "t", "--title", "B", "--audio", tone.string()});
  CHECK(lastLine(first.out) == "b1");
  CHECK(lastLine(second.out) == "b2");
  auto a = nlohmann::json::parse(s.ok({"bulletin", "show", "b1", "--format", "json"}).out);
  auto b = nlohmann::json::parse(s.ok({"bulletin", "show", "b2", "--format", "json"}).out);
  CHECK(a["asset"]["sha256"] == b["asset"]["sha256"]);
  CHECK(filesUnder(s.dataDir() / "assets").size() == 1);
}

TEST_CASE("clip add --video ingests a video clip as c1") {
  CliStation s;
  s.addStaff();
  auto clip = s.video("guide.mp4", 2.0);
  auto r = s.ok({"--user", "lan", "clip", "add", "--topic", "dvc", "--title", "Hướng dẫn nộp hồ sơ", "--video",
                 clip.string(), "--valid-to", "2026-12-31"});
  CHECK(lastLine(r.out) == "c1");
  auto json = nlohmann::json::parse(s.ok({"clip", "show", "c1", "--format", "json"}).out);
  CHECK(json["kind"] == "clip");
  CHECK(json["asset"]["video_codec"] == "mpeg4");
  CHECK(json["asset"]["width"] == 320);
  CHECK(json["valid_to"] == "2026-12-31");
  CHECK_THAT(s.ok({"clip", "list"}).out, Contains("c1") && Contains("dvc"));
  CHECK(s.ok({"bulletin", "list"}).out.empty());
  auto wrong_family = s.cli({"bulletin", "show", "c1"});
  CHECK(wrong_family.exit_code == 1);
}

TEST_CASE("bad input exits 1 with a message and usage errors exit 2") {
  CliStation s;
  s.addStaff();
  auto tone = s.tone("tone.wav", 1.0);
  auto backwards = s.cli({"--user", "lan", "bulletin", "add", "--topic", "t", "--title", "x", "--audio", tone.string(),
                          "--valid-from", "2026-05-10", "--valid-to", "2026-05-01"});
  CHECK(backwards.exit_code == 1);
  CHECK_THAT(backwards.err, Contains("--valid-to 2026-05-01 is before --valid-from 2026-05-10"));
  auto bad_date = s.cli({"--user", "lan", "bulletin", "add", "--topic", "t", "--title", "x", "--audio",
                         tone.string(), "--valid-from", "2026-02-30"});
  CHECK(bad_date.exit_code == 1);
  CHECK_THAT(bad_date.err, Contains("2026-02-30"));
  auto no_user = s.cli({"bulletin", "add", "--topic", "t", "--title", "x", "--audio", tone.string()});
  CHECK(no_user.exit_code == 1);
  CHECK_THAT(no_user.err, Contains("--user"));
  auto by_approver = s.cli({"--user", "hoa", "bulletin", "add", "--topic", "t", "--title", "x", "--audio", tone.string()});
  CHECK(by_approver.exit_code == 1);
  CHECK_THAT(by_approver.err, Contains("editor or an admin"));
  auto not_audio = s.file("notes.txt");
  writeFile(not_audio, "this is not audio");
  auto junk = s.cli({"--user", "lan", "bulletin", "add", "--topic", "t", "--title", "x", "--audio", not_audio.string()});
  CHECK(junk.exit_code == 1);
  CHECK_FALSE(junk.err.empty());
  CHECK(s.cli({"bulletin", "show", "b9"}).exit_code == 1);

  CHECK(s.cli({"--user", "lan", "bulletin", "add", "--title", "x", "--audio", tone.string()}).exit_code == 2);
  CHECK(s.cli({"--user", "lan", "bulletin", "add", "--topic", "t", "--title", "x"}).exit_code == 2);
  CHECK(s.cli({"--user", "lan", "bulletin", "add", "--topic", "t", "--title", "x", "--text", "a", "--audio",
               tone.string()})
            .exit_code == 2);
  CHECK(s.cli({"bulletin", "list", "--format", "xml"}).exit_code == 2);
  CHECK(s.cli({"bulletin", "frobnicate"}).exit_code == 2);
  CHECK(s.cli({"clip", "add", "--topic", "t", "--title", "x"}).exit_code == 2);
  CHECK(s.ok({"bulletin", "list"}).out.empty());
}

TEST_CASE("every item command has --help") {
  CliStation s;
  for (const auto& cmd : std::vector<std::vector<std::string>>{{"bulletin", "add"},
                                                               {"bulletin", "list"},
                                                               {"bulletin", "show"},
                                                               {"clip", "add"},
                                                               {"clip", "list"},
                                                               {"clip", "show"},
                                                               {"approve"},
                                                               {"reject"}}) {
    auto args = cmd;
    args.push_back("--help");
    auto r = s.cli(args);
    INFO(Catch::Detail::stringify(cmd));
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.out, Contains("Usage"));
  }
}
