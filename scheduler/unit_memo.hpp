#pragma once
// UnitMemo: channel units with identical inputs are planned once.
//
// The planner is deterministic, and a channel unit reads nothing of its
// channel but: its kind, its window instances and their free time, the
// quotas that reach it, and the plays of those topics already on it (fixed
// and group plays). Two channels that agree on all of these get the same
// entries (but for the channel id), the same shortfalls (but for the
// target) and the same bound. Most loudspeakers of a ward are like that:
// the same kind: quotas, the same group plays, the same windows. The memo
// keys each channel unit by an exact signature of those inputs (compared in
// full, never by hash alone) and replays the first outcome on the others.
//
// Used by one planner run on one thread.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "scheduler/air_time_book.hpp"
#include "scheduler/placement.hpp"
#include "scheduler/plan_context.hpp"

namespace wardcast::planner {

class UnitMemo {
 public:
  using Signature = std::vector<std::int64_t>;

  // What one channel unit added: half-open index ranges of the run's
  // placements and of result.shortfalls, and its share of the stats.
  struct Outcome {
    std::size_t placed_begin = 0, placed_end = 0;
    std::size_t shortfalls_begin = 0, shortfalls_end = 0;
    std::int64_t required = 0, placed = 0, bound = 0;
  };

  Signature signature(const PlanContext& ctx, const AirTimeBook& book, const PlanningUnit& unit,
                      const std::vector<QuotaRef>& quotas);
  // The outcome remembered for `sig`, or null.
  const Outcome* find(const Signature& sig) const;
  void remember(Signature sig, const Outcome& outcome);

  // Whether a replay writes its plays into the book: needed when a later
  // unit plans on the channel (a group of a lower priority level,
  // scheduler/planning_order.hpp); skipped when the channel's unit is the
  // last to read its free time and plays.
  enum class BookUpdate { kWrite = 1, kSkip };

  // Copies `outcome` (of another channel) onto channel `c`: placements on
  // c, shortfalls with c's id as target, and with kWrite the time taken
  // and the plays of its topics in the book. Returns the bound.
  static std::int64_t replay(const PlanContext& ctx, AirTimeBook& book, BookUpdate update, int c,
                             const Outcome& outcome, std::vector<Placement>& placed, PlanResult& result);

 private:
  std::int64_t windowIdNumber(const std::string& id);

  std::map<Signature, Outcome> outcomes_;
  std::map<std::string, std::int64_t> window_ids_;
};

}  // namespace wardcast::planner
