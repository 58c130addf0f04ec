#pragma once
// ExactPacking: the most plays a planning unit can hold, solved as an
// integer program (COIN-OR CBC), for units whose items all have one length
// and whose packing fell short of the flow bound (docs/planner.md, "Exact
// packing").
//
// The unit planner hands over every option a play has: a demand, a window
// and a start instant from a finite candidate set that contains a start of
// every play of some optimal schedule (the planner builds it by closure,
// see UnitPlanner::solveExactly). The program chooses options so that
//   * a demand gets at most the plays it still requires;
//   * a topic plays in a window at most as many times as it has distinct
//     items playable there;
//   * no two chosen plays overlap in time (all have the same length);
//   * two plays of a topic with a min_gap start at least the gap apart;
// and maximises the plays lexicographically by priority level (the most
// plays of the highest level, then of the next, ...). Solved to proven
// optimality, the count bounds the plays of every schedule of the unit
// that gives each level as many as it can after the levels above it (for
// a unit of one level, every schedule), and the chosen plays reach it.
//
// Deterministic: single-threaded, a node limit rather than a time limit.
#include <cstdint>
#include <vector>

#include "scheduler/plan_model.hpp"

namespace wardcast::planner {

struct ExactProblem {
  struct Option {
    int demand = 0;
    int window = 0;  // the unit's window index
    Millis start = 0;
  };
  struct DemandInfo {
    int topic = 0;
    int level = 0;  // 0 = highest priority of the unit
    int required = 0;
  };
  // At most `count` chosen options of `topic` in `window`.
  struct ItemLimit {
    int topic = 0;
    int window = 0;
    int count = 0;
  };
  Millis length = 0;                 // every play's length
  std::vector<DemandInfo> demands;
  std::vector<Millis> topic_gaps;    // per topic (the unit's numbering), 0 = none
  std::vector<ItemLimit> item_limits;
  std::vector<Option> options;
  std::vector<int> start;  // options of a known schedule (the packing's), may be empty
  std::int64_t node_limit = 2'000;
};

struct ExactSolution {
  bool solved = false;   // a schedule was found (possibly none better than empty)
  bool optimal = false;  // proven optimal: `plays` bounds every schedule of the unit
  std::int64_t plays = 0;
  std::vector<int> chosen;  // indices into ExactProblem::options, by start
};

ExactSolution solveExactPacking(const ExactProblem& problem);

}  // namespace wardcast::planner
