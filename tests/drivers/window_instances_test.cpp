// Window instances: local wall-clock windows of a channel -> UTC instants,
// on ordinary days and on the days the clock changes (a day of 23 and one of
// 25 hours), for the amplifier (drivers::windowInstances) and the planner
// (planner::buildPlanChannels), which must agree: the amplifier is on while
// the planner's windows are open.
#include <catch2/catch.hpp>

#include "drivers/window_instances.hpp"
#include "scheduler/quota_period.hpp"
#include "scheduler/window_instances.hpp"

using namespace wardcast;
using namespace wardcast::drivers;
using namespace std::chrono;
using namespace std::chrono_literals;

namespace {

SysMillis utc(int y, unsigned m, unsigned d, int hh, int mm) {
  return sys_days(year(y) / month(m) / day(d)) + hours(hh) + minutes(mm);
}

const std::vector<unsigned> kAllDays = {1, 2, 3, 4, 5, 6, 7};

// A station with one loudspeaker channel "ward" that has `windows`, every day.
StationConfig stationWith(std::vector<Window> windows) {
  StationConfig config;
  Channel ward;
  ward.id = "ward";
  for (auto& w : windows) {
    w.days = kAllDays;
    ward.windows.push_back(w.id);
  }
  config.windows = std::move(windows);
  config.channels = {ward};
  return config;
}

TimeZone zone(const std::string& name) {
  auto loaded = TimeZone::load(name);
  REQUIRE(loaded.ok());
  return *loaded;
}

// The amplifier's instances of window `id` on local date `date`, after
// checking that the planner sees exactly the same instants for it.
std::vector<WindowInstance> instancesOf(const StationConfig& config, const TimeZone& tz, Date date,
                                        const std::string& id) {
  StationConfig one = config;
  one.channels[0].windows = {id};
  auto amplifier = windowInstances(one, one.channels[0], tz, date, date);
  const auto day = planner::toDayNumber(date);
  auto planned = planner::buildPlanChannels(one, tz, day, day);
  REQUIRE(planned.size() == 1);
  REQUIRE(planned[0].windows.size() == amplifier.size());
  for (std::size_t i = 0; i < amplifier.size(); ++i) {
    INFO("window " << id << " on " << formatDate(date) << " in " << tz.name());
    CHECK(planned[0].windows[i].start_ms == amplifier[i].start.time_since_epoch().count());
    CHECK(planned[0].windows[i].end_ms == amplifier[i].end.time_since_epoch().count());
  }
  return amplifier;
}

}  // namespace

TEST_CASE("window instances are the channel's windows on their days, in UTC",
          "[drivers][windows]") {
  StationConfig config;
  config.windows = {{"morning", 6h, 6h + 30min, {1, 2, 3, 4, 5}},
                    {"evening", 17h, 17h + 30min, {1, 2, 3, 4, 5, 6, 7}},
                    {"night", 23h, 1h, {6}}};
  Channel ward;
  ward.id = "ward";
  ward.windows = {"evening", "morning", "night"};
  auto zone = TimeZone::load("Asia/Ho_Chi_Minh");
  REQUIRE(zone.ok());
  // Friday 2026-05-01 and Saturday 2026-05-02, UTC+7.
  auto instances = windowInstances(config, ward, *zone, year(2026) / 5 / 1, year(2026) / 5 / 2);
  REQUIRE(instances.size() == 4);
  CHECK(instances[0].start == utc(2026, 4, 30, 23, 0));  // Fri 06:00
  CHECK(instances[0].end == utc(2026, 4, 30, 23, 30));
  CHECK(instances[1].start == utc(2026, 5, 1, 10, 0));  // Fri 17:00
  CHECK(instances[2].start == utc(2026, 5, 2, 10, 0));  // Sat 17:00 (no morning)
  CHECK(instances[3].start == utc(2026, 5, 2, 16, 0));  // Sat 23:00 ...
  CHECK(instances[3].end == utc(2026, 5, 2, 18, 0));    // ... to Sun 01:00
}

// Europe/Berlin, Sunday 2026-03-29: at 02:00 CET (01:00 UTC) the clock jumps
// to 03:00 CEST; the day has 23 hours. Decision (TimeZone::toInstant): a
// window is open while the clock reads a time inside it, so a window that
// starts at 02:30, a time the clock never shows that day, opens at the jump.
TEST_CASE("spring-forward: a 23-hour day, and a window starting in the skipped hour opens at the change",
          "[drivers][windows][dst]") {
  auto config = stationWith({{"allday", 0h, 24h, {}},
                             {"night", 2h + 30min, 3h + 30min, {}},
                             {"skipped", 2h + 10min, 2h + 50min, {}},
                             {"across", 1h, 4h, {}},
                             {"morning", 6h, 6h + 30min, {}}});
  const auto berlin = zone("Europe/Berlin");
  const Date sunday = year(2026) / 3 / 29;

  auto allday = instancesOf(config, berlin, sunday, "allday");
  REQUIRE(allday.size() == 1);
  CHECK(allday[0].start == utc(2026, 3, 28, 23, 0));  // 00:00 CET
  CHECK(allday[0].end == utc(2026, 3, 29, 22, 0));    // 24:00 CEST
  CHECK(allday[0].end - allday[0].start == 23h);

  auto night = instancesOf(config, berlin, sunday, "night");
  REQUIRE(night.size() == 1);
  CHECK(night[0].start == utc(2026, 3, 29, 1, 0));  // the jump: 03:00 CEST
  CHECK(night[0].end == utc(2026, 3, 29, 1, 30));   // 03:30 CEST
  CHECK(berlin.formatIso(night[0].start) == "2026-03-29T03:00:00+02:00");

  // 02:10-02:50 is never on the clock that day: no window, for the amplifier
  // or the planner (not an empty one).
  CHECK(instancesOf(config, berlin, sunday, "skipped").empty());

  auto across = instancesOf(config, berlin, sunday, "across");
  REQUIRE(across.size() == 1);
  CHECK(across[0].start == utc(2026, 3, 29, 0, 0));  // 01:00 CET
  CHECK(across[0].end == utc(2026, 3, 29, 2, 0));    // 04:00 CEST
  CHECK(across[0].end - across[0].start == 2h);

  // The same 06:00 window is an hour earlier in UTC after the change.
  CHECK(instancesOf(config, berlin, year(2026) / 3 / 28, "morning").at(0).start == utc(2026, 3, 28, 5, 0));
  CHECK(instancesOf(config, berlin, sunday, "morning").at(0).start == utc(2026, 3, 29, 4, 0));
  CHECK(instancesOf(config, berlin, year(2026) / 3 / 30, "morning").at(0).start == utc(2026, 3, 30, 4, 0));
}

