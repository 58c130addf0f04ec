// Every kind of error the station loader reports, each with its message and
// the line (and column) of the offending key or value. The station head
// (kStationHead) takes lines 1-4, so each case's own text starts at line 5.
#include <sys/wait.h>
#include <unistd.h>
#include <catch2/catch.hpp>

#include "tests/config/config_test_support.hpp"
#include "tests/support/test_support.hpp"

namespace fs = std::filesystem;
using namespace wardcast;
using namespace wardcast::test;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

namespace {

const std::string kHead = kStationHead;
const std::string kBody = kValidBody;

// A channel at lines 5-8 (outputs on line 8) with `extra` from line 9.
std::string channelWith(const std::string& kind, const std::string& extra) {
  return kHead + "[[channel]]\nid = \"c\"\nkind = \"" + kind + "\"\n" +
         "outputs = [\"rtp://127.0.0.1:5004\"]\n" + extra;
}

// loadError() in a child process that has dropped to uid/gid 65534 (nobody).
std::string loadErrorAsNobody(const TempDir& dir, const std::string& text) {
  auto file = dir / "wardcast.toml";
  writeFile(file, text);
  return runAsNobody([&] {
    try {
      loadStationConfig(file);
    } catch (const ConfigError& e) {
      return std::string(e.what());
    }
    return std::string("loaded without error");
  });
}

}  // namespace

TEST_CASE("a TOML syntax error names its line and column") {
  TempDir dir;
  auto error = loadError(dir, kHead + "[[window]]\nid = \"morning\"\nstart = \n");
  CHECK_THAT(error, StartsWith(positionPrefix(dir, 7, 9)));
  CHECK_THAT(error, Contains("TOML syntax error"));
  CHECK_THAT(error, Contains("expected"));
}

TEST_CASE("a missing file is reported with its name") {
  TempDir dir;
  try {
    loadStationConfig(dir / "nowhere.toml");
    FAIL("loaded a file that does not exist");
  } catch (const ConfigError& e) {
    CHECK_THAT(e.what(), StartsWith((dir / "nowhere.toml").string() + ":1:1: "));
    CHECK_THAT(e.what(), Contains("cannot read the station file"));
  }
}

TEST_CASE("unknown keys are errors with the closest known key suggested") {
  TempDir dir;
  SECTION("in [station]") {
    auto error = loadError(dir, "[station]\nname = \"X\"\ntts_rate = 120\n" + kBody);
    CHECK_THAT(error, StartsWith(positionPrefix(dir, 3, 1)));
    CHECK_THAT(error,
               Contains("[station]: unknown key \"tts_rate\" (did you mean \"tts_rate_wpm\"?"));
  }
  SECTION("in [[channel]]") {
    auto error = loadError(
        dir, kHead + "[[channel]]\nid = \"c\"\nkind = \"led\"\n  output = [\"display://\"]\n");
    CHECK_THAT(error, StartsWith(positionPrefix(dir, 8, 3)));
    CHECK_THAT(error,
               Contains("[[channel]] #1: unknown key \"output\" (did you mean \"outputs\"?"));
  }
  SECTION("at the top level") {
    auto error = loadError(dir, kHead + kBody + "[[windows]]\nid = \"x\"\n");
    CHECK_THAT(error, StartsWith(positionPrefix(dir, 16, 3)));
    CHECK_THAT(error, Contains("unknown key \"windows\" (did you mean \"window\"?"));
  }
  SECTION("without an obvious suggestion, the known keys are listed") {
    auto error = loadError(dir, kHead + "[api]\nbanana = 1\n");
    CHECK_THAT(error, StartsWith(positionPrefix(dir, 6, 1)));
    CHECK_THAT(error, Contains("unknown key \"banana\" (known keys: listen, socket, tls_cert, tls_key)"));
  }
}

