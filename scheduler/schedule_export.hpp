#pragma once
// The schedule as others read it (SPEC §4, §5): JSON with the fixed shape of
// SPEC §5, and iCalendar (RFC 5545) for calendar applications. Pure
// formatting over a ScheduleSnapshot: the same snapshot gives the same
// bytes (keys in SPEC order, entries by channel then start, no "now" in the
// output; DTSTAMP is each event's own start).
#include <string>
#include <vector>

#include "config/station_config.hpp"
#include "content/content_model.hpp"
#include "scheduler/plan_model.hpp"
#include "util/civil_time.hpp"

namespace wardcast::planner {

struct ScheduleSnapshot {
  const StationConfig* station = nullptr;
  Date from{};  // inclusive local days
  Date to{};
  std::vector<PlanChannel> channels;     // with their window instances in the range
  std::vector<PlannedEntry> entries;     // by channel then start
  std::vector<Shortfall> shortfalls;     // whose period overlaps the range
};

std::string scheduleToJson(const ScheduleSnapshot& snapshot, const TimeZone& zone);
std::string scheduleToICalendar(const ScheduleSnapshot& snapshot, const TimeZone& zone);
// Lines for people: one block per channel and day, "06:00:00–06:02:10 b12 ...".
std::string scheduleToText(const ScheduleSnapshot& snapshot, const TimeZone& zone);

}  // namespace wardcast::planner
