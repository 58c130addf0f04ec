// End to end: users, bulletins (TTS and recorded), approval, a campaign file,
// `plan check`, `plan apply`, `schedule show|export`, `pin`, re-apply, and
// the errors a user can make. Runs the built `wardcast` in a TempDir.
#include <libical/ical.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "tests/support/test_support.hpp"

using namespace wardcast::test;
using Catch::Contains;
using nlohmann::json;

namespace {

constexpr const char* kStation = R"toml(
[station]
name = "Phường thử lịch"
timezone = "Asia/Ho_Chi_Minh"
data_dir = "data"
tts_voice = "vi"
tts_rate_wpm = 160

[[window]]
id = "morning"
start = "06:00"
end = "06:30"
days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

[[window]]
id = "evening"
start = "18:00"
end = "18:30"
days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

[[channel]]
id = "ward"
name = "Toàn phường"
kind = "loudspeaker"
groups = ["ward"]
windows = ["morning", "evening"]
outputs = ["file:rec/ward.ogg"]

[[channel]]
id = "to-1"
name = "Tổ dân phố 1"
kind = "loudspeaker"
groups = ["ward"]
windows = ["morning", "evening"]
outputs = ["file:rec/to-1.ogg"]

[[channel]]
id = "to-2"
name = "Tổ dân phố 2"
kind = "loudspeaker"
groups = ["ward"]
windows = ["morning", "evening"]
outputs = ["file:rec/to-2.ogg"]

[[channel]]
id = "led"
name = "Màn hình LED"
kind = "led"
groups = ["centre"]
windows = ["morning", "evening"]
outputs = ["file:rec/led.mkv"]

# Overlaps the end of the morning window: the relay takes what the plan
# leaves free from 06:20 to 07:00 on the loudspeakers (not on the screen).
[[relay]]
source = "http://127.0.0.1:1/province.mp3"
targets = ["group:ward", "led"]
at = ["06:20-07:00"]
)toml";

constexpr const char* kRelaySource = "http://127.0.0.1:1/province.mp3";

// Week of 2027-01-04 (Mon) to 2027-01-10. The commands read "now" from
// WARDCAST_NOW (kNow, the Friday before), so the week always lies ahead,
// whatever the date on the machine that runs the test.
constexpr const char* kCampaign = R"toml([campaign]
id = "thu-2027"
title = "Tuyên truyền thử"
issuer = "UBND phường"
start = 2027-01-01
end = 2027-03-31

[[topic]]
id = "mot-cua"
title = "Một cửa"
priority = 2
  [[topic.quota]]
  target = "group:ward"
  plays = 1
  per = "day"
  windows = ["morning"]

[[topic]]
id = "dvc"
title = "Dịch vụ công"
  [[topic.quota]]
  target = "kind:loudspeaker"
  plays = 2
  per = "week"
  min_gap = "1d"
  [[topic.quota]]
  target = "led"
  plays = 1
  per = "day"

[[topic]]
id = "coi"
title = "Còi thử"
  [[topic.quota]]
  target = "to-1"
  plays = 3
  per = "day"
)toml";

constexpr const char* kNow = "2027-01-01T08:00:00+07:00";

class Station {
 public:
  Station() {
    writeFile(dir_ / "station.toml", kStation);
    std::filesystem::create_directories(dir_ / "data");
  }
  std::filesystem::path file(const std::string& name) const { return dir_ / name; }
  ProcessResult cli(std::vector<std::string> args, const std::string& now = kNow) const {
    args.insert(args.begin(), {"--config", (dir_ / "station.toml").string(), "--data-dir", (dir_ / "data").string()});
    return runCli(args, std::chrono::seconds(120), {std::string("WARDCAST_NOW=") + now});
  }
  ProcessResult ok(const std::vector<std::string>& args) const {
    auto r = cli(args);
    INFO("wardcast " << Catch::Detail::stringify(args) << "\nstdout: " << r.out << "\nstderr: " << r.err);
    REQUIRE(r.exit_code == 0);
    return r;
  }

 private:
  TempDir dir_;
};

