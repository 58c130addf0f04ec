#pragma once
// The planner's decomposition (docs/planner.md, "Decomposition"): which
// planning units run, with which quotas, in which order.
//
// Every target unit (a group target; a channel with its channel-id and
// kind targets) is cut by priority level into atoms: its quotas whose topic
// has that priority. Atoms run by priority level, highest (1) first; within
// a level, groups before channels, larger groups first, then by name;
// channels by id. Consecutive atoms of one target unit are one planning
// unit (its flow then orders them by priority) unless an atom of another
// target unit that shares a channel with it comes between them. So a unit
// never plans a topic before a topic of higher priority that wants time on
// one of its channels, and a station whose groups and channels do not
// interleave priorities keeps one unit per target, as before.
//
// A pure function of the PlanContext (targets, memberships, priorities);
// reads no free time.
#include <string>
#include <vector>

#include "scheduler/plan_context.hpp"

namespace wardcast::planner {

struct PlanStep {
  enum class Kind { kGroup = 1, kChannel };
  Kind kind = Kind::kGroup;
  std::string target;        // "group:NAME", or the channel id
  std::vector<int> members;  // channel indices, ascending
  std::vector<QuotaRef> quotas;  // by topic, then quota
  // A later step plans on one of the members (a channel step replayed from
  // the memo must then write its plays into the book).
  bool later_on_members = false;
};

struct PlanningOrder {
  std::vector<PlanStep> steps;          // in the order they run
  std::vector<std::string> unmatched;   // targets that name no channel, by name
};

PlanningOrder planningOrder(const PlanContext& ctx);

}  // namespace wardcast::planner
