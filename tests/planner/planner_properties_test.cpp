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

using namespace wardcast;
using namespace wardcast::planner;
using test::Gaps;
using test::Lengths;

namespace {

const PlanItem* findItem(const PlanInput& in, const std::string& id) {
  for (const auto& item : in.items)
    if (item.id == id) return &item;
  return nullptr;
}

int topicIndex(const PlanInput& in, const std::string& id) {
  for (std::size_t t = 0; t < in.campaign.topics.size(); ++t)
    if (in.campaign.topics[t].id == id) return int(t);
  return -1;
}

auto entryKey(const PlanEntry& e) {
  return std::tie(e.channel, e.start_ms, e.end_ms, e.day, e.item, e.topic, e.campaign, e.media,
                  e.origin, e.window);
}

void checkSchedule(const test::RandomScenario& sc, const PlanResult& result) {
  const PlanInput& in = sc.input;
  std::map<std::string, std::vector<const PlanEntry*>> by_channel;
  for (const auto& e : result.entries) by_channel[e.channel].push_back(&e);
  for (const auto& channel : in.channels) {
    const auto& list = by_channel[channel.id];
    std::map<std::pair<std::string, DayNumber>, std::set<std::string>> items_in_window;
    std::map<std::string, std::vector<std::pair<Millis, bool>>> topic_starts;  // start, planned
    for (std::size_t i = 0; i < list.size(); ++i) {
      const PlanEntry& e = *list[i];
      INFO("channel " << channel.id << " entry " << e.item << " at " << e.start_ms);
      if (i > 0) REQUIRE(list[i - 1]->end_ms <= e.start_ms);  // no overlap
      topic_starts[e.topic].emplace_back(e.start_ms, e.origin == EntryOrigin::kPlanned);
      if (e.origin != EntryOrigin::kPlanned) continue;
      const PlanItem* item = findItem(in, e.item);
      REQUIRE(item != nullptr);
      REQUIRE(e.end_ms - e.start_ms == item->duration_ms);  // real duration
      REQUIRE(item->valid_from <= e.day);
      REQUIRE(e.day <= item->valid_to);
      REQUIRE(e.start_ms >= in.now_ms);
      REQUIRE((item->media == ItemMedia::kVideo) == (channel.kind == ChannelKind::kLed));
      bool inside = std::any_of(channel.windows.begin(), channel.windows.end(), [&](const auto& w) {
        return w.window_id == e.window && w.day == e.day && w.start_ms <= e.start_ms && e.end_ms <= w.end_ms;
      });
      REQUIRE(inside);
      REQUIRE(items_in_window[{e.window, e.day}].insert(e.item).second);  // never twice in a window
      // Only where the topic's target reaches.
      const std::string& target = sc.topic_targets[std::size_t(topicIndex(in, e.topic))];
      bool reaches = target == channel.id ||
                     target == (channel.kind == ChannelKind::kLed ? "kind:led" : "kind:loudspeaker") ||
                     std::count(channel.groups.begin(), channel.groups.end(), target.substr(6)) > 0;
      REQUIRE(reaches);
    }
    for (const auto& [topic, starts] : topic_starts) {
      Millis gap = sc.topic_gaps[std::size_t(topicIndex(in, topic))];
      // Between plays the planner placed (fixed entries are where staff put them).
      for (std::size_t i = 1; i < starts.size(); ++i) {
        INFO("min_gap of " << topic << " on " << channel.id);
        if (starts[i].second || starts[i - 1].second) REQUIRE(starts[i].first - starts[i - 1].first >= gap);
      }
    }
  }
  // Group plays are simultaneous on every member.
  for (std::size_t t = 0; t < in.campaign.topics.size(); ++t) {
    const std::string& target = sc.topic_targets[t];
    if (target.rfind("group:", 0) != 0) continue;
    std::set<std::string> members;
    for (const auto& c : in.channels)
      if (std::count(c.groups.begin(), c.groups.end(), target.substr(6))) members.insert(c.id);
    std::map<std::tuple<Millis, Millis, std::string>, std::set<std::string>> at;
    for (const auto& e : result.entries)
      if (e.origin == EntryOrigin::kPlanned && e.topic == in.campaign.topics[t].id)
        at[{e.start_ms, e.end_ms, e.item}].insert(e.channel);
    for (const auto& [when, channels] : at) REQUIRE(channels == members);
  }
}

std::int64_t plays(const PlanResult& result) { return result.stats.plays_placed; }

// Sums over the seeds of plays placed and of the reference bound.
struct Totals {
  std::int64_t placed = 0;
  std::int64_t bound = 0;
  double worst = 1.0;  // the lowest placed / bound of a seed
  int short_seeds = 0;  // seeds that place less than the bound
  double ratio() const { return bound == 0 ? 1.0 : double(placed) / double(bound); }
};

// Per seed: the plays placed are at least `floor` of the smaller of the two
// bounds (the planner's own, and the independent reference).
Totals runSeeds(std::uint32_t first, std::uint32_t count, Lengths lengths, Gaps gaps, double floor) {
  Totals totals;
  for (std::uint32_t seed = first; seed < first + count; ++seed) {
    INFO("seed " << seed);
    auto sc = test::makeRandomScenario(seed, lengths, gaps);
    PlanResult result = planSchedule(sc.input);
    checkSchedule(sc, result);
    std::int64_t reference = test::referenceBound(sc, result);
    REQUIRE(plays(result) <= reference);  // the reference is an upper bound
    REQUIRE(plays(result) <= result.stats.bound);
    if (gaps == Gaps::kNone) REQUIRE(result.stats.bound == reference);
    if (gaps == Gaps::kNone && lengths == Lengths::kEqual) REQUIRE(plays(result) == reference);
    std::int64_t bound = std::min(reference, result.stats.bound);
    INFO("placed " << plays(result) << " of " << bound);
    CHECK(double(plays(result)) >= floor * double(bound));
    totals.placed += plays(result);
    totals.bound += bound;
    totals.short_seeds += plays(result) < bound;
    totals.worst = std::min(totals.worst, bound == 0 ? 1.0 : double(plays(result)) / double(bound));
  }
  return totals;
}

}  // namespace

