// loadCampaignFile: every kind of error is reported with its line, and a
// good file loads into the model the planner uses.
#include <catch2/catch.hpp>

#include "content/plan_import/campaign.hpp"
#include "tests/support/test_support.hpp"

using namespace wardcast;
using wardcast::test::TempDir;
using wardcast::test::writeFile;

namespace {

const char* kGood = R"(# a reviewed campaign
[campaign]
id = "kstthc-2026"
title = "Kiểm soát thủ tục hành chính năm 2026"
issuer = "UBND phường Hương Trà"
start = 2026-04-15
end = 2026-12-31
source = "huong-tra-2026.txt"

[[topic]]
id = "mot-cua"
title = "Cơ chế một cửa, một cửa liên thông"
section = "III.1.a"
priority = 2
audiences = ["elderly"]
end = 2026-10-30
  [[topic.quota]]
  target = "kind:loudspeaker"
  plays = 3
  per = "week"
  windows = ["morning", "evening"]
  min_gap = "1d"
  [[topic.quota]]
  target = "led-sanh"
  plays = 1
  per = "day"

[[topic]]
id = "dvc"
title = "Dịch vụ công trực tuyến"
  [[topic.quota]]
  target = "group:ward"
)";

StationConfig demoStation() {
  StationConfig station;
  const std::vector<unsigned> every_day{1, 2, 3, 4, 5, 6, 7};  // as the loader fills a window without days
  station.windows = {Window{"morning", {}, {}, every_day}, Window{"evening", {}, {}, every_day},
                     Window{"allday", {}, {}, every_day}};
  Channel ward;
  ward.id = "ward";
  ward.groups = {"ward"};
  ward.windows = {"morning", "evening"};
  Channel led;
  led.id = "led-sanh";
  led.kind = ChannelKind::kLed;
  led.groups = {"centre"};
  led.windows = {"allday"};
  station.channels = {ward, led};
  return station;
}

