#pragma once
// UnitPlanner: plans one PlanningUnit (a channel, or a group whose plays are
// simultaneous on every member) for the whole range:
//   1. demands: one per (quota, period), plays still required after the
//      fixed plays of the period;
//   2. allocation: an AllocationNetwork from demands to the unit's window
//      instances (capacities in plays, derived from free seconds and the
//      shortest eligible items; min_gap as per-window and per-block caps);
//      its max-flow value is the unit's bound;
//   3. packing: the allocated plays of each window get items (least
//      recently aired first, never one item twice in a window, shorter ones
//      when room is tight) and start times (first fit, min_gap kept); what
//      does not fit is retried in the other windows of its period;
//   4. repair (unit_repair.cpp): for a play still missing, re-plan its
//      topic's min_gap chain over the period, or re-pack a window of its
//      period with it, keeping a change only when it places more;
//   5. exact packing (unit_exact.cpp): where that still falls short of the
//      bound and every item has one length, the unit is solved as an
//      integer program; its proven optimum tightens the bound;
//   6. shortfalls for what is still missing, with a reason.
// Writes through the AirTimeBook so later units see the time taken.
#include <map>
#include <optional>
#include <set>
#include <unordered_map>
#include <vector>

#include "scheduler/air_time_book.hpp"
#include "scheduler/allocation_network.hpp"
#include "scheduler/exact_packing.hpp"
#include "scheduler/placement.hpp"
#include "scheduler/plan_context.hpp"

namespace wardcast::planner {

// A quota's min_gap in milliseconds.
Millis gapOf(const Quota& quota);

class UnitPlanner {
 public:
  UnitPlanner(const PlanContext& ctx, AirTimeBook& book, const PlanningUnit& unit,
              std::vector<QuotaRef> quotas);

  // Appends its plays to `placed` and shortfalls to `out`, adds to its
  // stats. Returns the unit's bound (max-flow value).
  std::int64_t run(std::vector<Placement>& placed, PlanResult& out);

 private:
  struct Demand {
    QuotaRef quota;
    std::int32_t period = 0;
    int required = 0;      // plays still to place
    int fixed = 0;         // plays already fixed in the period
    int placed = 0;
    std::vector<int> windows;  // unit window indices, chronological
    int node = -1;
    bool has_items = false;
    bool gap_limited = false;  // min_gap caps bind in the network
    bool gap_blocked = false;  // packing found room only where min_gap forbids
  };
  // A window a demand may use, with the plays it could take there.
  struct Usable {
    int window;
    std::int64_t cap;
    Millis shortest;    // shortest playable item of the topic that day
    Millis earliest;    // first free instant of the window
    Millis latest_end;  // last free instant of the window
  };
  // Consecutive windows of one topic whose plays would all be closer than
  // its min_gap: one play among them (docs/planner.md).
  struct Block {
    std::vector<std::pair<int, AllocationNetwork::ArcId>> ins;   // demand, arc
    std::vector<std::pair<int, AllocationNetwork::ArcId>> outs;  // window, arc
  };
  struct ArcRecord {
    int demand;
    int window;
    AllocationNetwork::ArcId arc;
  };
  struct Play {
    int demand;
    Millis min_length;  // shortest item it could use that day
  };
  enum class PlaceOutcome { kPlaced = 1, kNoRoom, kGapBlocked, kNoItem };
  // A play this unit placed (on every member); item -1 once taken back.
  struct Own {
    int window;
    int demand;
    int item;
    Millis start;
  };
  // A commit() or uncommit() recorded while journal_ is set, so that an
  // attempt of several steps can be undone exactly (rollBack()).
  struct Change {
    bool committed;
    int index;  // in own_
    Own own;
  };

  enum class PackOrder { kFlowWindows = 1, kChainsFirst };
  // The unit's plays, rotation and min_gap flags at one moment, to go back
  // to when a later attempt does not place more.
  struct Packing {
    std::vector<Own> plays;
    std::vector<Millis> aired;
    std::vector<bool> gap_blocked;
  };

