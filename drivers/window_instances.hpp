#pragma once
// windowInstances(): the UTC instances of a channel's broadcast windows over
// a range of local dates, the input AmplifierScheduler::setWindows() takes.
// A window is declared in local wall-clock time (station config [[window]]:
// start, end, days); its instance on a date is converted to UTC in the
// station's time zone. A window whose end is not after its start runs past
// midnight into the next day. Pure function, no I/O.
//
// On the days the clock changes, a window is open while the station's clock
// reads a time inside it (TimeZone::toInstant): at spring-forward a window
// 02:30-03:30 opens at the change (03:00 summer time) and lasts 30 minutes,
// and one wholly inside the skipped hour has no instance that day; at
// fall-back a window starting or ending at a time that occurs twice uses its
// first occurrence, so 01:30-02:30 lasts two hours and 01:00-01:45 airs once.
// A day of 23 or 25 hours gives a window 00:00-24:00 of 23 or 25 hours.
// planner::buildPlanChannels() (scheduler/window_instances.hpp) converts the
// same way, so the amplifier is on for every item the planner places.
#include <vector>

#include "config/station_config.hpp"
#include "drivers/amplifier_scheduler.hpp"
#include "util/civil_time.hpp"

namespace wardcast::drivers {

// Instances of every window `channel` names, for local dates `from` to `to`
// inclusive, sorted by start. Window ids the config does not declare are
// skipped (the config loader has already refused them).
std::vector<WindowInstance> windowInstances(const StationConfig& config, const Channel& channel,
                                            const TimeZone& zone, Date from, Date to);

}  // namespace wardcast::drivers
