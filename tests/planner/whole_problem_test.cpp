// The planner against references that owe it nothing (whole_problem.hpp):
// a bound (whole_bound.hpp) and an exact optimum (whole_optimum.hpp) over
// the whole problem at once, every place and priority level together,
// read from the PlanInput alone. The planner is exact per planning unit,
// not over the whole problem: at equal priority group plays go first, and
// each unit plans in the time the units before it left (docs/planner.md,
// "Decomposition" and "Priorities"). So these tests hold it to what is
// proven for any schedule (never more plays than the optimum, never better
// by priority than the best schedule), its stated bound to what can be
// placed, and its plays to the share of the optimum they reach today.
#include <catch2/catch.hpp>
#include <numeric>

#include "scheduler/planner.hpp"
#include "tests/planner/schedule_rules.hpp"
#include "tests/planner/tiny_station.hpp"
#include "tests/planner/whole_bound.hpp"
#include "tests/planner/whole_optimum.hpp"

using namespace wardcast;
using namespace wardcast::planner;
using test::kMinute;
using test::localInstant;

namespace {

constexpr DayNumber kDay1 = 20'580;  // 2026-05-07

std::int64_t sum(const std::vector<std::int64_t>& plays) {
  return std::accumulate(plays.begin(), plays.end(), std::int64_t(0));
}

// A loudspeaker with one morning window [06:00, 06:00 + minutes) on kDay1.
PlanChannel loudspeaker(const std::string& id, std::vector<std::string> groups, int minutes) {
  return {id,
          ChannelKind::kLoudspeaker,
          std::move(groups),
          {{"morning", kDay1, localInstant(kDay1, 6 * 60), localInstant(kDay1, 6 * 60 + minutes)}}};
}

// A topic asking `plays` a day on `target`, with `items` items of `minutes`.
void addTopic(PlanInput& in, const std::string& id, int priority, const std::string& target,
              int plays, int items, int minutes, int gap_minutes = 0) {
  Topic topic;
  topic.id = id;
  topic.priority = priority;
  Quota quota;
  quota.target = target;
  quota.plays = plays;
  quota.per = QuotaPeriod::kDay;
  quota.min_gap = std::chrono::minutes(gap_minutes);
  topic.quotas.push_back(quota);
  in.campaign.topics.push_back(topic);
  for (int i = 0; i < items; ++i) {
    PlanItem item;
    item.id = id + "-" + std::to_string(i);
    item.topic = id;
    item.duration_ms = minutes * kMinute;
    in.items.push_back(item);
  }
}

PlanInput oneDay(std::vector<PlanChannel> channels) {
  PlanInput in;
  in.campaign.id = "by-hand";
  in.first_day = in.last_day = kDay1;
  in.campaign.start = in.campaign.end = Date(std::chrono::sys_days(std::chrono::days(kDay1)));
  in.channels = std::move(channels);
  return in;
}

struct Counted {
  std::int64_t placed, bound, optimum;
};

Counted count(const PlanInput& in) {
  test::whole::Problem problem = test::whole::readProblem(in);
  std::optional<test::whole::WholeOptimum> optimum = test::whole::wholeOptimum(problem);
  REQUIRE(optimum.has_value());
  return {planSchedule(in).stats.plays_placed, test::whole::wholeBound(problem),
          optimum->most_plays};
}

}  // namespace

TEST_CASE("the whole-problem bound and optimum count a window as a person would", "[planner]") {
  SECTION("each item once in a window: two items, room for three") {
    PlanInput in = oneDay({loudspeaker("ward", {"ward"}, 10)});
    addTopic(in, "t", 1, "ward", 5, 2, 3);
    Counted c = count(in);
    CHECK(c.optimum == 2);
    CHECK(c.bound == 2);
    CHECK(c.placed == 2);
  }
  SECTION("ten minutes hold three plays of three minutes") {
    PlanInput in = oneDay({loudspeaker("ward", {"ward"}, 10)});
    addTopic(in, "t", 1, "ward", 5, 4, 3);
    Counted c = count(in);
    CHECK(c.optimum == 3);
    CHECK(c.bound == 3);
    CHECK(c.placed == 3);
  }
  SECTION("a pin at 06:04 leaves two fragments of four minutes: one play of three minutes each") {
    PlanInput in = oneDay({loudspeaker("ward", {"ward"}, 10)});
    addTopic(in, "t", 1, "ward", 5, 4, 3);
    addTopic(in, "other", 1, "kind:led", 1, 1, 2);
    in.fixed.push_back({"ward", localInstant(kDay1, 6 * 60 + 4), localInstant(kDay1, 6 * 60 + 6),
                        kDay1, "other-0", "other", "by-hand", ItemMedia::kAudio,
                        EntryOrigin::kPinned, "morning"});
    Counted c = count(in);
    CHECK(c.optimum == 2);
    CHECK(c.bound == 2);
    CHECK(c.placed == 2);
  }
  SECTION("a min_gap of four minutes: plays at 06:00, 06:04 and 06:08") {
    PlanInput in = oneDay({loudspeaker("ward", {"ward"}, 10)});
    addTopic(in, "t", 1, "ward", 5, 4, 2, 4);
    Counted c = count(in);
    CHECK(c.optimum == 3);
    CHECK(c.bound == 3);
    CHECK(c.placed == 3);
  }
}

