#pragma once
// An upper bound on the plays a schedule can place, computed apart from
// the planner's own code: its own demand and window model, its own
// Edmonds–Karp max-flow, and min_gap of a day or more relaxed to "one play
// per local day" instead of the planner's blocks (and no play in a window
// where every start is closer than the gap to a pin of the topic). Like the planner, it
// plans the units of tests/planner/unit_order.hpp in their order (by
// priority level, groups before channels within a level), each in the time
// the units before it left, read from the planner's result.
#include <cstdint>

#include "scheduler/plan_model.hpp"
#include "tests/planner/random_station.hpp"
#include "tests/planner/reference_units.hpp"

namespace wardcast::test {

std::int64_t referenceBound(const RandomScenario& scenario, const planner::PlanResult& result);
// The same for one unit.
std::int64_t unitFlowBound(const RandomScenario& scenario, const RefUnit& unit);

}  // namespace wardcast::test
