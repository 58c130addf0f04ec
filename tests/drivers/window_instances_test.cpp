// Window instances: local wall-clock windows of a channel -> UTC instants.
#include <catch2/catch.hpp>

#include "drivers/window_instances.hpp"

using namespace wardcast;
using namespace wardcast::drivers;
using namespace std::chrono;
using namespace std::chrono_literals;

namespace {

SysMillis utc(int y, unsigned m, unsigned d, int hh, int mm) {
  return sys_days(year(y) / month(m) / day(d)) + hours(hh) + minutes(mm);
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
