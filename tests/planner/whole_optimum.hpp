#pragma once
// The exact optimum of a whole problem (whole_problem.hpp), all places and
// all priority levels at once, owing the planner nothing: a time-indexed
// integer program (COIN-OR CBC), one 0/1 column per (demand, window, item
// length, start) with every start on a grid of g ms, g the greatest common
// divisor of every window bound, fixed entry bound, now_ms, item length
// and min_gap of the input (a topic's items of one length playable in a
// window differ only by name). Rows, as stated:
// * a demand places at most the plays it asks for;
// * a topic's plays of one length in a window instance of a channel at
//   most its items of that length playable there (each item once);
// * no two plays overlap on a channel (nor a fixed entry: no column does);
// * a topic's plays on a channel start at least its min_gap apart (and
//   no column starts within it of a fixed play of the topic there).
// Exact, not a relaxation: move every play of an optimal schedule as early
// as it goes, in time order; each stops at a free fragment's start, the
// end of a play or a gap after a play or pin, all on the grid, so some
// optimal schedule starts every play on it.
//
// Two objectives: the most plays in all, and the planner's (the most plays
// of the highest priority level, then of the next). For tiny stations
// only (tests/planner/tiny_station.hpp): nullopt when the program would
// exceed kMaxColumns or CBC does not prove the optimum.
#include <cstdint>
#include <optional>
#include <vector>

#include "tests/planner/whole_problem.hpp"

namespace wardcast::test::whole {

struct WholeOptimum {
  std::int64_t most_plays = 0;         // the most plays any schedule places
  std::vector<std::int64_t> by_level;  // lexicographically best plays per level, highest first
};

constexpr std::size_t kMaxColumns = 6'000;

std::optional<WholeOptimum> wholeOptimum(const Problem& problem);

}  // namespace wardcast::test::whole
