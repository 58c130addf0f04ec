#pragma once
// An upper bound on the plays of any schedule of a whole problem
// (whole_problem.hpp), all places and all priority levels at once, owing
// the planner nothing: a program over counts, one column per (demand,
// window) for the plays the demand puts there, solved by COIN-OR CBC as a
// linear program (its value rounded down; on the random stations the
// integer optimum is the same or one less, at three times the cost).
//
// Modelled as stated: each demand's plays, the topic's distinct items per
// window and channel, group plays taking time on every member.
// Relaxed (so every schedule is a solution, and the value bounds them):
// * a window's free time is one pool: the plays on a channel in a window
//   take at most its free time at their topics' shortest items, and count
//   at most as many distinct items, shortest first, as fit in each of its
//   free fragments; which play goes in which fragment is not modelled;
// * min_gap: plays of a topic on a channel whose possible starts (from the
//   earliest start keeping the gap to its pins to the latest) all lie
//   within one gap of each other hold one play among them, a window with
//   no start keeping the gap to its pins holds none, and one window at
//   most 1 + (latest - earliest start) / gap; a daily topic's start
//   creeping later from day to day is not modelled.
// Priorities are not modelled: it bounds the plays of every level together.
#include <cstdint>

#include "tests/planner/whole_problem.hpp"

namespace wardcast::test::whole {

std::int64_t wholeBound(const Problem& problem);

}  // namespace wardcast::test::whole
