// Property tests of the planner over random stations and campaigns
// (seeded): what a station's staff would check in any schedule it makes.
#include <algorithm>
#include <catch2/catch.hpp>
#include <map>
#include <set>
#include <tuple>

#include "scheduler/planner.hpp"
#include "scheduler/quota_period.hpp"
#include "tests/planner/chain_optimum.hpp"
#include "tests/planner/random_station.hpp"
#include "tests/planner/reference_bound.hpp"
#include "tests/planner/reference_optimum.hpp"
#include "tests/planner/schedule_rules.hpp"
#include "tests/planner/whole_bound.hpp"

using namespace wardcast;
using namespace wardcast::planner;
using test::checkSchedule;
using test::Gaps;
using test::Lengths;

namespace {

auto entryKey(const PlanEntry& e) {
  return std::tie(e.channel, e.start_ms, e.end_ms, e.day, e.item, e.topic, e.campaign, e.media,
                  e.origin, e.window);
}

std::int64_t plays(const PlanResult& result) { return result.stats.plays_placed; }

std::int64_t wholeBound(const PlanInput& in) { return test::whole::wholeBound(test::whole::readProblem(in)); }

// Plays placed and a bound, summed over seeds, and the lowest share of one seed.
struct Share {
  std::int64_t placed = 0;
  std::int64_t bound = 0;
  double worst = 1.0;  // the lowest placed / bound of a seed
  void add(std::int64_t placed_now, std::int64_t bound_now) {
    placed += placed_now;
    bound += bound_now;
    if (bound_now > 0) worst = std::min(worst, double(placed_now) / double(bound_now));
  }
  double ratio() const { return bound == 0 ? 1.0 : double(placed) / double(bound); }
};

// Plays placed over the seeds, against two bounds: the per-unit reference
// (reference_bound.hpp: each unit in the time the planner's earlier units
// left) and the whole-problem bound (whole_bound.hpp: every unit at once,
// owing the planner nothing, priorities aside).
struct Totals {
  Share unit;
  Share whole;
};

// Minimum shares per seed.
struct Floors {
  double unit;
  double whole;
};

// Per seed: the schedule keeps the rules; the plays placed are at most
// both bounds and at least their floors; the planner's own bound is at
// least the plays it placed.
Totals runSeeds(std::uint32_t first, std::uint32_t count, Lengths lengths, Gaps gaps, Floors floors) {
  Totals totals;
  for (std::uint32_t seed = first; seed < first + count; ++seed) {
    INFO("seed " << seed);
    auto sc = test::makeRandomScenario(seed, lengths, gaps);
    PlanResult result = planSchedule(sc.input);
    checkSchedule(sc, result);
    std::int64_t unit = test::referenceBound(sc, result), whole = wholeBound(sc.input);
    INFO("placed " << plays(result) << ", unit bound " << unit << ", whole bound " << whole);
    REQUIRE(plays(result) <= whole);  // no schedule places more
    REQUIRE(plays(result) <= unit);   // none of the planner's units could
    REQUIRE(plays(result) <= result.stats.bound);
    if (gaps == Gaps::kNone) REQUIRE(result.stats.bound == unit);
    if (gaps == Gaps::kNone && lengths == Lengths::kEqual) REQUIRE(plays(result) == unit);
    CHECK(double(plays(result)) >= floors.unit * double(unit));
    CHECK(double(plays(result)) >= floors.whole * double(whole));
    totals.unit.add(plays(result), unit);
    totals.whole.add(plays(result), whole);
  }
  return totals;
}

}  // namespace

// Each unit places its bound. Over the whole problem the planner gives up
// what its order costs (docs/planner.md, "Decomposition": group plays
// first at equal priority; each unit in the time the units before it
// left), and the whole-problem bound counts plays of every priority alike.
// What holds today: 11,547 plays of a whole-problem bound of 11,784
// (98.0%); the lowest seed 83% (seed 17, 462 of 554: its daily group:ward
// topic has the priority of its loudspeaker topics, and each of its plays
// takes the time of five channel plays, which the whole bound may count
// instead).
TEST_CASE("equal lengths: plays placed equal each unit's max-flow bound, within 2.5% of the whole problem's",
          "[planner]") {
  Totals totals = runSeeds(1, 40, Lengths::kEqual, Gaps::kNone, {1.0, 0.83});
  WARN("equal lengths: placed " << totals.whole.placed << " of a whole-problem bound of " << totals.whole.bound
                                << ", lowest seed " << totals.whole.worst);
  REQUIRE(totals.unit.placed == totals.unit.bound);
  REQUIRE(totals.whole.ratio() >= 0.975);
}