  void buildDemands();
  // Packs the allocated plays (in `order`), retries and repairs what did
  // not fit; returns the plays placed. unpack() takes them all back and
  // resets the rotation to `aired`.
  std::int64_t pack(std::vector<std::vector<Play>> plays, PackOrder order);
  void unpack(const std::vector<Millis>& aired);
  Packing savePacking() const;
  // Takes back every play placed since and puts `p`'s back.
  void restorePacking(const Packing& p);
  // Plays placed per priority, highest priority first.
  std::vector<std::int64_t> placedByPriority() const;
  std::int64_t placedTotal() const;
  void placeChains(std::vector<std::vector<Play>>& plays, std::vector<int>& failed);
  const Quota& quotaOf(int demand) const;
  // unit_network.cpp: the allocation network and reading its flow.
  void buildNetwork(AllocationNetwork& net);
  std::vector<Usable> usableWindows(Demand& dm) const;
  void addTopicArcs(AllocationNetwork& net, int topic, const std::vector<int>& demands,
                    const std::vector<std::vector<Usable>>& usable);
  std::vector<std::vector<Play>> allocatedPlays(const AllocationNetwork& net) const;
  Millis topicGap(int topic) const;
  int windowNode(AllocationNetwork& net, int w);
  std::int64_t windowCapacity(int w) const;
  // Free time of window `w` on every member. The reference stays valid
  // until the next call or the next change to the book.
  const std::vector<Interval>& fragments(int w) const;
  Millis shortestItem(int topic, DayNumber day) const;
  int playableItems(int topic, DayNumber day) const;
  void packWindow(int w, std::vector<Play> plays, std::vector<int>& failed);
  PlaceOutcome place(int w, int demand, Millis reserve);
  // Items of `topic` playable in window `w` and not yet in it, least
  // recently aired first.
  std::vector<int> freshItems(int w, int topic);
  // Earliest instant >= `from` at which a play of `topic` keeps `gap` on
  // every member.
  Millis gapRelease(int topic, Millis from, Millis gap) const;
  bool findStart(int w, int topic, Millis length, Millis gap, Millis& start) const;
  void commit(int w, int demand, int item, Millis start);
  // unit_repair.cpp: taking plays back and placing the missing ones.
  void uncommit(int own);
  void repair(int demand);
  bool replanChain(int demand);
  enum class ChainMoves { kNone = 1, kMoveOthers };
  bool replanTopicChain(int demand, ChainMoves moves);
  bool repackWindow(int w, int demand);
  bool makeRoomByMoving(int w, int demand, int& budget);
  std::vector<int> ownIn(int w) const;
  void restore(const std::vector<Own>& plays);
  void rollBack(const std::vector<Change>& journal);
  // unit_exact.cpp: the unit as an integer program, for equal lengths.
  // Returns the proven optimum when the program was solved to it (the
  // plays are then the program's or the packing's, whichever places more
  // by priority).
  std::optional<std::int64_t> solveExactly(const std::vector<Millis>& aired);
  Millis commonLength() const;
  std::vector<std::set<Millis>> exactStarts(Millis length, const std::vector<Millis>& gaps) const;
  bool commitExact(const ExactProblem& problem, const ExactSolution& solution);
  void reportShortfalls(PlanResult& out) const;

  const PlanContext& ctx_;
  AirTimeBook& book_;
  const PlanningUnit& unit_;
  std::vector<QuotaRef> quotas_;
  std::vector<Demand> demands_;
  std::vector<std::vector<int>> demands_at_;  // per unit window
  std::vector<int> window_nodes_;             // per unit window, -1 = none
  std::vector<ArcRecord> arcs_;
  std::vector<Block> blocks_;
  std::vector<Millis> last_aired_;            // per item (rotation, this unit)
  std::unordered_map<int, std::vector<int>> used_items_;  // window -> items
  std::vector<Own> own_;                        // in the order placed
  std::vector<std::vector<int>> own_by_window_;  // per unit window: own_ indices
  std::vector<Change>* journal_ = nullptr;
  std::int64_t placements_tried_ = 0;  // place() calls and re-packed plays so far
  mutable std::vector<Interval> common_;  // fragments() of a group unit
};

}  // namespace wardcast::planner
