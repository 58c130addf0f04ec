#include "scheduler/window_instances.hpp"

#include <algorithm>

#include "scheduler/quota_period.hpp"

namespace wardcast::planner {

std::vector<PlanChannel> buildPlanChannels(const StationConfig& station, const TimeZone& zone,
                                           DayNumber first_day, DayNumber last_day) {
  std::vector<PlanChannel> out;
  for (const Channel& channel : station.channels) {
    PlanChannel pc{channel.id, channel.kind, channel.groups, {}};
    for (const std::string& window_id : channel.windows) {
      const Window* window = station.findWindow(window_id);
      if (window == nullptr) continue;
      for (DayNumber day = first_day; day <= last_day; ++day) {
        if (!window->opensOn(isoWeekday(day))) continue;
        Date date = toDate(day);
        Date end_date = window->end > window->start ? date : toDate(day + 1);
        SysMillis start = zone.toInstant(date, window->start);
        SysMillis end = zone.toInstant(end_date, window->end);
        if (end <= start) continue;
        pc.windows.push_back({window_id, day, start.time_since_epoch().count(),
                              end.time_since_epoch().count()});
      }
    }
    out.push_back(std::move(pc));
  }
  return out;
}

}  // namespace wardcast::planner
