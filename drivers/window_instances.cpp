#include "drivers/window_instances.hpp"

#include <algorithm>

namespace wardcast::drivers {

std::vector<WindowInstance> windowInstances(const StationConfig& config, const Channel& channel,
                                            const TimeZone& zone, Date from, Date to) {
  using namespace std::chrono;
  std::vector<WindowInstance> instances;
  for (sys_days day = sys_days(from); day <= sys_days(to); day += days(1)) {
    const Date date(day);
    const unsigned iso_weekday = weekday(day).iso_encoding();
    for (const auto& id : channel.windows) {
      const Window* window = config.findWindow(id);
      if (!window) continue;
      if (std::find(window->days.begin(), window->days.end(), iso_weekday) == window->days.end()) {
        continue;
      }
      const SysMillis start = zone.toInstant(date, window->start);
      const Date end_date = window->end > window->start ? date : Date(day + days(1));
      const SysMillis end = zone.toInstant(end_date, window->end);
      if (end <= start) continue;  // the clock skips the whole window (spring-forward)
      instances.push_back({start, end});
    }
  }
  std::sort(instances.begin(), instances.end(),
            [](const WindowInstance& a, const WindowInstance& b) { return a.start < b.start; });
  return instances;
}

}  // namespace wardcast::drivers
