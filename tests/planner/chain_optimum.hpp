#pragma once
// The most plays a planning unit can hold when a single topic reaches it
// and that topic keeps a min_gap of a day or more: every schedule's plays
// of the topic form a chain (consecutive starts at least the gap apart)
// inside the time the unit had (its windows minus pins and the plays of
// the units planned before it), so the longest such chain bounds them.
// Computed apart from the planner's code, from the scenario and the
// planner's result; used where the flow bound, which only knows "one play
// a day", is out of reach.
#include <cstdint>
#include <string>
#include <vector>

#include "scheduler/plan_model.hpp"
#include "tests/planner/random_station.hpp"

namespace wardcast::test {

struct ChainUnit {
  std::string target;        // "group:NAME" or a channel id
  int topic = 0;             // its only topic
  bool quota_binds = true;   // false: a quota asks a play every day of each of its periods
  std::int64_t placed = 0;   // plays the planner placed for it (on one member)
  std::int64_t longest = 0;  // the longest chain its free time allows
};

std::vector<ChainUnit> singleChainUnits(const RandomScenario& scenario, const planner::PlanResult& result);

}  // namespace wardcast::test
