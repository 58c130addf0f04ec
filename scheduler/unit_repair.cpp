// UnitPlanner, part 3: repairing the packing (docs/planner.md, "Packing").
// A play the flow allocated may still find no room after the first packing
// and the retry in its period's other windows. The repair moves only plays
// this unit placed itself (pins, the past and earlier units' plays stay),
// and keeps a change only when it places more; otherwise it puts every
// play back where it was (same item, same start), so it never loses one.
#include <algorithm>
#include <limits>
#include <map>
#include <tuple>

#include "scheduler/unit_planner.hpp"

namespace wardcast::planner {
namespace {

// Placement attempts one missing play may spend on moving other plays.
constexpr int kMoveBudget = 4000;

}  // namespace

void UnitPlanner::uncommit(int own) {
  Own& o = own_[std::size_t(own)];
  if (journal_ != nullptr) journal_->push_back({false, own, o});
  int topic = demands_[o.demand].quota.topic;
  Millis length = ctx_.item(o.item).duration_ms;
  for (int m : unit_.members) {
    book_.give(m, {o.start, o.start + length});
    book_.forgetPlay(m, topic, o.start);
  }
  std::vector<int>& used = used_items_[o.window];
  used.erase(std::find(used.begin(), used.end(), o.item));
  std::vector<int>& mine = own_by_window_[std::size_t(o.window)];
  mine.erase(std::find(mine.begin(), mine.end(), own));
  --demands_[o.demand].placed;
  o.item = -1;
}

std::vector<int> UnitPlanner::ownIn(int w) const { return own_by_window_[std::size_t(w)]; }

void UnitPlanner::restore(const std::vector<Own>& plays) {
  for (const Own& o : plays) commit(o.window, o.demand, o.item, o.start);
}

void UnitPlanner::rollBack(const std::vector<Change>& journal) {
  std::vector<Change>* recording = journal_;
  journal_ = nullptr;
  std::map<int, int> now_at;  // own index -> index of the play put back for it
  auto current = [&](int index) {
    auto it = now_at.find(index);
    return it == now_at.end() ? index : it->second;
  };
  for (auto c = journal.rbegin(); c != journal.rend(); ++c) {
    if (c->committed) {
      uncommit(current(c->index));
    } else {
      commit(c->own.window, c->own.demand, c->own.item, c->own.start);
      now_at[c->index] = int(own_.size()) - 1;
    }
  }
  journal_ = recording;
}

void UnitPlanner::repair(int demand) {
  if (gapOf(quotaOf(demand)) > 0 &&
      (replanChain(demand) || replanTopicChain(demand, ChainMoves::kNone) ||
       replanTopicChain(demand, ChainMoves::kMoveOthers)))
    return;
  for (int w : demands_[demand].windows)
    if (repackWindow(w, demand)) return;
  int budget = kMoveBudget;
  for (int w : demands_[demand].windows)
    if (makeRoomByMoving(w, demand, budget) || budget <= 0) return;
}

// Moves one play out of window `w` into another window of its own period
// (where place() finds it a start that keeps its gap) so that `demand`
// takes the room it leaves. `budget` counts placement attempts, so a
// large unit with many missing plays stays bounded in time.
bool UnitPlanner::makeRoomByMoving(int w, int demand, int& budget) {
  for (int o : ownIn(w)) {
    if (budget <= 0) return false;
    const Own moved = own_[std::size_t(o)];
    if (moved.demand == demand) continue;
    uncommit(o);
    --budget;
    std::size_t mark = own_.size();
    if (place(w, demand, 0) == PlaceOutcome::kPlaced) {
      for (int w2 : demands_[std::size_t(moved.demand)].windows) {
        if (w2 == w) continue;
        if (--budget < 0) break;
        if (place(w2, moved.demand, 0) == PlaceOutcome::kPlaced) return true;
      }
      uncommit(int(mark));
    }
    commit(moved.window, moved.demand, moved.item, moved.start);
  }
  return false;
}

// A min_gap chain: the plays of one demand, consecutive ones at least the
// gap apart. The first packing followed the flow's windows, which only
// know that a block (a day, for a daily gap) holds one play; an evening
// play then forbids the next morning, and a play pushed later by a pin
// pulls every later day with it. Taking the demand's plays back and
// placing them again at the earliest instant the gap allows, window after
// window through the period, places the most plays a chain can hold in
// the time the other plays leave (the earliest possible start leaves the
// most room to every later one).
bool UnitPlanner::replanChain(int demand) {
  Demand& dm = demands_[demand];
  std::vector<Own> before;
  for (int w : dm.windows)
    for (int o : ownIn(w))
      if (own_[std::size_t(o)].demand == demand) before.push_back(own_[std::size_t(o)]);
  int placed_before = dm.placed;
  std::size_t mark = own_.size();
  for (int w : dm.windows)
    for (int o : ownIn(w))
      if (own_[std::size_t(o)].demand == demand) uncommit(o);
  for (int w : dm.windows)
    while (dm.placed < dm.required && place(w, demand, 0) == PlaceOutcome::kPlaced) {
    }
  if (dm.placed > placed_before) return true;
  for (std::size_t o = mark; o < own_.size(); ++o)
    if (own_[o].item >= 0) uncommit(int(o));
  restore(before);
  return false;
}

// The same for every demand of the topic together (a topic with a weekly
// and a monthly quota has one chain): each play at the earliest instant
// the gap allows, for the demand that wants one there and whose period
// ends first. With kMoveOthers, where a window has no room for the chain's
// play, one play of another topic moves to another window of its own
// period to make room (a daily topic that must stay in a short evening
// after a Sunday takes the evenings of a topic that has windows to spare).
bool UnitPlanner::replanTopicChain(int demand, ChainMoves moves) {
  int topic = demands_[std::size_t(demand)].quota.topic;
  std::vector<int> mine, windows;
  for (std::size_t d = 0; d < demands_.size(); ++d)
    if (demands_[d].quota.topic == topic && demands_[d].required > 0) {
      mine.push_back(int(d));
      windows.insert(windows.end(), demands_[d].windows.begin(), demands_[d].windows.end());
    }
  if (mine.size() < 2 && moves == ChainMoves::kNone) return false;  // replanChain() did that
  std::sort(windows.begin(), windows.end());
  windows.erase(std::unique(windows.begin(), windows.end()), windows.end());
  auto ours = [&](int d) { return std::find(mine.begin(), mine.end(), d) != mine.end(); };
  std::vector<Change> journal;
  journal_ = &journal;
  int placed_before = 0;
  for (int d : mine) placed_before += demands_[std::size_t(d)].placed;
  for (int w : windows)
    for (int o : ownIn(w))
      if (ours(own_[std::size_t(o)].demand)) uncommit(o);
  int budget = kMoveBudget;
  for (int w : windows)
    for (;;) {
      int pick = -1;
      for (int d : mine) {
        const Demand& dm = demands_[std::size_t(d)];
        if (dm.placed >= dm.required || !std::binary_search(dm.windows.begin(), dm.windows.end(), w)) continue;
        if (pick < 0 || dm.windows.back() < demands_[std::size_t(pick)].windows.back()) pick = d;
      }
      if (pick < 0) break;
      if (place(w, pick, 0) == PlaceOutcome::kPlaced) continue;
      if (moves == ChainMoves::kNone || !makeRoomByMoving(w, pick, budget)) break;
    }
  journal_ = nullptr;
  int placed_after = 0;
  for (int d : mine) placed_after += demands_[std::size_t(d)].placed;
  if (placed_after > placed_before) return true;
  rollBack(journal);
  return false;
}

// Packs window `w` again with its plays and one more of `demand`: every
// play takes its topic's shortest item not yet in the window, held plays
// first by the instant their gap allows, then longest first (first fit
// decreasing); then longest first alone.
bool UnitPlanner::repackWindow(int w, int demand) {
  std::vector<Own> before;
  for (int o : ownIn(w)) before.push_back(own_[std::size_t(o)]);
  std::vector<int> plays;
  for (const Own& o : before) plays.push_back(o.demand);
  plays.push_back(demand);
  for (int o : ownIn(w)) uncommit(o);
  placements_tried_ += std::int64_t(plays.size());

  // Items: the shortest distinct ones of each topic.
  DayNumber day = unit_.windows[std::size_t(w)].day;
  std::vector<int> items(plays.size(), -1);
  std::vector<int> taken = used_items_[w];
  for (std::size_t p = 0; p < plays.size(); ++p) {
    Millis best = std::numeric_limits<Millis>::max();
    for (int i : ctx_.itemsOf(demands_[plays[p]].quota.topic))
      if (ctx_.playable(ctx_.item(i), unit_, day) && ctx_.item(i).duration_ms < best &&
          std::find(taken.begin(), taken.end(), i) == taken.end()) {
        best = ctx_.item(i).duration_ms;
        items[p] = i;
      }
    if (items[p] >= 0) taken.push_back(items[p]);
  }
  bool fits = std::find(items.begin(), items.end(), -1) == items.end();
  const std::vector<Interval>& frags = fragments(w);
  Millis opens = frags.empty() ? 0 : frags.front().start;
  for (int order = 0; fits && order < 2; ++order) {
    std::vector<std::tuple<bool, Millis, Millis, int>> queue;  // held?, release, -length, play
    for (std::size_t p = 0; p < plays.size(); ++p) {
      const Demand& dm = demands_[plays[p]];
      Millis gap = gapOf(ctx_.topics()[dm.quota.topic].quotas[dm.quota.quota]);
      Millis release = order == 0 ? gapRelease(dm.quota.topic, opens, gap) : 0;
      queue.emplace_back(order == 0 && gap == 0, release, -ctx_.item(items[p]).duration_ms, int(p));
    }
    std::sort(queue.begin(), queue.end());
    std::size_t mark = own_.size();
    bool all = true;
    for (const auto& entry : queue) {
      int p = std::get<3>(entry);
      const Demand& dm = demands_[plays[std::size_t(p)]];
      Millis gap = gapOf(ctx_.topics()[dm.quota.topic].quotas[dm.quota.quota]);
      Millis start = 0;
      if (!findStart(w, dm.quota.topic, ctx_.item(items[std::size_t(p)]).duration_ms, gap, start)) {
        all = false;
        break;
      }
      commit(w, plays[std::size_t(p)], items[std::size_t(p)], start);
    }
    if (all) return true;
    for (std::size_t o = mark; o < own_.size(); ++o)
      if (own_[o].item >= 0) uncommit(int(o));
  }
  restore(before);
  return false;
}

}  // namespace wardcast::planner
