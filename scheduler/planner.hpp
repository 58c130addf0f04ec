#pragma once
// The planner (SPEC §3 data flow, `plan apply`): fills each channel's
// windows over a date range with approved items so that every topic's
// quotas are met where capacity allows. See docs/planner.md for the model,
// the bound and its proofs.
//
// planSchedule() is a pure function: the same PlanInput gives the same
// PlanResult, field for field (no clock, no randomness, no hash-order
// iteration). Fixed entries (pins, the past) are returned unchanged and
// count towards the quotas of their period.
//
// Order of work (scheduler/planning_order.hpp): every target's quotas are
// cut by priority level; levels run highest first, and within a level
//   1. group targets ("group:NAME"), largest group first: plays that occupy
//      the same interval on every member channel;
//   2. per channel, channel-id and "kind:KIND" targets;
// each in the time the units before it left. A target's consecutive
// levels are one unit unless another unit on its channels runs between.
// Each step is a PlanningUnit solved by a max-flow allocation followed by
// packing (scheduler/unit_planner.hpp). PlanStats::bound is the sum of the
// units' max-flow values: an upper bound on the plays placed, given the
// plays of the units planned before each (lexicographic by priority).
//
// Threads: none of its own; call from any one thread.
#include "scheduler/plan_model.hpp"

namespace wardcast::planner {

PlanResult planSchedule(const PlanInput& input);

// The windows of the station's channels as WindowInstances is in
// scheduler/window_instances.hpp; this is only the core.

}  // namespace wardcast::planner