// Two loudspeakers with a four-minute morning, items of two minutes: a
// group play takes the time of two plays, one on each member, and counts
// once. At equal priority the planner puts the group play first
// (docs/planner.md, "Decomposition"), so it places one play fewer than
// the best schedule; with the group at a higher priority it places the
// best schedule by priority.
TEST_CASE("a group play takes its time on every member: the optimum counts what groups first costs",
          "[planner]") {
  PlanInput in =
      oneDay({loudspeaker("ward", {"ward"}, 4), loudspeaker("to-1", {"ward", "to-1"}, 4)});
  SECTION("equal priorities") {
    addTopic(in, "g", 1, "group:ward", 1, 1, 2);
    addTopic(in, "k", 1, "kind:loudspeaker", 2, 2, 2);
    Counted c = count(in);
    CHECK(c.optimum == 4);  // two plays of k on each channel
    CHECK(c.bound == 4);
    CHECK(c.placed == 3);  // the group play and one of k on each
  }
  SECTION("the group first by priority") {
    addTopic(in, "g", 1, "group:ward", 1, 1, 2);
    addTopic(in, "k", 2, "kind:loudspeaker", 2, 2, 2);
    auto optimum = test::whole::wholeOptimum(test::whole::readProblem(in));
    REQUIRE(optimum.has_value());
    CHECK(optimum->by_level == std::vector<std::int64_t>{1, 2});
    CHECK(optimum->most_plays == 4);
    CHECK(planSchedule(in).stats.plays_placed == 3);
  }
}

namespace {

// Over the tiny stations of one seed range.
struct TinyTotals {
  int stations = 0;
  int at_optimum = 0;  // plays per level equal the best schedule's
  std::int64_t placed = 0;
  std::int64_t optimum = 0;  // sum of the best schedules' plays (by priority)
  std::int64_t stated = 0;   // sum of the planner's stated bounds
  int below_best = 0;        // stations whose stated bound is below the best schedule's plays
  int above_most = 0;        // stations whose stated bound is above the most plays any schedule has
  double worst = 1.0;        // the lowest placed / optimum of a station
};

void checkTinyStation(std::uint32_t seed, TinyTotals& totals) {
  INFO("tiny station, seed " << seed);
  test::RandomScenario sc = test::makeTinyScenario(seed);
  PlanResult result = planSchedule(sc.input);
  test::checkSchedule(sc, result);
  std::vector<std::int64_t> placed = test::plannedPlaysByLevel(sc, result);
  REQUIRE(sum(placed) == result.stats.plays_placed);

  test::whole::Problem problem = test::whole::readProblem(sc.input);
  std::optional<test::whole::WholeOptimum> best = test::whole::wholeOptimum(problem);
  REQUIRE(best.has_value());
  std::int64_t bound = test::whole::wholeBound(problem);
  INFO("placed " << sum(placed) << ", best by priority " << sum(best->by_level) << ", most "
                 << best->most_plays << ", whole bound " << bound << ", stated bound "
                 << result.stats.bound);
  // No schedule does better: not in all, not by priority.
  REQUIRE(sum(placed) <= best->most_plays);
  REQUIRE(placed <= best->by_level);  // lexicographic, highest priority first
  // The two references agree: the bound bounds the optimum.
  REQUIRE(best->most_plays <= bound);
  // The planner's bound is at least what it placed. It is relative to its
  // units (docs/planner.md, "The bound"), so a schedule of the whole
  // problem may place more (counted in below_best), and a relaxation, so
  // it may exceed what any schedule places (above_most).
  REQUIRE(sum(placed) <= result.stats.bound);

  ++totals.stations;
  totals.at_optimum += placed == best->by_level;
  totals.placed += sum(placed);
  totals.optimum += sum(best->by_level);
  totals.stated += result.stats.bound;
  totals.below_best += result.stats.bound < sum(best->by_level);
  totals.above_most += result.stats.bound > best->most_plays;
  if (sum(best->by_level) > 0)
    totals.worst = std::min(totals.worst, double(sum(placed)) / double(sum(best->by_level)));
}

}  // namespace

// What holds today on seeds 1-40 (2026-11-26): 35 stations of 40 at the
// best schedule by priority, 712 plays of 730 (97.5%); the worst, seed 8,
// places 12 of 14: its priority-1 group plays fill the mornings and
// evenings of to-1 so that its priority-2 topic gets one play a day of
// two, where the best schedule packs both levels (docs/planner.md, "Known
// limits": a level's plays go where its own flow and packing put them).
// The planner's bound is below the best schedule on 5 stations (it is
// relative to its units) and above every schedule on 1. On seeds 1-200:
// 172 at the optimum, 3,681 plays of 3,742 (98.4%), the worst 86%.
TEST_CASE("tiny stations: never above the whole-problem optimum, at it on most stations",
          "[planner]") {
  TinyTotals totals;
  for (std::uint32_t seed = 1; seed <= 40; ++seed) checkTinyStation(seed, totals);
  WARN("tiny stations: " << totals.at_optimum << " of " << totals.stations
                         << " at the whole-problem optimum; " << totals.placed << " plays of "
                         << totals.optimum << "; worst station " << totals.worst
                         << "; the planner's bound " << totals.stated << ", below the best "
                         << "schedule on " << totals.below_best
                         << " stations, above every schedule on " << totals.above_most);
  REQUIRE(totals.at_optimum >= 33);
  REQUIRE(double(totals.placed) >= 0.97 * double(totals.optimum));
  REQUIRE(totals.worst >= 0.85);
}