TEST_CASE("values of the wrong type are errors at the value") {
  TempDir dir;
  SECTION("a number given as a string") {
    auto error = loadError(dir, "[station]\nname = \"X\"\nloudness_lufs = \"loud\"\n" + kBody);
    CHECK_THAT(error, StartsWith(positionPrefix(dir, 3, 17)));
    CHECK_THAT(error, Contains("loudness_lufs must be a number, got a string"));
  }
  SECTION("a string array holding a number") {
    auto error = loadError(dir, channelWith("loudspeaker", "groups = [\"ward\", 5]\n"));
    CHECK_THAT(error, StartsWith(positionPrefix(dir, 9, 19)));
    CHECK_THAT(
        error,
        Contains(
            "channel \"c\": groups must be an array of strings, but an element is an integer"));
  }
  SECTION("[[window]] written as a table") {
    auto error = loadError(dir, kHead + "[window]\nid = \"w\"\n");
    CHECK_THAT(error, StartsWith(positionPrefix(dir, 5, 1)));
    CHECK_THAT(error,
               Contains("window must be an array of tables, declared as [[window]] sections"));
  }
}

TEST_CASE("missing required keys are errors at the table's header") {
  TempDir dir;
  SECTION("[station].name") {
    auto error = loadError(dir, "\n[station]\ndata_dir = \"data\"\n" + kBody);
    CHECK_THAT(error, StartsWith(positionPrefix(dir, 2, 1)));
    CHECK_THAT(error, Contains("[station]: required key \"name\" is missing (expected a string)"));
  }
  SECTION("[station] itself") {
    auto error = loadError(dir, kBody);
    CHECK_THAT(error, StartsWith(positionPrefix(dir, 1, 1)));
    CHECK_THAT(error, Contains("the [station] section is missing"));
  }
  SECTION("a window's end") {
    auto error = loadError(dir, kHead + "[[window]]\nid = \"morning\"\nstart = \"06:00\"\n");
    CHECK_THAT(error, StartsWith(positionPrefix(dir, 5, 1)));
    CHECK_THAT(
        error,
        Contains("window \"morning\": required key \"end\" is missing (expected \"HH:MM\")"));
  }
  SECTION("a window's id") {
    auto error = loadError(dir, kHead + "[[window]]\nstart = \"06:00\"\nend = \"07:00\"\n");
    CHECK_THAT(error, StartsWith(positionPrefix(dir, 5, 1)));
    CHECK_THAT(error, Contains("[[window]] #1: required key \"id\" is missing"));
  }
  SECTION("a channel's kind") {
    auto error =
        loadError(dir, kHead + "[[channel]]\nid = \"c\"\noutputs = [\"alsa://default\"]\n");
    CHECK_THAT(error, StartsWith(positionPrefix(dir, 5, 1)));
    CHECK_THAT(error, Contains("channel \"c\": required key \"kind\" is missing"));
  }
  SECTION("a channel's outputs") {
    auto error = loadError(dir, kHead + "[[channel]]\nid = \"c\"\nkind = \"led\"\n");
    CHECK_THAT(error, StartsWith(positionPrefix(dir, 5, 1)));
    CHECK_THAT(
        error,
        Contains(
            "channel \"c\": required key \"outputs\" is missing (expected an array of strings)"));
  }
  SECTION("any channel at all") {
    auto error = loadError(dir, kHead);
    CHECK_THAT(error, StartsWith(positionPrefix(dir, 1, 1)));
    CHECK_THAT(error, Contains("no [[channel]] is declared"));
  }
}

TEST_CASE("duplicate ids are errors at the second declaration") {
  TempDir dir;
  SECTION("windows") {
    auto error = loadError(
        dir, kHead + kBody + "[[window]]\nid = \"morning\"\nstart = \"18:00\"\nend = \"19:00\"\n");
    CHECK_THAT(error, StartsWith(positionPrefix(dir, 17, 6)));
    CHECK_THAT(error, Contains("window id \"morning\" is declared twice (first at line 6"));
  }
  SECTION("channels") {
    auto error = loadError(
        dir,
        kHead + kBody + "[[channel]]\nid = \"ward\"\nkind = \"led\"\noutputs = [\"display://\"]\n");
    CHECK_THAT(error, StartsWith(positionPrefix(dir, 17, 6)));
    CHECK_THAT(error, Contains("channel id \"ward\" is declared twice (first at line 11"));
  }
}