TEST_CASE("equal lengths: plays placed equal the max-flow bound", "[planner]") {
  Totals totals = runSeeds(1, 40, Lengths::kEqual, Gaps::kNone, 1.0);
  REQUIRE(totals.placed == totals.bound);
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
  std::int64_t placed = 0, flow = 0;
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
    placed += plays(result);
    flow += reference;
    if (*optimum < reference) relaxed.push_back(seed);
  }
  WARN("equal lengths, daily gaps: placed " << placed << " = the optimum; the flow bound " << flow << "; seeds "
                                            << "where it is out of reach: " << relaxed.size());
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

TEST_CASE("mixed lengths: within 2% of the bound over all seeds", "[planner]") {
  // Per seed, the lowest share that held before units ran by priority
  // level (seed 121, 173 of 188; with daily gaps seed 117, 301 of 310):
  // the flow's window capacity counts the shortest items of any topic, so
  // with one long item of a high-priority topic in a short window the
  // bound is out of reach. Since the levels: seed 121 166 of 168, 117 still
  // 301 of 310.
  Totals none = runSeeds(100, 40, Lengths::kMixed, Gaps::kNone, 0.92);
  Totals daily = runSeeds(100, 40, Lengths::kMixed, Gaps::kDaily, 0.97);
  WARN("mixed lengths: placed " << none.placed << " of bound " << none.bound << "; with daily gaps "
                                << daily.placed << " of " << daily.bound);
  REQUIRE(none.ratio() >= 0.98);
  REQUIRE(daily.ratio() >= 0.98);
  // What holds today: 99.7% and 99.6%.
  REQUIRE(none.ratio() >= 0.997);
  REQUIRE(daily.ratio() >= 0.996);
}

TEST_CASE("any min_gap: gaps, windows and overlaps hold, never above the bound", "[planner]") {
  for (std::uint32_t seed = 200; seed < 230; ++seed) {
    INFO("seed " << seed);
    for (Lengths lengths : {Lengths::kEqual, Lengths::kMixed}) {
      auto sc = test::makeRandomScenario(seed, lengths, Gaps::kAny);
      PlanResult result = planSchedule(sc.input);
      checkSchedule(sc, result);
      REQUIRE(plays(result) <= result.stats.bound);
      // With one length the planner reaches the bound it states (its own:
      // the reference's "one play a day" does not hold for shorter gaps).
      if (lengths == Lengths::kEqual) REQUIRE(plays(result) == result.stats.bound);
    }
  }
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
