#pragma once
// Civil (wall-clock) dates and times as the station's staff write them, and
// their conversion to and from UTC instants in a station's IANA time zone.
// The standard library of GCC 12 has no time-zone database (std::chrono::
// tzdb came with GCC 14), so zones come from ICU.
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "util/result.hpp"

namespace wardcast {

using Date = std::chrono::year_month_day;
using SysMillis = std::chrono::sys_time<std::chrono::milliseconds>;
using MinuteOfDay = std::chrono::minutes;  // 0 .. 24h, from local midnight

// "2026-04-15" -> Date; nullopt when malformed or not a real day.
std::optional<Date> parseDate(std::string_view text);
std::string formatDate(Date date);
// "06:30" -> 390 min; "24:00" is accepted as end of day.
std::optional<MinuteOfDay> parseClock(std::string_view text);
std::string formatClock(MinuteOfDay minutes);
// "mon".."sun" -> 1..7 (ISO weekday); nullopt otherwise.
std::optional<unsigned> parseWeekday(std::string_view text);
// 1..7 -> "mon".."sun"; "?" otherwise.
const char* formatWeekday(unsigned iso_weekday);
// An ISO 8601 instant with its offset, as formatIso() writes it and CAP 1.2
// requires: "2027-01-04T06:00:00+07:00", "...T06:00:00.250+07:00",
// "...T23:00:00Z". nullopt when malformed, not a real day or time, or
// without an offset (a local time names no instant).
std::optional<SysMillis> parseIsoInstant(std::string_view text);

// An IANA time zone. Cheap to copy (shares the ICU object).
class TimeZone {
 public:
  // Fails for names ICU does not know ("Asia/Hanoi_City").
  static Result<TimeZone> load(const std::string& iana_name);

  const std::string& name() const { return name_; }
  // Offset of local time from UTC at the given instant.
  std::chrono::minutes offsetAt(SysMillis instant) const;
  // The first instant at which the local clock reads `date` + `minutes` or
  // later. Monotone in its argument, so an interval of local times never
  // inverts. On the days the clock changes:
  // - a local time the clock skips (spring-forward, Europe/Berlin 2026-03-29
  //   02:00 -> 03:00) is the instant of the change: 02:30 is 01:00 UTC, when
  //   the clock jumps from 01:59:59 CET to 03:00 CEST;
  // - a local time that occurs twice (fall-back, America/New_York
  //   2026-11-01 01:00-01:59 EDT, then again EST) is its first occurrence:
  //   01:30 is 05:30 UTC (EDT), not 06:30 UTC (EST).
  SysMillis toInstant(Date date, MinuteOfDay minutes) const;
  // Local calendar date of an instant.
  Date localDate(SysMillis instant) const;
  // "2026-05-01T06:00:00.000+07:00" (millis only when not whole seconds,
  // unless always_millis).
  std::string formatIso(SysMillis instant, bool always_millis = false) const;

 private:
  struct Impl;
  std::shared_ptr<const Impl> impl_;
  std::string name_;
};

}  // namespace wardcast