// Users, two TTS bulletins, one recorded tone, all approved: b1 (mot-cua),
// b2 (dvc), b3 (coi, 2.0 s).
void prepare(const Station& s) {
  s.ok({"user", "add", "root", "--role", "admin"});
  s.ok({"--user", "root", "user", "add", "lan", "--role", "editor"});
  s.ok({"--user", "root", "user", "add", "hoa", "--role", "approver"});
  s.ok({"--user", "lan", "bulletin", "add", "--topic", "mot-cua", "--title", "Một cửa", "--text",
        "Bộ phận một cửa của phường làm việc từ thứ hai đến thứ sáu."});
  s.ok({"--user", "lan", "bulletin", "add", "--topic", "dvc", "--title", "Dịch vụ công", "--text",
        "Người dân có thể nộp hồ sơ trực tuyến."});
  auto tone = s.file("tone.wav");
  auto sox = run({"sox", "-n", "-r", "48000", "-c", "1", "-b", "16", tone.string(), "synth", "2", "sine", "880",
                  "gain", "-12"});
  REQUIRE(sox.exit_code == 0);
  s.ok({"--user", "lan", "bulletin", "add", "--topic", "coi", "--title", "Còi", "--audio", tone.string()});
  for (const char* id : {"b1", "b2", "b3"}) s.ok({"--user", "hoa", "approve", id});
}

// Local "2027-01-04T06:00:00+07:00" → ms since epoch (the test's zone is +07:00 always).
long long isoMs(const std::string& iso) {
  REQUIRE(iso.size() >= 25);
  int y = std::stoi(iso.substr(0, 4)), mo = std::stoi(iso.substr(5, 2)), d = std::stoi(iso.substr(8, 2));
  int h = std::stoi(iso.substr(11, 2)), mi = std::stoi(iso.substr(14, 2));
  double sec = std::stod(iso.substr(17, iso.find_first_of("+-Z", 19) - 17));
  REQUIRE(iso.substr(iso.size() - 6) == "+07:00");
  using namespace std::chrono;
  auto days = sys_days(year_month_day(year(y), month(static_cast<unsigned>(mo)), day(static_cast<unsigned>(d))));
  auto local = days.time_since_epoch() + hours(h) + minutes(mi);
  return duration_cast<milliseconds>(local).count() + static_cast<long long>(sec * 1000 + 0.5) - 7LL * 3600 * 1000;
}

std::map<std::string, long long> durationsMs(const Station& s) {
  std::map<std::string, long long> out;
  for (const auto& item : json::parse(s.ok({"bulletin", "list", "--format", "json"}).out)) {
    INFO(item.dump());
    REQUIRE(item.contains("duration_ms"));
    out[item["id"].get<std::string>()] = item["duration_ms"].get<long long>();
  }
  return out;
}

void checkExportShape(const json& doc, const std::map<std::string, long long>& durations) {
  CHECK(doc["station"] == "Phường thử lịch");
  CHECK(doc["timezone"] == "Asia/Ho_Chi_Minh");
  CHECK(doc["from"] == "2027-01-04");
  CHECK(doc["to"] == "2027-01-10");
  REQUIRE(doc["channels"].size() == 4);
  CHECK(doc["channels"][0] == json({{"id", "ward"}, {"kind", "loudspeaker"}, {"groups", {"ward"}}}));
  CHECK(doc["channels"][3]["kind"] == "led");
  // 4 channels × 2 windows × 7 days.
  REQUIRE(doc["windows"].size() == 56);
  std::map<std::string, std::vector<std::pair<long long, long long>>> windows;
  for (const auto& w : doc["windows"])
    windows[w["channel"]].emplace_back(isoMs(w["start"]), isoMs(w["end"]));
  REQUIRE(!doc["entries"].empty());
  std::map<std::string, std::vector<std::pair<long long, long long>>> taken;
  std::map<std::string, std::set<std::string>> relay_days;  // channel -> local days with a relay
  for (const auto& e : doc["entries"]) {
    INFO(e.dump());
    for (const char* key : {"channel", "start", "end", "item", "kind", "topic", "campaign", "pinned"})
      REQUIRE(e.contains(key));
    if (e["kind"] == "relay") {
      long long start = isoMs(e["start"]), end = isoMs(e["end"]);
      std::string day = e["start"].get<std::string>().substr(0, 10);
      CHECK(e["item"] == kRelaySource);
      CHECK(e["channel"] != "led");
      CHECK(start >= isoMs(day + "T06:20:00+07:00"));
      CHECK(end <= isoMs(day + "T07:00:00+07:00"));
      CHECK(end - start >= 60'000);
      for (auto [ts, te] : taken[e["channel"]]) CHECK((end <= ts || te <= start));
      taken[e["channel"]].emplace_back(start, end);
      relay_days[e["channel"]].insert(day);
      continue;
    }
    CHECK(e["kind"] == "bulletin");
    CHECK(e["campaign"] == "thu-2027");
    long long start = isoMs(e["start"]), end = isoMs(e["end"]);
    CHECK(end - start == durations.at(e["item"]));
    bool inside = false;
    for (auto [ws, we] : windows[e["channel"]]) inside = inside || (ws <= start && end <= we);
    CHECK(inside);
    for (auto [ts, te] : taken[e["channel"]]) CHECK((end <= ts || te <= start));
    taken[e["channel"]].emplace_back(start, end);
  }
  for (const auto& f : doc["shortfalls"])
    for (const char* key : {"topic", "target", "period", "required", "scheduled", "reason"}) CHECK(f.contains(key));
  // Every loudspeaker carries the relay every day, around the bulletins.
  for (const char* channel : {"ward", "to-1", "to-2"}) CHECK(relay_days[channel].size() == 7);
}

}  // namespace

