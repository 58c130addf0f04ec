#pragma once
// Random stations and campaigns for the planner's property tests, from a
// seed. Each topic has one target, one min_gap and one set of allowed
// windows (shared by its quotas), so the tests can tell from an entry which
// target it served, and the min_gap relaxation of the planner and of the
// reference bound is the same (docs/planner.md, "min_gap").
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "scheduler/plan_model.hpp"

namespace wardcast::test {

enum class Lengths { kEqual = 1, kMixed };
enum class Gaps { kNone = 1, kDaily, kAny };

struct RandomScenario {
  planner::PlanInput input;
  std::vector<std::string> topic_targets;     // by topic index
  std::vector<planner::Millis> topic_gaps;    // by topic index
};

constexpr planner::Millis kMinute = 60'000;
constexpr planner::Millis kDay = 24 * 60 * kMinute;
constexpr planner::Millis kUtcOffset = 7 * 60 * kMinute;  // the station is at UTC+7

// Instant of local time `minute` on local day `day`.
inline planner::Millis localInstant(planner::DayNumber day, int minute) {
  return planner::Millis(day) * kDay + minute * kMinute - kUtcOffset;
}

RandomScenario makeRandomScenario(std::uint32_t seed, Lengths lengths, Gaps gaps);

}  // namespace wardcast::test
