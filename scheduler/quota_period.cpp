#include "scheduler/quota_period.hpp"

#include <fmt/format.h>

namespace wardcast::planner {
namespace {

using std::chrono::sys_days;

// 1970-01-01 was a Thursday; day -3 (1969-12-29) a Monday.
std::int32_t weekIndex(DayNumber day) {
  std::int32_t shifted = day + 3;
  return shifted >= 0 ? shifted / 7 : -((-shifted + 6) / 7);
}

}  // namespace

DayNumber toDayNumber(Date date) {
  return static_cast<DayNumber>(sys_days(date).time_since_epoch().count());
}

Date toDate(DayNumber day) { return Date(sys_days(std::chrono::days(day))); }

std::int32_t periodKey(QuotaPeriod per, DayNumber day) {
  switch (per) {
    case QuotaPeriod::kDay: return day;
    case QuotaPeriod::kWeek: return weekIndex(day);
    case QuotaPeriod::kMonth: {
      Date date = toDate(day);
      return int(date.year()) * 12 + int(unsigned(date.month())) - 1;
    }
    case QuotaPeriod::kQuarter: {
      Date date = toDate(day);
      return int(date.year()) * 4 + int(unsigned(date.month()) - 1) / 3;
    }
    case QuotaPeriod::kCampaign: return 0;
  }
  return 0;
}

std::string periodLabel(QuotaPeriod per, std::int32_t key) {
  switch (per) {
    case QuotaPeriod::kDay: return formatDate(toDate(key));
    case QuotaPeriod::kWeek: {
      // ISO week: the year of its Thursday; week 1 holds the year's first Thursday.
      DayNumber monday = key * 7 - 3;
      Date thursday = toDate(monday + 3);
      DayNumber jan1 = toDayNumber(Date{thursday.year(), std::chrono::January, std::chrono::day{1}});
      int week = (monday + 3 - jan1) / 7 + 1;
      return fmt::format("{:04}-W{:02}", int(thursday.year()), week);
    }
    case QuotaPeriod::kMonth: return fmt::format("{:04}-{:02}", key / 12, key % 12 + 1);
    case QuotaPeriod::kQuarter: return fmt::format("{:04}-Q{}", key / 4, key % 4 + 1);
    case QuotaPeriod::kCampaign: return "campaign";
  }
  return "?";
}

}  // namespace wardcast::planner