// With a daily min_gap the flow bound is a relaxation: it knows "one play
// a day", not that a daily topic's start can only move later from one day
// to the next (an evening play rules out the next morning), so on some
// seeds no schedule reaches it. There the planner solves the unit as an
// integer program and its bound is the proven optimum (docs/planner.md,
// "Exact packing"). The test checks that optimum with a program of its
// own (reference_optimum.hpp: every whole minute of free time a start, no
// code of the planner's) and that the planner places exactly it.
TEST_CASE("equal lengths, min_gap of a day: plays placed equal the exact optimum, the bound the planner states",
          "[planner]") {
  std::int64_t placed = 0, flow = 0, whole = 0;
  std::vector<std::uint32_t> relaxed;  // seeds where the optimum is below the flow bound
  for (std::uint32_t seed = 1; seed <= 40; ++seed) {
    INFO("seed " << seed);
    auto sc = test::makeRandomScenario(seed, Lengths::kEqual, Gaps::kDaily);
    PlanResult result = planSchedule(sc.input);
    checkSchedule(sc, result);
    std::int64_t reference = test::referenceBound(sc, result);
    std::optional<std::int64_t> optimum = test::referenceOptimum(sc, result);
    REQUIRE(optimum.has_value());
    REQUIRE(*optimum <= reference);
    REQUIRE(plays(result) == *optimum);
    REQUIRE(result.stats.bound == *optimum);
    std::int64_t whole_bound = wholeBound(sc.input);
    REQUIRE(plays(result) <= whole_bound);
    placed += plays(result);
    flow += reference;
    whole += whole_bound;
    if (*optimum < reference) relaxed.push_back(seed);
  }
  WARN("equal lengths, daily gaps: placed " << placed << " = the optimum; the flow bound " << flow << "; seeds "
                                            << "where it is out of reach: " << relaxed.size()
                                            << "; the whole-problem bound " << whole);
  // What holds today: 8,849 of a whole-problem bound of 8,897 (99.5%).
  REQUIRE(double(placed) >= 0.99 * double(whole));
  // The relaxation matters: the test would pass without the exact step
  // only if the flow bound were always reachable.
  REQUIRE(!relaxed.empty());
}

TEST_CASE("a unit one daily topic reaches gets the longest chain its time allows", "[planner]") {
  int checked = 0;
  for (std::uint32_t seed = 1; seed <= 40; ++seed) {
    auto sc = test::makeRandomScenario(seed, Lengths::kEqual, Gaps::kDaily);
    PlanResult result = planSchedule(sc.input);
    for (const test::ChainUnit& unit : test::singleChainUnits(sc, result)) {
      INFO("seed " << seed << " unit " << unit.target << " topic " << unit.topic);
      REQUIRE(unit.placed <= unit.longest);  // the chain bounds every schedule
      if (unit.quota_binds) continue;
      REQUIRE(unit.placed == unit.longest);
      ++checked;
    }
  }
  REQUIRE(checked >= 10);
}

TEST_CASE("mixed lengths: within 2% of each unit's bound and 4% of the whole problem's over all seeds",
          "[planner]") {
  // Per seed, the lowest share of the unit bound that held before units
  // ran by priority level (seed 121, 173 of 188; with daily gaps seed 117,
  // 301 of 310): the flow's window capacity counts the shortest items of
  // any topic, so with one long item of a high-priority topic in a short
  // window the bound is out of reach. Since the levels: seed 121 166 of
  // 168, 117 still 301 of 310. Of the whole-problem bound (2026-11-26):
  // 98.4% and 96.9% in all, the lowest seeds 81% (121, 166 of 205) and
  // 80% (128, 554 of 689 with daily gaps). The whole bound counts plays
  // of every priority alike, and relaxes the packing of mixed lengths
  // and the daily chains, so part of that gap no schedule closes.
  Totals none = runSeeds(100, 40, Lengths::kMixed, Gaps::kNone, {0.92, 0.80});
  Totals daily = runSeeds(100, 40, Lengths::kMixed, Gaps::kDaily, {0.97, 0.80});
  WARN("mixed lengths: placed " << none.unit.placed << " of unit bounds " << none.unit.bound << " and a whole "
                                << "bound of " << none.whole.bound << "; with daily gaps " << daily.unit.placed
                                << " of " << daily.unit.bound << " and " << daily.whole.bound);
  REQUIRE(none.unit.ratio() >= 0.98);
  REQUIRE(daily.unit.ratio() >= 0.98);
  // What holds today: 99.7% and 99.6% of the unit bounds.
  REQUIRE(none.unit.ratio() >= 0.997);
  REQUIRE(daily.unit.ratio() >= 0.996);
  REQUIRE(none.whole.ratio() >= 0.98);
  REQUIRE(daily.whole.ratio() >= 0.965);
}

