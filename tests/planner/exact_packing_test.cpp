// The exact packing (scheduler/exact_packing.hpp) on problems small enough
// to work out by hand, and through the planner on a unit whose flow bound
// no schedule reaches (docs/planner.md, "Exact packing").
#include <algorithm>
#include <catch2/catch.hpp>

#include "scheduler/exact_packing.hpp"
#include "scheduler/planner.hpp"
#include "scheduler/quota_period.hpp"
#include "tests/planner/random_station.hpp"

using namespace wardcast;
using namespace wardcast::planner;

namespace {

// Starts of the chosen options.
std::vector<Millis> chosenStarts(const ExactProblem& p, const ExactSolution& s) {
  std::vector<Millis> out;
  for (int o : s.chosen) out.push_back(p.options[std::size_t(o)].start);
  return out;
}

}  // namespace

TEST_CASE("exact packing: one play of a higher level outweighs any number of the level below", "[planner]") {
  ExactProblem p;
  p.length = 10;
  p.topic_gaps = {0, 0};
  p.demands = {{0, 0, 1}, {1, 1, 2}};  // topic 0 at the highest level, topic 1 below
  // The level-0 play at 5 overlaps both level-1 plays (at 0 and at 10),
  // which do not overlap each other: two plays in all, or the one above.
  p.options = {{0, 0, 5}, {1, 0, 0}, {1, 0, 10}};
  ExactSolution s = solveExactPacking(p);
  REQUIRE(s.optimal);
  CHECK(s.plays == 1);
  CHECK(chosenStarts(p, s) == std::vector<Millis>{5});

  p.demands[0].level = 1;  // the same level: the count wins
  s = solveExactPacking(p);
  REQUIRE(s.optimal);
  CHECK(chosenStarts(p, s) == std::vector<Millis>{0, 10});
}

TEST_CASE("exact packing: min_gap, items and demands limit the plays", "[planner]") {
  ExactProblem p;
  p.length = 10;
  p.topic_gaps = {100};
  p.demands = {{0, 0, 5}};
  for (Millis s : {0, 50, 100, 150, 200}) p.options.push_back({0, int(s / 100), s});
  ExactSolution s = solveExactPacking(p);
  REQUIRE(s.optimal);
  CHECK(chosenStarts(p, s) == std::vector<Millis>{0, 100, 200});  // the only three 100 apart

  p.demands[0].required = 2;
  CHECK(solveExactPacking(p).plays == 2);

  p.demands[0].required = 5;
  p.topic_gaps = {0};
  p.item_limits = {{0, 0, 1}, {0, 1, 1}, {0, 2, 1}};  // one item in each window
  s = solveExactPacking(p);
  REQUIRE(s.optimal);
  CHECK(s.plays == 3);
}

// One daily topic on a channel with a morning and an evening slot of one
// play each, on three days; the first morning is pinned for another
// topic and days 2 and 3 have no evening. The flow allows one play a day
// (3), but a play on the first evening rules out the second morning (13 h
// later), so any schedule has at most 2: the first evening or the second
// morning, then the third morning.
TEST_CASE("a unit whose flow bound no schedule reaches: the bound is the proven optimum", "[planner]") {
  PlanInput in;
  in.campaign.id = "chain";
  in.first_day = toDayNumber(Date{std::chrono::year{2026}, std::chrono::June, std::chrono::day{1}});
  in.last_day = in.first_day + 2;
  in.campaign.start = toDate(in.first_day);
  in.campaign.end = toDate(in.last_day);
  PlanChannel channel{"ward", ChannelKind::kLoudspeaker, {"ward"}, {}};
  for (DayNumber day = in.first_day; day <= in.last_day; ++day)
    channel.windows.push_back(
        {"morning", day, test::localInstant(day, 6 * 60), test::localInstant(day, 6 * 60 + 3)});
  channel.windows.push_back({"evening", in.first_day, test::localInstant(in.first_day, 17 * 60),
                             test::localInstant(in.first_day, 17 * 60 + 3)});
  std::sort(channel.windows.begin(), channel.windows.end(),
            [](const WindowInstance& a, const WindowInstance& b) { return a.start_ms < b.start_ms; });
  in.channels.push_back(channel);
  for (const char* id : {"daily", "pinned"}) {
    Topic topic;
    topic.id = topic.title = id;
    Quota quota;
    quota.target = "ward";
    quota.plays = std::string(id) == "daily" ? 1 : 0;
    quota.per = QuotaPeriod::kDay;
    quota.min_gap = std::chrono::minutes(24 * 60);
    topic.quotas.push_back(quota);
    in.campaign.topics.push_back(topic);
    PlanItem item;
    item.id = std::string(id) + "-1";
    item.topic = id;
    item.duration_ms = 3 * test::kMinute;
    in.items.push_back(item);
  }
  in.fixed.push_back({"ward", test::localInstant(in.first_day, 6 * 60), test::localInstant(in.first_day, 6 * 60 + 3),
                      in.first_day, "pinned-1", "pinned", "chain", ItemMedia::kAudio, EntryOrigin::kPinned,
                      "morning"});

  PlanResult result = planSchedule(in);
  CHECK(result.stats.plays_required == 3);
  CHECK(result.stats.plays_placed == 2);
  CHECK(result.stats.bound == 2);  // the flow alone says 3
  REQUIRE(result.shortfalls.size() == 1);
  CHECK(result.shortfalls[0].reason == ShortfallReason::kMinGap);
}