TEST_CASE("a channel naming an undeclared window is an error at that name") {
  TempDir dir;
  std::string text =
      kHead +
      "[[window]]\nid = \"morning\"\nstart = \"06:00\"\nend = \"06:30\"\n"
      "[[window]]\nid = \"evening\"\nstart = \"17:00\"\nend = \"17:30\"\n"
      "[[window]]\nid = \"allday\"\nstart = \"07:30\"\nend = \"17:00\"\n"
      "[[channel]]\nid = \"ward\"\nkind = \"loudspeaker\"\noutputs = [\"alsa://default\"]\n"
      "windows = [\"morning\", \"noon\"]\n";
  auto error = loadError(dir, text);
  CHECK(error == positionPrefix(dir, 21, 23) +
                     "channel \"ward\" names window \"noon\", which is not declared "
                     "(declared: morning, evening, allday)");
}

TEST_CASE("overlapping windows on a shared day are an error but touching ones are not") {
  TempDir dir;
  std::string morning = "[[window]]\nid = \"morning\"\nstart = \"06:00\"\nend = \"06:30\"\n";
  std::string channel = "[[channel]]\nid = \"c\"\nkind = \"led\"\noutputs = [\"display://\"]\n";
  SECTION("overlap") {
    auto error = loadError(
        dir,
        kHead + morning +
            "[[window]]\nid = \"early\"\nstart = \"06:15\"\nend = \"07:00\"\ndays = [\"sun\"]\n" +
            channel);
    CHECK_THAT(error, StartsWith(positionPrefix(dir, 11, 9)));
    CHECK_THAT(error, Contains("window \"early\" (06:15-07:00) overlaps window \"morning\" "
                               "(06:00-06:30, line 6) on sun"));
  }
  SECTION("touching windows and disjoint days are fine") {
    auto config = loadText(
        dir,
        kHead + morning +
            "[[window]]\nid = \"next\"\nstart = \"06:30\"\nend = \"07:00\"\n"
            "[[window]]\nid = \"sat\"\nstart = \"07:00\"\nend = \"09:00\"\ndays = [\"sat\"]\n"
            "[[window]]\nid = \"sun\"\nstart = \"07:00\"\nend = \"10:00\"\ndays = [\"sun\"]\n" +
            channel);
    CHECK(config.windows.size() == 4);
  }
  SECTION("but not when their days meet") {
    auto error = loadError(dir, kHead +
                                    "[[window]]\nid = \"a\"\nstart = \"05:00\"\nend = "
                                    "\"09:00\"\ndays = [\"sat\", \"sun\"]\n"
                                    "[[window]]\nid = \"b\"\nstart = \"08:00\"\nend = "
                                    "\"10:00\"\ndays = [\"mon\", \"sun\"]\n" +
                                    channel);
    CHECK_THAT(error, StartsWith(positionPrefix(dir, 12, 9)));
    CHECK_THAT(error, Contains("overlaps window \"a\"") && Contains("on sun"));
  }
}

TEST_CASE("a window's start must be before its end and none crosses midnight") {
  TempDir dir;
  SECTION("equal") {
    auto error =
        loadError(dir, kHead + "[[window]]\nid = \"w\"\nstart = \"06:00\"\nend = \"06:00\"\n");
    CHECK_THAT(error, StartsWith(positionPrefix(dir, 8, 7)));
    CHECK_THAT(
        error,
        Contains("window \"w\": start 06:00 is not before end 06:00 (expected start < end)"));
  }
  SECTION("across midnight") {
    auto error =
        loadError(dir, kHead + "[[window]]\nid = \"night\"\nstart = \"22:00\"\nend = \"02:00\"\n");
    CHECK_THAT(error, StartsWith(positionPrefix(dir, 8, 7)));
    CHECK_THAT(error,
               Contains("may not cross midnight: split it into 22:00-24:00 and 00:00-02:00"));
  }
}

