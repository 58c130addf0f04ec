#pragma once
// windowInstances(): the UTC instances of a channel's broadcast windows over
// a range of local dates, the input AmplifierScheduler::setWindows() takes.
// A window is declared in local wall-clock time (station config [[window]]:
// start, end, days); its instance on a date is converted to UTC in the
// station's time zone. A window whose end is not after its start runs past
// midnight into the next day. Pure function, no I/O.
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
