#pragma once
// The planning units of a random scenario as the tests' own references
// see them (reference_bound.hpp, reference_optimum.hpp), worked out apart
// from the planner's code: for each unit in the planner's order
// (unit_order.hpp), its windows with the free time the units before it
// left (read from the planner's result), the demands of its quotas per
// period with the plays still required after the pins, and per topic and
// window the items playable there.
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "scheduler/plan_model.hpp"
#include "tests/planner/random_station.hpp"
#include "tests/planner/unit_order.hpp"

namespace wardcast::test {

struct Span {
  planner::Millis start, end;
};

struct RefWindow {
  std::string id;
  planner::DayNumber day;
  std::vector<Span> free;  // common to every member, sorted
};

struct RefDemand {
  int topic = 0;                    // index in the campaign's topics
  int quota = 0;                    // index in the topic's quotas
  int required = 0;                 // > 0
  std::vector<std::size_t> windows;  // allowed windows of the period, in time order
};

struct RefUnit {
  OrderedUnit unit;
  std::vector<RefWindow> wins;
  std::vector<RefDemand> demands;
  std::vector<std::set<int>> win_topics;  // per window: topics whose quotas allow it
  // Lengths of the items of a topic playable in a window (empty: none).
  std::map<std::pair<int, std::size_t>, std::vector<planner::Millis>> lengths;
  std::map<int, std::vector<planner::Millis>> fixed_starts;  // per topic: its pins on members
  std::int64_t placed = 0;  // plays the planner placed for the unit (on its first member)

  const std::vector<planner::Millis>& lengthsOf(int topic, std::size_t win) const;
};

std::vector<RefUnit> referenceUnits(const RandomScenario& scenario, const planner::PlanResult& result);

}  // namespace wardcast::test
