#pragma once
// The planning problem of a PlanInput, read from the problem statement
// alone (SPEC §3, docs/planner.md "Decomposition" and "The network" for
// what a quota asks), for the whole-problem references of the tests
// (whole_bound.hpp, whole_optimum.hpp). It calls no planner code (its
// own calendar, its own windows) and knows nothing of the planner's
// units, their order or its placements.
//
// The statement, as the references read it:
// * A quota's target is a channel id (that channel), "kind:KIND" (each
//   channel of that kind, on its own) or "group:NAME" (all members at
//   once: a group play occupies the same interval on every member and
//   counts once). Each is a Place: a set of member channels.
// * A Place's windows are the window instances (same id, same local day)
//   present on every member, cut to the interval all of them share; their
//   free time is what no fixed entry on any member takes, from now_ms on.
// * A Demand is one quota in one period (day, ISO week, month, quarter,
//   campaign) on one place, over the days of its topic (campaign, topic
//   start and end, and the range) and, with `days`, only the periods that
//   have one of those weekdays. It asks for the quota's plays minus the
//   fixed plays of the topic in the period on the place (on a group: the
//   fewest on any member, which never asks less than the statement).
//   Every play serves one demand, in an allowed window of its period.
// * An Option is a window a demand may use, with the items of the topic
//   playable there (valid that day; audio on loudspeakers, video on LED
//   screens, on every member), each at most once per window and channel.
// * Plays of one topic on one channel keep the topic's min_gap (start to
//   start; the smallest of its quotas') to each other and to its fixed
//   plays there. Plays never overlap each other or a fixed entry.
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "scheduler/plan_model.hpp"

namespace wardcast::test::whole {

using planner::DayNumber;
using planner::Millis;

struct Span {
  Millis start = 0;
  Millis end = 0;
  Millis length() const { return end - start; }
};

// One window instance of a place.
struct PlaceWindow {
  std::string id;
  DayNumber day = 0;
  std::vector<Span> free;          // shared by every member, sorted, disjoint
  std::vector<int> member_window;  // per member: index in that channel's windows
};

struct Place {
  std::vector<int> members;  // channel indices, ascending
  std::vector<PlaceWindow> windows;
};

struct Option {
  int window = 0;          // index in the place's windows
  std::vector<int> items;  // indices in PlanInput::items, playable there
};

struct Demand {
  int topic = 0;  // index in the campaign's topics
  int quota = 0;  // index in the topic's quotas
  int place = 0;
  int required = 0;             // > 0
  std::vector<Option> options;  // in time order, never empty
};

struct Problem {
  const planner::PlanInput* input = nullptr;  // read by readProblem(); must outlive the Problem
  std::vector<Place> places;
  std::vector<Demand> demands;
  // Per channel: the free time of each of its window instances.
  std::vector<std::vector<std::vector<Span>>> channel_free;
  std::vector<Millis> topic_gap;                                    // per topic; 0: none
  std::map<std::pair<int, int>, std::vector<Millis>> fixed_starts;  // (channel, topic)

  int priorityOf(const Demand& demand) const;
  Millis lengthOf(int item) const;
  // Starts of the topic's fixed plays on any member of the place.
  std::vector<Millis> fixedStartsOn(const Place& place, int topic) const;
};

Problem readProblem(const planner::PlanInput& input);

// The topic priorities of the campaign, highest (1) first.
std::vector<int> priorityLevels(const Problem& problem);

// What a reference maximises: every play alike, or by priority as SPEC §3
// asks (the most plays of the highest level, then of the next; a group
// play counts once, as in PlanStats::plays_placed).
enum class Objective { kMostPlays = 1, kByPriority };
// Per demand: the weight of one of its plays. With kByPriority one play of
// a level outweighs every play the levels below it could ask for.
std::vector<double> playWeights(const Problem& problem, Objective objective);
// Per priority level, highest first: the plays of `plays_per_demand`.
std::vector<std::int64_t> playsByLevel(const Problem& problem,
                                       const std::vector<std::int64_t>& plays_per_demand);

}  // namespace wardcast::test::whole