TEST_CASE("times must be HH:MM and days mon..sun") {
  TempDir dir;
  SECTION("one-digit hour") {
    auto error =
        loadError(dir, kHead + "[[window]]\nid = \"w\"\nstart = \"6:00\"\nend = \"07:00\"\n");
    CHECK_THAT(error, StartsWith(positionPrefix(dir, 7, 9)));
    CHECK_THAT(
        error,
        Contains("window \"w\": start \"6:00\" is not a valid time of day (expected \"HH:MM\""));
  }
  SECTION("hour 25") {
    auto error =
        loadError(dir, kHead + "[[window]]\nid = \"w\"\nstart = \"06:00\"\nend = \"25:00\"\n");
    CHECK_THAT(error, StartsWith(positionPrefix(dir, 8, 7)));
    CHECK_THAT(error, Contains("end \"25:00\" is not a valid time of day"));
  }
  SECTION("a day name") {
    auto error = loadError(dir, kHead +
                                    "[[window]]\nid = \"w\"\nstart = \"06:00\"\nend = "
                                    "\"07:00\"\ndays = [\"mon\", \"tues\"]\n");
    CHECK_THAT(error, StartsWith(positionPrefix(dir, 9, 16)));
    CHECK_THAT(
        error,
        Contains(
            "window \"w\": invalid day \"tues\" (expected mon, tue, wed, thu, fri, sat or sun)"));
  }
}

TEST_CASE("the time zone must be a known IANA name") {
  TempDir dir;
  auto error = loadError(dir, "[station]\nname = \"X\"\ntimezone = \"Asia/Hanoi_City\"\n" + kBody);
  CHECK_THAT(error, StartsWith(positionPrefix(dir, 3, 12)));
  CHECK_THAT(error,
             Contains("unknown time zone \"Asia/Hanoi_City\"") && Contains("Asia/Ho_Chi_Minh"));
}

TEST_CASE("the data directory must be creatable and writable") {
  TempDir dir;
  writeFile(dir / "blocker", "a file, not a directory");
  SECTION("cannot be created") {
    auto error = loadError(dir, "[station]\nname = \"X\"\ndata_dir = \"blocker/data\"\n" + kBody);
    CHECK_THAT(error, StartsWith(positionPrefix(dir, 3, 12)));
    CHECK_THAT(error, Contains("data directory \"" + (dir / "blocker" / "data").string() +
                               "\" ([station].data_dir) cannot be created"));
  }
  SECTION("not a directory") {
    auto error = loadError(dir, "[station]\nname = \"X\"\ndata_dir = \"blocker\"\n" + kBody);
    CHECK_THAT(error, StartsWith(positionPrefix(dir, 3, 12)));
    CHECK_THAT(error, Contains("([station].data_dir) exists but is not a directory"));
  }
  SECTION("from --data-dir, at [station]") {
    auto file = dir / "wardcast.toml";
    writeFile(file, "\n[station]\nname = \"X\"\n" + kBody);
    try {
      loadStationConfig(file, dir / "blocker" / "sub");
      FAIL("loaded with an impossible --data-dir");
    } catch (const ConfigError& e) {
      CHECK_THAT(e.what(), StartsWith(positionPrefix(dir, 2, 1)));
      CHECK_THAT(e.what(), Contains("(from --data-dir) cannot be created"));
    }
  }
  SECTION("not writable") {
    fs::create_directories(dir / "ro");
    fs::permissions(dir / "ro", fs::perms::owner_read | fs::perms::owner_exec |
                                    fs::perms::group_read | fs::perms::group_exec |
                                    fs::perms::others_read | fs::perms::others_exec);
    std::string text = "[station]\nname = \"X\"\ndata_dir = \"ro\"\n" + kBody;
    // Root may write anywhere, so as root the load runs as "nobody".
    auto error = loadErrorAsNobody(dir, text);
    CHECK_THAT(error, StartsWith(positionPrefix(dir, 3, 12)));
    CHECK_THAT(error, Contains("([station].data_dir) is not writable"));
  }
}

