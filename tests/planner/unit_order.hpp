#pragma once
// The planner's planning units for a random scenario, in the order they
// run (docs/planner.md, "Decomposition"), worked out apart from the
// planner's code for the reference bound and the chain optimum: a target
// unit's quotas are cut by priority level; levels run highest first, within
// a level groups (largest first, then by name) before channels (by id); a
// target unit's consecutive levels are one unit unless another unit on one
// of its channels runs between them.
#include <set>
#include <string>
#include <vector>

#include "scheduler/plan_model.hpp"
#include "tests/planner/random_station.hpp"

namespace wardcast::test {

struct OrderedUnit {
  std::string target;                // "group:NAME" or a channel id
  std::vector<int> members;          // channel indices
  std::vector<std::string> serves;   // topic targets it plans
  std::set<int> priorities;          // topic priorities it plans
};

std::vector<OrderedUnit> unitsInOrder(const RandomScenario& scenario);

// Index of the unit that plans topic `topic` on channel `channel`, or -1.
int unitOf(const std::vector<OrderedUnit>& units, const RandomScenario& scenario, int topic, int channel);

}  // namespace wardcast::test
