#pragma once
// The exact optimum of each planning unit, computed apart from the
// planner's code, for scenarios whose items all have one length: a
// time-indexed integer program (COIN-OR CBC) over every whole minute of
// the unit's free time, per unit in the planner's order and in the time
// the units before it left (reference_units.hpp). Exact when every window
// bound, pin and play starts on a whole minute and the items last whole
// minutes, which holds for the random stations (windows and pins on whole
// minutes, 3-minute items, gaps of whole days): then some optimal schedule
// starts every play on a minute (shift each play as early as it goes).
//
// The objective is the planner's: the most plays of the unit's highest
// priority level, then of the next. Used where the flow bound, which
// relaxes min_gap to "one play a day", is out of reach.
#include <cstdint>
#include <optional>

#include "scheduler/plan_model.hpp"
#include "tests/planner/random_station.hpp"

namespace wardcast::test {

// The sum over units of their optimum, or nullopt when a unit mixes item
// lengths, has time off the minute grid, or was not solved to optimality.
std::optional<std::int64_t> referenceOptimum(const RandomScenario& scenario, const planner::PlanResult& result);

}  // namespace wardcast::test