// The per-unit reference's "one play a day" does not hold for gaps shorter
// than a day; the whole-problem bound does. What holds today: 5,567 plays
// of 5,608 with one length (99.3%), 5,350 of 5,408 mixed (98.9%).
TEST_CASE("any min_gap: gaps, windows and overlaps hold, never above the bound", "[planner]") {
  Share equal, mixed;
  for (std::uint32_t seed = 200; seed < 230; ++seed) {
    INFO("seed " << seed);
    for (Lengths lengths : {Lengths::kEqual, Lengths::kMixed}) {
      auto sc = test::makeRandomScenario(seed, lengths, Gaps::kAny);
      PlanResult result = planSchedule(sc.input);
      checkSchedule(sc, result);
      std::int64_t whole = wholeBound(sc.input);
      REQUIRE(plays(result) <= whole);
      REQUIRE(plays(result) <= result.stats.bound);
      // With one length the planner reaches the bound it states.
      if (lengths == Lengths::kEqual) REQUIRE(plays(result) == result.stats.bound);
      (lengths == Lengths::kEqual ? equal : mixed).add(plays(result), whole);
    }
  }
  REQUIRE(equal.ratio() >= 0.99);
  REQUIRE(mixed.ratio() >= 0.985);
}

TEST_CASE("the same input gives the same schedule", "[planner]") {
  // Mixed lengths, and the seeds whose units the exact packing solves.
  std::vector<std::tuple<std::uint32_t, Lengths, Gaps>> cases;
  for (std::uint32_t seed = 300; seed < 310; ++seed) cases.emplace_back(seed, Lengths::kMixed, Gaps::kAny);
  for (std::uint32_t seed : {20, 22, 35}) cases.emplace_back(seed, Lengths::kEqual, Gaps::kDaily);
  for (const auto& [seed, lengths, gaps] : cases) {
    INFO("seed " << seed);
    auto sc = test::makeRandomScenario(seed, lengths, gaps);
    PlanResult a = planSchedule(sc.input);
    PlanResult b = planSchedule(test::makeRandomScenario(seed, lengths, gaps).input);
    REQUIRE(a.entries.size() == b.entries.size());
    for (std::size_t i = 0; i < a.entries.size(); ++i) REQUIRE(entryKey(a.entries[i]) == entryKey(b.entries[i]));
    REQUIRE(a.shortfalls.size() == b.shortfalls.size());
    for (std::size_t i = 0; i < a.shortfalls.size(); ++i) {
      const auto &x = a.shortfalls[i], &y = b.shortfalls[i];
      REQUIRE(std::tie(x.topic, x.target, x.period, x.required, x.scheduled, x.reason) ==
              std::tie(y.topic, y.target, y.period, y.required, y.scheduled, y.reason));
    }
    REQUIRE(a.stats.bound == b.stats.bound);
  }
}

TEST_CASE("re-planning keeps the past and the pins", "[planner]") {
  for (std::uint32_t seed = 400; seed < 410; ++seed) {
    INFO("seed " << seed);
    auto sc = test::makeRandomScenario(seed, Lengths::kMixed, Gaps::kDaily);
    PlanResult first = planSchedule(sc.input);
    Millis now = test::localInstant(sc.input.first_day + 5, 12 * 60);
    std::vector<PlanEntry> fixed;
    for (PlanEntry e : first.entries) {
      if (e.origin == EntryOrigin::kPinned) fixed.push_back(e);
      else if (e.start_ms < now) {
        e.origin = EntryOrigin::kKept;
        fixed.push_back(e);
      }
    }
    auto again = sc;
    again.input.fixed = fixed;
    again.input.now_ms = now;
    PlanResult second = planSchedule(again.input);
    checkSchedule(again, second);
    REQUIRE(plays(second) <= wholeBound(again.input));  // from now on, around the past
    for (const auto& f : fixed) {
      bool kept = std::any_of(second.entries.begin(), second.entries.end(),
                              [&](const PlanEntry& e) { return entryKey(e) == entryKey(f); });
      REQUIRE(kept);
    }
  }
}

