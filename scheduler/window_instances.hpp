#pragma once
// From the station file to the planner's channels: every declared window
// of every channel, for each local day of a range, as UTC instants in the
// station's time zone (util/civil_time.hpp). A window whose end is not
// after its start runs past midnight into the next day.
#include <vector>

#include "config/station_config.hpp"
#include "scheduler/plan_model.hpp"
#include "util/civil_time.hpp"

namespace wardcast::planner {

std::vector<PlanChannel> buildPlanChannels(const StationConfig& station, const TimeZone& zone,
                                           DayNumber first_day, DayNumber last_day);

}  // namespace wardcast::planner