TEST_CASE("plan apply, schedule export and pin, end to end") {
  Station s;
  prepare(s);
  auto campaign = s.file("campaign.toml");
  writeFile(campaign, kCampaign);
  s.ok({"plan", "check", campaign.string()});

  auto apply = s.ok({"plan", "apply", campaign.string(), "--from", "2027-01-04", "--to", "2027-01-10"});
  // mot-cua: 7 group plays; dvc: 2 × 3 loudspeakers + 7 on the LED (no clip);
  // coi: 3 a day on to-1 with one item and two windows: 2 a day.
  CHECK_THAT(apply.out, Contains("campaign thu-2027: 2027-01-04 to 2027-01-10:"));
  CHECK_THAT(apply.out, Contains("of 41 required"));
  CHECK_THAT(apply.out, Contains("plays placed"));
  // One line per topic and target: the LED has no clip all week; coi gets
  // 2 of its 3 a day.
  CHECK_THAT(apply.out, Contains("shortfall: topic dvc on led: 0 of 7 plays in 7 periods, 2027-01-04 .. 2027-01-10 "
                                 "(no approved item valid then)"));
  CHECK_THAT(apply.out, Contains("shortfall: topic coi on to-1: 14 of 21 plays in 7 periods, 2027-01-04 .. 2027-01-10"));
  CHECK_THAT(apply.out, !Contains("shortfall: topic mot-cua"));
  // --each-shortfall lists every period, as the JSON export does.
  auto each = s.ok({"plan", "apply", campaign.string(), "--from", "2027-01-04", "--to", "2027-01-10", "--each-shortfall"});
  CHECK_THAT(each.out, Contains("shortfall: topic dvc on led in 2027-01-04: 0 of 1"));
  CHECK_THAT(each.out, Contains("shortfall: topic coi on to-1 in 2027-01-10: 2 of 3"));
  CHECK_THAT(apply.out, !Contains(" 0 relay entries"));

  auto show = s.ok({"schedule", "show", "--date", "2027-01-05"});
  CHECK_THAT(show.out, Contains("ward") && Contains("to-1") && Contains("b1") && Contains("b3"));
  auto show_one = s.ok({"schedule", "show", "--date", "2027-01-05", "--channel", "to-2"});
  CHECK_THAT(show_one.out, !Contains("b3"));
  // Without --date, "today" is the clock's day.
  auto today = s.cli({"schedule", "show"}, "2027-01-05T07:00:00+07:00");
  CHECK(today.exit_code == 0);
  CHECK(today.out == show.out);

  auto durations = durationsMs(s);
  CHECK(durations.at("b3") == 2000);
  auto exported = s.ok({"schedule", "export", "--format", "json", "--from", "2027-01-04", "--to", "2027-01-10"});
  auto doc = json::parse(exported.out);
  checkExportShape(doc, durations);
  // The group play of mot-cua is at the same time on all three loudspeakers.
  std::map<std::string, std::set<std::string>> group_starts;
  for (const auto& e : doc["entries"])
    if (e["topic"] == "mot-cua") group_starts[e["channel"]].insert(e["start"]);
  CHECK(group_starts["ward"].size() == 7);
  CHECK(group_starts["ward"] == group_starts["to-1"]);
  CHECK(group_starts["ward"] == group_starts["to-2"]);

  // Determinism: the same store gives the same bytes.
  auto again = s.ok({"schedule", "export", "--format", "json", "--from", "2027-01-04", "--to", "2027-01-10"});
  CHECK(again.out == exported.out);

  auto ics = s.ok({"schedule", "export", "--format", "ics", "--from", "2027-01-04", "--to", "2027-01-10"});
  icalcomponent* calendar = icalparser_parse_string(ics.out.c_str());
  REQUIRE(calendar != nullptr);
  int events = 0;
  for (icalcomponent* c = icalcomponent_get_first_component(calendar, ICAL_VEVENT_COMPONENT); c != nullptr;
       c = icalcomponent_get_next_component(calendar, ICAL_VEVENT_COMPONENT)) {
    ++events;
    CHECK(icalcomponent_get_uid(c) != nullptr);
    CHECK(icaltime_compare(icalcomponent_get_dtstart(c), icalcomponent_get_dtend(c)) < 0);
  }
  icalcomponent_free(calendar);
  CHECK(events == static_cast<int>(doc["entries"].size()));

  // Pin b3 on to-2 in the evening of 2027-01-06; a re-apply keeps it.
  auto pin = s.ok({"pin", "b3", "--channel", "to-2", "--at", "2027-01-06T18:29"});
  CHECK_THAT(pin.out, Contains("pinned b3 on to-2") && Contains("in evening"));
  s.ok({"plan", "apply", campaign.string(), "--from", "2027-01-04", "--to", "2027-01-10"});
  auto after = json::parse(
      s.ok({"schedule", "export", "--format", "json", "--from", "2027-01-04", "--to", "2027-01-10"}).out);
  checkExportShape(after, durations);
  int pins = 0;
  for (const auto& e : after["entries"])
    if (e["pinned"] == true) {
      ++pins;
      CHECK(e["channel"] == "to-2");
      CHECK(e["item"] == "b3");
      CHECK(e["start"] == "2027-01-06T18:29:00+07:00");  // whole seconds: no milliseconds (SPEC §5)
    }
  CHECK(pins == 1);
  auto last = s.ok({"schedule", "export", "--format", "json", "--from", "2027-01-04", "--to", "2027-01-10"});
  CHECK(last.out == s.ok({"schedule", "export", "--format", "json", "--from", "2027-01-04", "--to", "2027-01-10"}).out);
}