// Channels whose inputs are the same get the same plays (the planner plans
// such a channel once and copies it, docs/planner.md "Identical channels");
// a copy that differs by one pin, put where the channel's first play was
// when planned without copies, is planned on its own: none of its plays
// overlaps the pin (checkSchedule).
TEST_CASE("identical channels get identical plays, a channel differing by one pin gets its own", "[planner]") {
  for (std::uint32_t seed = 500; seed < 520; ++seed) {
    INFO("seed " << seed);
    auto sc = test::makeRandomScenario(seed, Lengths::kMixed, Gaps::kDaily);
    const std::size_t originals = sc.input.channels.size();
    const PlanResult alone = planSchedule(sc.input);
    for (std::size_t c = 0; c < originals; ++c) {
      PlanChannel same = sc.input.channels[c], pinned = same;
      same.id += "-same";
      pinned.id += "-pinned";
      for (const PlanEntry& f : std::vector<PlanEntry>(sc.input.fixed)) {
        if (f.channel != sc.input.channels[c].id) continue;
        PlanEntry g = f;
        for (const std::string& id : {same.id, pinned.id}) {
          g.channel = id;
          sc.input.fixed.push_back(g);
        }
      }
      auto first = std::find_if(alone.entries.begin(), alone.entries.end(), [&](const PlanEntry& e) {
        return e.channel == sc.input.channels[c].id && e.origin == EntryOrigin::kPlanned;
      });
      if (first != alone.entries.end()) {
        PlanEntry pin = *first;
        pin.channel = pinned.id;
        pin.origin = EntryOrigin::kPinned;
        sc.input.fixed.push_back(pin);
      }
      sc.input.channels.push_back(same);
      sc.input.channels.push_back(pinned);
    }
    PlanResult result = planSchedule(sc.input);
    checkSchedule(sc, result);  // no play overlaps the pins
    REQUIRE(plays(result) <= test::referenceBound(sc, result));
    REQUIRE(plays(result) <= wholeBound(sc.input));

    std::map<std::string, std::vector<std::tuple<Millis, Millis, std::string>>> plays_of;
    for (const PlanEntry& e : result.entries)
      if (e.origin == EntryOrigin::kPlanned) plays_of[e.channel].emplace_back(e.start_ms, e.end_ms, e.item);
    for (std::size_t c = 0; c < originals; ++c) {
      const std::string& id = sc.input.channels[c].id;
      INFO("channel " << id);
      // A topic aimed at the channel by id does not reach its copies.
      if (std::count(sc.topic_targets.begin(), sc.topic_targets.end(), id)) continue;
      REQUIRE(plays_of[id + "-same"] == plays_of[id]);
    }
  }
}

// Items of a topic take turns: the least recently aired goes first (never
// aired before all others), so over any three plays of a three-item topic
// each item airs once.
TEST_CASE("items rotate: least recently aired first", "[planner]") {
  PlanInput in;
  in.campaign.id = "rot";
  in.first_day = toDayNumber(Date{std::chrono::year{2026}, std::chrono::June, std::chrono::day{1}});
  in.last_day = in.first_day + 9;
  in.campaign.start = toDate(in.first_day);
  in.campaign.end = toDate(in.last_day);
  PlanChannel channel{"ward", ChannelKind::kLoudspeaker, {"ward"}, {}};
  for (DayNumber day = in.first_day; day <= in.last_day; ++day)
    channel.windows.push_back({"morning", day, test::localInstant(day, 6 * 60), test::localInstant(day, 6 * 60 + 30)});
  in.channels.push_back(channel);
  Topic topic;
  topic.id = "t";
  topic.title = "t";
  Quota quota;
  quota.target = "ward";
  quota.plays = 2;
  quota.per = QuotaPeriod::kDay;
  topic.quotas.push_back(quota);
  in.campaign.topics.push_back(topic);
  auto item = [&](const std::string& id, std::optional<Millis> aired) {
    PlanItem it;
    it.id = id;
    it.topic = "t";
    it.duration_ms = 60'000;
    it.last_aired_ms = aired;
    in.items.push_back(it);
  };
  item("a", test::localInstant(in.first_day - 1, 6 * 60));   // aired yesterday
  item("b", std::nullopt);                                    // never aired
  item("c", test::localInstant(in.first_day - 30, 6 * 60));  // aired a month ago

  PlanResult result = planSchedule(in);
  std::vector<std::string> order;
  for (const PlanEntry& e : result.entries) order.push_back(e.item);
  REQUIRE(order.size() == 20);
  CHECK(std::vector<std::string>(order.begin(), order.begin() + 3) == std::vector<std::string>{"b", "c", "a"});
  for (std::size_t i = 0; i + 2 < order.size(); ++i) {
    INFO("plays " << i << ".." << i + 2);
    CHECK(std::set<std::string>{order[i], order[i + 1], order[i + 2]}.size() == 3);
  }
}
