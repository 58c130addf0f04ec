// Quotas limited to weekdays (`days`) and topics that start later than their
// campaign (a season): plays only on those days, and no shortfall for the
// days the plan does not ask for.
#include <algorithm>
#include <catch2/catch.hpp>
#include <map>
#include <string>

#include "scheduler/planner.hpp"
#include "scheduler/quota_period.hpp"
#include "tests/planner/random_station.hpp"

using namespace wardcast;
using namespace wardcast::planner;

namespace {

// Four weeks from Monday 2026-06-01; channel "ward" with a morning
// (06:00-06:30) and an evening (17:00-17:30) window every day.
PlanInput station() {
  PlanInput in;
  in.campaign.id = "days";
  in.first_day = toDayNumber(Date{std::chrono::year{2026}, std::chrono::June, std::chrono::day{1}});
  in.last_day = in.first_day + 27;
  in.campaign.start = toDate(in.first_day);
  in.campaign.end = toDate(in.last_day);
  PlanChannel channel{"ward", ChannelKind::kLoudspeaker, {}, {}};
  for (DayNumber day = in.first_day; day <= in.last_day; ++day) {
    channel.windows.push_back({"morning", day, test::localInstant(day, 6 * 60), test::localInstant(day, 6 * 60 + 30)});
    channel.windows.push_back({"evening", day, test::localInstant(day, 17 * 60), test::localInstant(day, 17 * 60 + 30)});
  }
  in.channels.push_back(channel);
  return in;
}

Topic& addTopic(PlanInput& in, const std::string& id, Quota quota) {
  Topic topic;
  topic.id = id;
  topic.title = id;
  quota.target = "ward";
  topic.quotas.push_back(quota);
  in.campaign.topics.push_back(topic);
  for (int i = 0; i < 3; ++i) {
    PlanItem item;
    item.id = id + "-" + std::to_string(i);
    item.topic = id;
    item.duration_ms = test::kMinute;
    in.items.push_back(item);
  }
  return in.campaign.topics.back();
}

// Local weekday names of a topic's planned plays, counted; worked out from
// the entry's start instant (UTC+7), not from the planner's day numbers.
std::map<std::string, int> weekdaysOf(const PlanResult& result, const std::string& topic) {
  static const char* const kNames[] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};
  std::map<std::string, int> out;
  for (const PlanEntry& e : result.entries) {
    if (e.topic != topic) continue;
    auto local = std::chrono::sys_days(std::chrono::floor<std::chrono::days>(
        std::chrono::sys_time<std::chrono::milliseconds>(std::chrono::milliseconds(e.start_ms + test::kUtcOffset))));
    ++out[kNames[std::chrono::weekday(local).c_encoding()]];
  }
  return out;
}

int plays(const PlanResult& result, const std::string& topic) {
  return int(std::count_if(result.entries.begin(), result.entries.end(),
                           [&](const PlanEntry& e) { return e.topic == topic; }));
}

}  // namespace

TEST_CASE("a weekly quota on Saturday and Sunday evenings airs then, once each day", "[planner]") {
  PlanInput in = station();
  Quota q;
  q.plays = 2;
  q.per = QuotaPeriod::kWeek;
  q.windows = {"evening"};
  q.min_gap = std::chrono::hours(24);
  q.days = {6, 7};
  addTopic(in, "weekend", q);
  PlanResult result = planSchedule(in);

  CHECK(weekdaysOf(result, "weekend") == std::map<std::string, int>{{"sat", 4}, {"sun", 4}});
  for (const PlanEntry& e : result.entries)
    if (e.topic == "weekend") CHECK(e.window == "evening");
  CHECK(result.shortfalls.empty());
  CHECK(result.stats.plays_placed == result.stats.bound);
}

TEST_CASE("a daily quota on working days asks nothing of the weekend", "[planner]") {
  PlanInput in = station();
  Quota q;
  q.plays = 1;
  q.per = QuotaPeriod::kDay;
  q.days = {1, 2, 3, 4, 5};
  addTopic(in, "workdays", q);
  PlanResult result = planSchedule(in);

  auto days = weekdaysOf(result, "workdays");
  CHECK(days == std::map<std::string, int>{{"mon", 4}, {"tue", 4}, {"wed", 4}, {"thu", 4}, {"fri", 4}});
  // Weekends are not shortfalls: the plan never asked for them.
  CHECK(result.shortfalls.empty());
  CHECK(result.stats.plays_required == 20);
}

TEST_CASE("a week whose only asked-for day lies before the range asks nothing", "[planner]") {
  // The range starts on Tuesday: the first week has no Monday left.
  PlanInput in = station();
  in.first_day += 1;
  Quota q;
  q.plays = 1;
  q.per = QuotaPeriod::kWeek;
  q.days = {1};
  addTopic(in, "monday", q);
  PlanResult result = planSchedule(in);

  CHECK(weekdaysOf(result, "monday") == std::map<std::string, int>{{"mon", 3}});
  CHECK(result.shortfalls.empty());  // the first week has no Monday in range: no demand
}

TEST_CASE("a topic with a season airs only inside it", "[planner]") {
  PlanInput in = station();
  Quota q;
  q.plays = 1;
  q.per = QuotaPeriod::kDay;
  Topic& topic = addTopic(in, "season", q);
  topic.start = toDate(in.first_day + 14);  // 2026-06-15
  topic.end = toDate(in.first_day + 20);    // 2026-06-21
  PlanResult result = planSchedule(in);

  CHECK(plays(result, "season") == 7);
  for (const PlanEntry& e : result.entries) {
    if (e.topic != "season") continue;
    CHECK(e.start_ms >= test::localInstant(in.first_day + 14, 0));
    CHECK(e.start_ms < test::localInstant(in.first_day + 21, 0));
  }
  CHECK(result.shortfalls.empty());
}