TEST_CASE("outputs must use a known scheme and be well formed") {
  TempDir dir;
  auto withOutput = [&](const std::string& uri) {
    return kHead +
           "[[channel]]\nid = \"c\"\nkind = \"loudspeaker\"\noutputs = [\"alsa://default\", \"" +
           uri + "\"]\n";
  };
  SECTION("unknown scheme") {
    auto error = loadError(dir, withOutput("ftp://127.0.0.1/x"));
    CHECK_THAT(error, StartsWith(positionPrefix(dir, 8, 30)));
    CHECK_THAT(error,
               Contains("channel \"c\": output \"ftp://127.0.0.1/x\": unknown scheme \"ftp\" "
                        "(expected one of rtp, icecast, alsa, srt, rtsp, display, file)"));
  }
  SECTION("rtp without a port") {
    auto error = loadError(dir, withOutput("rtp://127.0.0.1"));
    CHECK_THAT(error, StartsWith(positionPrefix(dir, 8, 30)));
    CHECK_THAT(error, Contains("rtp:// needs a port (HOST:PORT)"));
  }
  SECTION("an unknown option") {
    auto error = loadError(dir, withOutput("rtp://127.0.0.1:5004?codc=opus"));
    CHECK_THAT(error, Contains("unknown option \"codc\" for rtp://"));
  }
  SECTION("a display on a loudspeaker") {
    auto error = loadError(dir, withOutput("display://"));
    CHECK_THAT(error, StartsWith(positionPrefix(dir, 8, 30)));
    CHECK_THAT(error, Contains("display:// outputs are for led channels only"));
  }
  SECTION("a malformed amplifier") {
    auto error =
        loadError(dir, channelWith("loudspeaker", "amplifier = \"modbus-tcp://127.0.0.1:1502\"\n"));
    CHECK_THAT(error, StartsWith(positionPrefix(dir, 9, 13)));
    CHECK_THAT(error, Contains("needs the option coil=N"));
  }
}

TEST_CASE("a channel's kind is loudspeaker or led with LED keys only on LEDs") {
  TempDir dir;
  SECTION("unknown kind") {
    auto error = loadError(
        dir,
        kHead + "[[channel]]\nid = \"c\"\nkind = \"speaker\"\noutputs = [\"alsa://default\"]\n");
    CHECK_THAT(error, StartsWith(positionPrefix(dir, 7, 8)));
    CHECK_THAT(
        error,
        Contains(
            "channel \"c\": kind \"speaker\" is not known (expected \"loudspeaker\" or \"led\")"));
  }
  SECTION("LED resolution not WxH") {
    auto error = loadError(dir, channelWith("led", "resolution = \"1920*1080\"\n"));
    CHECK_THAT(error, StartsWith(positionPrefix(dir, 9, 14)));
    CHECK_THAT(
        error,
        Contains(
            "channel \"c\": resolution \"1920*1080\" is malformed (expected \"WIDTHxHEIGHT\""));
  }
  SECTION("resolution on a loudspeaker") {
    auto error = loadError(dir, channelWith("loudspeaker", "resolution = \"1920x1080\"\n"));
    CHECK_THAT(error, StartsWith(positionPrefix(dir, 9, 14)));
    CHECK_THAT(error, Contains("resolution applies only to kind = \"led\""));
  }
  SECTION("an id that would clash with group:/kind: targets") {
    auto error = loadError(
        dir, kHead + "[[channel]]\nid = \"group:x\"\nkind = \"led\"\noutputs = [\"display://\"]\n");
    CHECK_THAT(error, StartsWith(positionPrefix(dir, 6, 6)));
    CHECK_THAT(error, Contains("channel id \"group:x\" is invalid"));
  }
}

