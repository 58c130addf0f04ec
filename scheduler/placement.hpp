#pragma once
// Placement: a planned play on one channel as the planner keeps it while it
// works (24 bytes instead of a PlanEntry's five strings). A province-year
// has about twelve million of them; they become PlanEntry values once, in
// schedule order, at the end of the run (planner.cpp).
#include <cstdint>
#include <vector>

#include "scheduler/plan_model.hpp"

namespace wardcast::planner {

struct Placement {
  std::int32_t channel = 0;  // index in PlanInput::channels
  std::int32_t window = 0;   // index of the instance in AirTimeBook::windows(channel)
  std::int32_t item = 0;     // index in PlanInput::items
  Millis start_ms = 0;       // ends start_ms + the item's duration
};

}  // namespace wardcast::planner
