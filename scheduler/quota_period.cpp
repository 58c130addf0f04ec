#include "scheduler/quota_period.hpp"

#include <fmt/format.h>

#include <cstdlib>

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

unsigned isoWeekday(DayNumber day) { return std::chrono::weekday(sys_days(std::chrono::days(day))).iso_encoding(); }

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

namespace wardcast::planner {

std::optional<std::pair<DayNumber, DayNumber>> periodSpan(const std::string& label) {
  using namespace std::chrono;
  if (auto day = parseDate(label)) return std::pair{toDayNumber(*day), toDayNumber(*day)};
  if (label.size() < 7 || label[4] != '-') return std::nullopt;
  int year = std::atoi(label.substr(0, 4).c_str());
  if (label[5] == 'W') {
    int week = std::atoi(label.substr(6).c_str());
    // ISO week 1 holds January 4th.
    DayNumber jan4 = toDayNumber(Date{std::chrono::year{year}, January, day{4}});
    DayNumber monday = jan4 - DayNumber(weekday(sys_days(toDate(jan4))).iso_encoding() - 1);
    DayNumber first = monday + (week - 1) * 7;
    return std::pair{first, first + 6};
  }
  if (label[5] == 'Q') {
    int quarter = std::atoi(label.substr(6).c_str());
    if (quarter < 1 || quarter > 4) return std::nullopt;
    Date first{std::chrono::year{year}, month(unsigned(quarter * 3 - 2)), day{1}};
    Date next = quarter == 4 ? Date{std::chrono::year{year + 1}, January, day{1}}
                             : Date{std::chrono::year{year}, month(unsigned(quarter * 3 + 1)), day{1}};
    return std::pair{toDayNumber(first), toDayNumber(next) - 1};
  }
  int m = std::atoi(label.substr(5).c_str());
  if (m < 1 || m > 12) return std::nullopt;
  Date first{std::chrono::year{year}, month(unsigned(m)), day{1}};
  Date next = m == 12 ? Date{std::chrono::year{year + 1}, January, day{1}}
                      : Date{std::chrono::year{year}, month(unsigned(m + 1)), day{1}};
  return std::pair{toDayNumber(first), toDayNumber(next) - 1};
}

}  // namespace wardcast::planner