TEST_CASE("spring-forward in America/New_York: 02:30 on 2026-03-08 opens at 03:00 EDT",
          "[drivers][windows][dst]") {
  auto config = stationWith({{"night", 2h + 30min, 4h, {}}});
  auto night = instancesOf(config, zone("America/New_York"), year(2026) / 3 / 8, "night");
  REQUIRE(night.size() == 1);
  CHECK(night[0].start == utc(2026, 3, 8, 7, 0));  // 02:00 EST = 03:00 EDT
  CHECK(night[0].end == utc(2026, 3, 8, 8, 0));    // 04:00 EDT
}

// America/New_York, Sunday 2026-11-01: at 02:00 EDT (06:00 UTC) the clock
// goes back to 01:00 EST; 01:00-01:59 occurs twice and the day has 25
// hours. Decision: a time that occurs twice is its first occurrence (EDT),
// so a window is never opened twice on one day.
TEST_CASE("fall-back: a 25-hour day, and 01:30, which occurs twice, is its first occurrence",
          "[drivers][windows][dst]") {
  auto config = stationWith({{"allday", 0h, 24h, {}},
                             {"repeat", 1h + 30min, 2h + 30min, {}},
                             {"once", 1h, 1h + 45min, {}},
                             {"morning", 6h, 6h + 30min, {}},
                             {"late", 23h, 1h + 30min, {}}});
  const auto new_york = zone("America/New_York");
  const Date sunday = year(2026) / 11 / 1;

  auto allday = instancesOf(config, new_york, sunday, "allday");
  REQUIRE(allday.size() == 1);
  CHECK(allday[0].start == utc(2026, 11, 1, 4, 0));  // 00:00 EDT
  CHECK(allday[0].end == utc(2026, 11, 2, 5, 0));    // 24:00 EST
  CHECK(allday[0].end - allday[0].start == 25h);

  // 01:30 EDT to 02:30 EST: the clock reads 01:30..02:30 for two hours.
  auto repeat = instancesOf(config, new_york, sunday, "repeat");
  REQUIRE(repeat.size() == 1);
  CHECK(repeat[0].start == utc(2026, 11, 1, 5, 30));
  CHECK(new_york.formatIso(repeat[0].start) == "2026-11-01T01:30:00-04:00");
  CHECK(repeat[0].end == utc(2026, 11, 1, 7, 30));
  CHECK(repeat[0].end - repeat[0].start == 2h);

  // 01:00-01:45 airs once, in EDT, and not again at 01:00 EST.
  auto once = instancesOf(config, new_york, sunday, "once");
  REQUIRE(once.size() == 1);
  CHECK(once[0].start == utc(2026, 11, 1, 5, 0));
  CHECK(once[0].end == utc(2026, 11, 1, 5, 45));

  CHECK(instancesOf(config, new_york, year(2026) / 10 / 31, "morning").at(0).start == utc(2026, 10, 31, 10, 0));
  CHECK(instancesOf(config, new_york, sunday, "morning").at(0).start == utc(2026, 11, 1, 11, 0));

  // A window past midnight into the 25-hour day ends at the first 01:30.
  auto late = instancesOf(config, new_york, year(2026) / 10 / 31, "late");
  REQUIRE(late.size() == 1);
  CHECK(late[0].start == utc(2026, 11, 1, 3, 0));   // Sat 23:00 EDT
  CHECK(late[0].end == utc(2026, 11, 1, 5, 30));    // Sun 01:30 EDT
}

TEST_CASE("fall-back in Europe/Berlin: 2026-10-25 has 25 hours and 02:30 is CEST",
          "[drivers][windows][dst]") {
  auto config = stationWith({{"allday", 0h, 24h, {}}, {"night", 2h + 30min, 3h, {}}});
  const auto berlin = zone("Europe/Berlin");
  const Date sunday = year(2026) / 10 / 25;
  auto allday = instancesOf(config, berlin, sunday, "allday");
  REQUIRE(allday.size() == 1);
  CHECK(allday[0].end - allday[0].start == 25h);
  auto night = instancesOf(config, berlin, sunday, "night");
  REQUIRE(night.size() == 1);
  CHECK(night[0].start == utc(2026, 10, 25, 0, 30));  // 02:30 CEST, the first
  CHECK(night[0].end == utc(2026, 10, 25, 2, 0));     // 03:00 CET
}