TEST_CASE("plan apply and pin refuse bad input with exit 1") {
  Station s;
  prepare(s);
  auto unknown = s.cli({"pin", "b1", "--channel", "to-9", "--at", "2027-01-06T06:10"});
  CHECK(unknown.exit_code == 1);
  CHECK_THAT(unknown.err, Contains("to-9"));
  auto bad_time = s.cli({"pin", "b1", "--channel", "ward", "--at", "06:10"});
  CHECK(bad_time.exit_code == 1);
  CHECK_THAT(bad_time.err, Contains("--at"));

  auto campaign = s.file("broken.toml");
  std::string text = kCampaign;
  text.replace(text.find("plays = 3"), 9, "plays = \"ba\"");
  writeFile(campaign, text);
  auto apply = s.cli({"plan", "apply", campaign.string(), "--from", "2027-01-04", "--to", "2027-01-10"});
  CHECK(apply.exit_code == 1);
  // "plays = 3" is on line 36 of the file, its value at column 11.
  CHECK_THAT(apply.err, Contains(campaign.string() + ":36:"));
  auto check = s.cli({"plan", "check", campaign.string()});
  CHECK(check.exit_code == 1);
  writeFile(s.file("campaign.toml"), kCampaign);
  auto reversed =
      s.cli({"plan", "apply", s.file("campaign.toml").string(), "--from", "2027-01-10", "--to", "2027-01-04"});
  CHECK(reversed.exit_code == 1);
  CHECK_THAT(reversed.err, Contains("before --from"));

  auto bad_clock = s.cli({"schedule", "show"}, "2027-01-05 07:00");
  CHECK(bad_clock.exit_code == 1);
  CHECK_THAT(bad_clock.err, Contains("WARDCAST_NOW='2027-01-05 07:00' is not an instant"));
}