// Loads `text` and returns the error message ("" when it loads).
std::string errorOf(const std::string& text, const StationConfig* station = nullptr) {
  TempDir dir;
  auto file = dir / "c.toml";
  writeFile(file, text);
  try {
    loadCampaignFile(file, station);
  } catch (const CampaignError& e) {
    std::string what = e.what();
    auto prefix = file.string() + ":";
    REQUIRE(what.rfind(prefix, 0) == 0);
    return what.substr(prefix.size());
  }
  return "";
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("a well-formed campaign file loads into the model") {
  TempDir dir;
  writeFile(dir / "c.toml", kGood);
  auto station = demoStation();
  Campaign c = loadCampaignFile(dir / "c.toml", &station);
  CHECK(c.id == "kstthc-2026");
  CHECK(c.issuer == "UBND phường Hương Trà");
  CHECK(formatDate(c.start) == "2026-04-15");
  CHECK(formatDate(c.end) == "2026-12-31");
  REQUIRE(c.topics.size() == 2);
  const Topic& t = c.topics[0];
  CHECK(t.section == "III.1.a");
  CHECK(t.priority == 2);
  CHECK(t.audiences == std::vector<std::string>{"elderly"});
  REQUIRE(t.end);
  CHECK(formatDate(*t.end) == "2026-10-30");
  REQUIRE(t.quotas.size() == 2);
  CHECK(t.quotas[0].plays == 3);
  CHECK(t.quotas[0].per == QuotaPeriod::kWeek);
  CHECK(t.quotas[0].min_gap == std::chrono::minutes(24 * 60));
  CHECK(t.quotas[0].windows == std::vector<std::string>{"morning", "evening"});
  CHECK(t.quotas[1].per == QuotaPeriod::kDay);
  CHECK(c.topics[1].priority == 3);
  CHECK(c.topics[1].quotas[0].plays == 1);
}

TEST_CASE("syntax errors carry the line and column of toml++") {
  auto err = errorOf(replaced(kGood, "plays = 3", "plays = = 3"));
  CHECK(err.rfind("19:", 0) == 0);
}

TEST_CASE("unknown keys are errors at the key's position") {
  CHECK(errorOf(replaced(kGood, "issuer =", "isuer =")).rfind("5:1: unknown key 'isuer'", 0) == 0);
  CHECK(errorOf(replaced(kGood, "  min_gap", "  mingap")).rfind("22:3: unknown key 'mingap'", 0) == 0);
  CHECK(errorOf(std::string(kGood) + "[extra]\n").find("unknown key 'extra'") != std::string::npos);
}

TEST_CASE("duplicate topic ids are reported at the second one") {
  auto err = errorOf(replaced(kGood, "id = \"dvc\"", "id = \"mot-cua\""));
  CHECK(err.rfind("29:6: duplicate topic id 'mot-cua'", 0) == 0);
}

TEST_CASE("bad dates and a start after the end are errors") {
  CHECK(errorOf(replaced(kGood, "start = 2026-04-15", "start = \"2026-02-30\"")).rfind("6:9: 'start' is not a valid date", 0) == 0);
  CHECK(errorOf(replaced(kGood, "start = 2026-04-15", "start = 15")).rfind("6:9:", 0) == 0);
  CHECK(errorOf(replaced(kGood, "start = 2026-04-15", "start = 2027-01-01")).rfind("6:9: campaign start 2027-01-01 is after its end", 0) == 0);
  CHECK(errorOf(replaced(kGood, "end = 2026-10-30", "end = 2027-10-30")).rfind("16:7: topic end 2027-10-30 is outside", 0) == 0);
  CHECK(errorOf(replaced(kGood, "end = 2026-12-31", "")).find("[campaign] needs 'end'") != std::string::npos);
}

TEST_CASE("quota fields: plays, period, gap") {
  CHECK(errorOf(replaced(kGood, "plays = 3", "plays = 0")).rfind("19:11: 'plays' must be an integer of at least 1", 0) == 0);
  CHECK(errorOf(replaced(kGood, "per = \"week\"", "per = \"fortnight\"")).rfind("20:9: unknown period 'fortnight'", 0) == 0);
  CHECK(errorOf(replaced(kGood, "min_gap = \"1d\"", "min_gap = \"1 day\"")).rfind("22:13: bad min_gap '1 day'", 0) == 0);
  CHECK(errorOf(replaced(kGood, "min_gap = \"1d\"", "min_gap = \"4d\"")).find("17:3: 3 plays per week cannot be 4d apart") != std::string::npos);
  CHECK(errorOf(replaced(kGood, "target = \"kind:loudspeaker\"", "target = \"kind:radio\"")).rfind("18:12: unknown channel kind", 0) == 0);
}

TEST_CASE("every error in a file is reported, one per line") {
  auto text = replaced(replaced(kGood, "plays = 3", "plays = 0"), "per = \"day\"", "per = \"daily\"");
  auto err = errorOf(text);
  CHECK(err.find("19:11:") != std::string::npos);
  CHECK(err.find("26:9: unknown period 'daily'") != std::string::npos);
}

TEST_CASE("with a station, targets must name channels and windows must be theirs") {
  auto station = demoStation();
  CHECK(errorOf(kGood, &station).empty());
  CHECK(errorOf(replaced(kGood, "target = \"group:ward\"", "target = \"group:thon-1\""), &station)
            .rfind("32:12: target 'group:thon-1' resolves to no channel", 0) == 0);
  CHECK(errorOf(replaced(kGood, "\"morning\", \"evening\"", "\"morning\", \"noon\""), &station)
            .rfind("21:25: window 'noon' is not declared", 0) == 0);
  CHECK(errorOf(replaced(kGood, "\"morning\", \"evening\"", "\"morning\", \"allday\""), &station)
            .rfind("21:25: window 'allday' is not used by any channel of target 'kind:loudspeaker'", 0) == 0);
  // Without a station the same file is fine: nothing to resolve against.
  CHECK(errorOf(replaced(kGood, "target = \"group:ward\"", "target = \"group:thon-1\"")).empty());
}

TEST_CASE("gaps and periods parse and print") {
  CHECK(parseGap("30m") == std::chrono::minutes(30));
  CHECK(parseGap("12h") == std::chrono::minutes(720));
  CHECK(parseGap("2w") == std::chrono::minutes(2 * 7 * 24 * 60));
  CHECK(parseGap("1h30m") == std::chrono::minutes(90));
  CHECK(parseGap("0") == std::chrono::minutes(0));
  CHECK_FALSE(parseGap(""));
  CHECK_FALSE(parseGap("5"));
  CHECK_FALSE(parseGap("1y"));
  CHECK_FALSE(parseGap("-1d"));
  for (auto p : {QuotaPeriod::kDay, QuotaPeriod::kWeek, QuotaPeriod::kMonth, QuotaPeriod::kQuarter, QuotaPeriod::kCampaign})
    CHECK(parseQuotaPeriod(toString(p)) == p);
  CHECK_FALSE(parseQuotaPeriod("year"));
}

TEST_CASE("a missing file is an error naming it") {
  TempDir dir;
  CHECK_THROWS_WITH(loadCampaignFile(dir / "none.toml"), Catch::Contains("none.toml:1:1: cannot read"));
}

TEST_CASE("a topic's start and a quota's days load, and their errors point at them") {
  auto text = replaced(replaced(kGood, "end = 2026-10-30", "start = 2026-05-01\nend = 2026-10-30"),
                       "  min_gap = \"1d\"", "  min_gap = \"1d\"\n  days = [\"sat\", \"mon\", \"sun\"]");
  TempDir dir;
  writeFile(dir / "c.toml", text);
  auto station = demoStation();
  Campaign c = loadCampaignFile(dir / "c.toml", &station);
  REQUIRE(c.topics.size() == 2);
  CHECK(formatDate(*c.topics[0].start) == "2026-05-01");
  CHECK_FALSE(c.topics[1].start.has_value());
  CHECK(c.topics[0].quotas[0].days == std::vector<unsigned>{1, 6, 7});  // sorted, ISO numbers
  CHECK(c.topics[0].quotas[1].days.empty());                           // every day

  CHECK(errorOf(replaced(text, "start = 2026-05-01", "start = 2026-01-01")).rfind("16:9: topic start 2026-01-01 is outside", 0) == 0);
  CHECK(errorOf(replaced(text, "start = 2026-05-01", "start = 2026-11-01")).rfind("16:9: topic start 2026-11-01 is after its end 2026-10-30", 0) == 0);
  CHECK(errorOf(replaced(text, "\"sat\", \"mon\"", "\"sat\", \"monday\"")).rfind("24:18: unknown day 'monday' in 'days'", 0) == 0);
  // Three plays a week a day apart do not fit between Saturday and Sunday.
  CHECK(errorOf(replaced(text, "\"sat\", \"mon\", \"sun\"", "\"sat\", \"sun\"")).find("3 plays per week cannot be 1d apart") != std::string::npos);
}

TEST_CASE("with a station, a quota's days must meet a day its windows are open") {
  auto station = demoStation();
  station.windows[0].days = {1, 2, 3, 4, 5};  // morning: working days
  station.windows[1].days = {1, 2, 3, 4, 5};  // evening: working days
  auto text = replaced(kGood, "  min_gap = \"1d\"", "  min_gap = \"1d\"\n  days = [\"sat\", \"sun\"]");
  text = replaced(text, "plays = 3", "plays = 2");
  CHECK(errorOf(text, &station).rfind("23:10: no window of target 'kind:loudspeaker' opens on the quota's days", 0) == 0);
  station.windows[1].days = {6, 7};  // evening on weekends
  CHECK(errorOf(text, &station).empty());
}
