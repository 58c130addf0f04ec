#pragma once
// What a station's staff would check in any schedule the planner makes for
// a random scenario (random_station.hpp, tiny_station.hpp), as Catch2
// assertions: no overlaps on a channel; planned entries last their item's
// real duration, lie inside a window of their channel on a day the item is
// valid, not before now, on a channel of the item's media that the topic's
// target reaches; no item twice in a window of a channel; the topic's
// min_gap between its plays on a channel where one of them is planned;
// a group topic's plays at the same time on every member.
#include <cstdint>
#include <vector>

#include "scheduler/plan_model.hpp"
#include "tests/planner/random_station.hpp"

namespace wardcast::test {

void checkSchedule(const RandomScenario& scenario, const planner::PlanResult& result);

// The planned plays per topic priority level of the campaign, highest
// first; a group topic's play (one entry per member) counts once.
std::vector<std::int64_t> plannedPlaysByLevel(const RandomScenario& scenario,
                                              const planner::PlanResult& result);

}  // namespace wardcast::test