TEST_CASE("relay targets must reach a channel and spans be HH:MM-HH:MM") {
  TempDir dir;
  auto relay = [&](const std::string& target, const std::string& at) {
    return kHead + kBody +
           "[[relay]]\nsource = \"http://127.0.0.1:8000/province.mp3\"\n"
           "targets = [\"ward\", \"" +
           target + "\"]\nat = [\"" + at + "\"]\n";
  };
  SECTION("a group with no channel") {
    auto error = loadError(dir, relay("group:wrd", "05:30-06:00"));
    CHECK_THAT(error, StartsWith(positionPrefix(dir, 18, 20)));
    CHECK_THAT(error, Contains("[[relay]] #1: target \"group:wrd\" matches no channel") &&
                          Contains("groups: ward"));
  }
  SECTION("an unknown kind") {
    auto error = loadError(dir, relay("kind:radio", "05:30-06:00"));
    CHECK_THAT(error, StartsWith(positionPrefix(dir, 18, 20)));
    CHECK_THAT(error, Contains("target \"kind:radio\" matches no channel"));
  }
  SECTION("a malformed span") {
    auto error = loadError(dir, relay("ward", "05:30 to 06:00"));
    CHECK_THAT(error, StartsWith(positionPrefix(dir, 19, 7)));
    CHECK_THAT(error, Contains("at \"05:30 to 06:00\" is malformed (expected \"HH:MM-HH:MM\""));
  }
  SECTION("a span that ends before it starts") {
    auto error = loadError(dir, relay("ward", "06:00-05:30"));
    CHECK_THAT(error, StartsWith(positionPrefix(dir, 19, 7)));
    CHECK_THAT(error, Contains("start 06:00 is not before end 05:30"));
  }
}

TEST_CASE("numbers must be in a sane range") {
  TempDir dir;
  SECTION("loudness") {
    auto error = loadError(dir, "[station]\nname = \"X\"\nloudness_lufs = -60.0\n" + kBody);
    CHECK_THAT(error, StartsWith(positionPrefix(dir, 3, 17)));
    CHECK_THAT(
        error,
        Contains("[station]: loudness_lufs = -60 is out of range (expected -40 to -5 LUFS)"));
  }
  SECTION("emergency repeat") {
    auto error = loadError(dir, kHead + kBody + "[emergency]\nrepeat = 0\n");
    CHECK_THAT(error, StartsWith(positionPrefix(dir, 17, 10)));
    CHECK_THAT(error, Contains("[emergency]: repeat = 0 is out of range (expected 1 to 20)"));
  }
}

TEST_CASE("the API listen address must be HOST:PORT and TLS needs cert and key") {
  TempDir dir;
  SECTION("listen without a port") {
    auto error = loadError(dir, kHead + kBody + "[api]\nlisten = \"127.0.0.1\"\n");
    CHECK_THAT(error, StartsWith(positionPrefix(dir, 17, 10)));
    CHECK_THAT(error, Contains("[api]: listen = \"127.0.0.1\" is malformed (expected HOST:PORT"));
  }
  SECTION("port out of range") {
    auto error = loadError(dir, kHead + kBody + "[api]\nlisten = \"127.0.0.1:70000\"\n");
    CHECK_THAT(error, StartsWith(positionPrefix(dir, 17, 10)));
  }
  SECTION("certificate without key") {
    auto error = loadError(
        dir, kHead + kBody + "[api]\nlisten = \"127.0.0.1:8443\"\ntls_cert = \"cert.pem\"\n");
    CHECK_THAT(error, StartsWith(positionPrefix(dir, 18, 12)));
    CHECK_THAT(error, Contains("[api]: tls_cert is set but tls_key is not"));
  }
}

TEST_CASE("emergency areas must name groups that channels have") {
  TempDir dir;
  auto error = loadError(dir, kHead + kBody +
                                  "[emergency]\n[[emergency.area]]\narea = \"Phường Hương "
                                  "Trà\"\ngroups = [\"ward\", \"wards\"]\n");
  CHECK_THAT(error, StartsWith(positionPrefix(dir, 19, 19)));
  CHECK_THAT(error, Contains("[[emergency.area]] \"Phường Hương Trà\": group \"wards\" is on no "
                             "channel (groups: ward)"));
}
