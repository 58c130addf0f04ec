#pragma once
// Tiny random stations for the whole-problem optimum (whole_optimum.hpp),
// from a seed: 2 to 4 channels (the ward, one or two neighbourhoods, maybe
// an LED screen), 3 to 6 days, windows of 6 to 16 minutes, 2 to 5 topics
// with items of 1 to 3 whole minutes, min_gaps of none, 4 minutes, 12
// hours or a day, quotas per day, week or campaign (some on chosen
// weekdays), pins (a group topic's pin on every member at once, as a group play)
// and sometimes a `now` inside the range. Every instant is on the whole
// minute, so the optimum's grid is a minute. As in random_station.hpp each
// topic has one target and one min_gap, so an entry tells which target it
// served.
#include <cstdint>

#include "tests/planner/random_station.hpp"

namespace wardcast::test {

RandomScenario makeTinyScenario(std::uint32_t seed);

}  // namespace wardcast::test
