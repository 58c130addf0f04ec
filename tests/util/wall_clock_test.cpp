// The instants staff, tests and CAP messages write, and the wall clock that
// WARDCAST_NOW sets (util/wall_clock.hpp).
#include <catch2/catch.hpp>

#include <cstdlib>

#include "util/wall_clock.hpp"

using namespace wardcast;
using namespace std::chrono;

namespace {

SysMillis utc(int y, unsigned mo, unsigned d, int h, int mi, int s = 0, int ms = 0) {
  return time_point_cast<milliseconds>(sys_days(year{y} / month{mo} / day{d}) + hours(h) + minutes(mi) +
                                       seconds(s) + milliseconds(ms));
}

// Sets an environment variable for one scope.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    if (value) ::setenv(name, value, 1);
    else ::unsetenv(name);
  }
  ~ScopedEnv() {
    if (old_) ::setenv(name_, old_->c_str(), 1);
    else ::unsetenv(name_);
  }

 private:
  const char* name_;
  std::optional<std::string> old_;
};

}  // namespace

TEST_CASE("ISO 8601 instants with an offset, as formatIso writes them and CAP sends them") {
  CHECK(parseIsoInstant("2027-01-04T06:00:00+07:00") == utc(2027, 1, 3, 23, 0));
  CHECK(parseIsoInstant("2027-01-04T06:00:00.250+07:00") == utc(2027, 1, 3, 23, 0, 0, 250));
  CHECK(parseIsoInstant("2027-01-04T06:00:00.5Z") == utc(2027, 1, 4, 6, 0, 0, 500));
  CHECK(parseIsoInstant("2026-10-25T01:30:00-05:30") == utc(2026, 10, 25, 7, 0));
  CHECK(parseIsoInstant("2024-02-29T23:59:59Z") == utc(2024, 2, 29, 23, 59, 59));
  // Round trip through the station's own formatter.
  auto zone = TimeZone::load("Asia/Ho_Chi_Minh");
  REQUIRE(zone);
  SysMillis t = utc(2027, 3, 1, 10, 11, 12, 13);
  CHECK(parseIsoInstant(zone->formatIso(t, true)) == t);
  CHECK(parseIsoInstant(zone->formatIso(t)) == t);
}

TEST_CASE("text that names no instant is refused") {
  for (const char* bad : {"", "2027-01-04", "2027-01-04T06:00:00", "2027-01-04 06:00:00+07:00",
                          "2027-02-30T06:00:00+07:00", "2027-01-04T24:00:00+07:00", "2027-01-04T06:60:00Z",
                          "2027-01-04T06:00:00+7:00", "2027-01-04T06:00:00+07:00x", "2027-01-04T06:00:00.Z",
                          "2027-01-04T06:00:00+24:00", "tomorrow"}) {
    INFO(bad);
    CHECK_FALSE(parseIsoInstant(bad).has_value());
  }
}

TEST_CASE("WARDCAST_NOW sets the clock, which runs on from the instant it names") {
  SECTION("unset: the system clock") {
    ScopedEnv env(WallClock::kEnvironmentVariable, nullptr);
    auto clock = WallClock::fromEnvironment();
    REQUIRE(clock);
    CHECK(clock->shift() == milliseconds(0));
    auto system = time_point_cast<milliseconds>(system_clock::now());
    CHECK(abs(clock->now() - system) < seconds(1));
  }
  SECTION("set: reads that instant now, and later instants later") {
    ScopedEnv env(WallClock::kEnvironmentVariable, "2031-07-01T06:00:00+07:00");
    auto clock = WallClock::fromEnvironment();
    REQUIRE(clock);
    SysMillis first = clock->now();
    CHECK(abs(first - utc(2031, 6, 30, 23, 0)) < seconds(1));
    // It runs: a busy wait of a few milliseconds on the steady clock shows up.
    auto until = steady_clock::now() + milliseconds(20);
    while (steady_clock::now() < until) {
    }
    CHECK(clock->now() - first >= milliseconds(19));
    // Instants convert to the system clock and back.
    auto system = clock->toSystem(first);
    CHECK(abs(time_point_cast<milliseconds>(system) - time_point_cast<milliseconds>(system_clock::now())) <
          seconds(1));
    CHECK(clock->fromSystem(system) == first);
  }
  SECTION("set to something that is not an instant: an error naming the variable") {
    ScopedEnv env(WallClock::kEnvironmentVariable, "2027-01-04");
    auto clock = WallClock::fromEnvironment();
    REQUIRE_FALSE(clock);
    CHECK_THAT(clock.error().message, Catch::Contains("WARDCAST_NOW='2027-01-04'") &&
                                          Catch::Contains("offset"));
  }
}
