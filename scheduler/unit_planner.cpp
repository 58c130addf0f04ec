#include "scheduler/unit_planner.hpp"

#include <algorithm>
#include <limits>
#include <map>

#include "scheduler/quota_period.hpp"

namespace wardcast::planner {
namespace {

constexpr Millis kMillisPerMinute = 60'000;
// Placement attempts the repair of one packing may spend.
constexpr std::int64_t kRepairBudget = 200'000;

bool allows(const Quota& quota, const std::string& window_id) {
  return quota.windows.empty() ||
         std::find(quota.windows.begin(), quota.windows.end(), window_id) != quota.windows.end();
}

// A quota with `days` asks for nothing on the other weekdays: a period
// without one of its days has no demand (not a shortfall).
bool allowsDay(const Quota& quota, DayNumber day) {
  return quota.days.empty() || std::find(quota.days.begin(), quota.days.end(), isoWeekday(day)) != quota.days.end();
}

Millis totalLength(const std::vector<Interval>& fragments) {
  Millis total = 0;
  for (const Interval& f : fragments) total += f.length();
  return total;
}

}  // namespace

Millis gapOf(const Quota& quota) { return quota.min_gap.count() * kMillisPerMinute; }

UnitPlanner::UnitPlanner(const PlanContext& ctx, AirTimeBook& book, const PlanningUnit& unit,
                         std::vector<QuotaRef> quotas)
    : ctx_(ctx), book_(book), unit_(unit), quotas_(std::move(quotas)) {}

std::int64_t UnitPlanner::run(std::vector<Placement>& placed, PlanResult& out) {
  buildDemands();
  own_by_window_.assign(unit_.windows.size(), {});
  AllocationNetwork net;
  buildNetwork(net);
  std::int64_t bound = net.solve();
  std::vector<std::vector<Play>> plays = allocatedPlays(net);
  last_aired_.assign(ctx_.input().items.size(), std::numeric_limits<Millis>::min());
  for (std::size_t i = 0; i < last_aired_.size(); ++i)
    if (ctx_.item(int(i)).last_aired_ms) last_aired_[i] = *ctx_.item(int(i)).last_aired_ms;

  // The flow's windows first; if that leaves plays out, the min_gap chains
  // first, kept when it places more in all and is no worse for the highest
  // priority where the two differ (so a higher-priority topic never pays
  // for the count).
  const std::vector<Millis> aired = last_aired_;
  std::int64_t placed_first = pack(plays, PackOrder::kFlowWindows);
  if (placed_first < bound) {
    const std::vector<std::int64_t> first = placedByPriority();
    const Packing kept = savePacking();
    unpack(aired);
    std::int64_t placed_second = pack(plays, PackOrder::kChainsFirst);
    if (placed_second <= placed_first || placedByPriority() < first) restorePacking(kept);
  }
  // Still short with items of one length: the unit as an integer program.
  // Its proven optimum is the most any schedule of the unit can place, so
  // it bounds the unit as the flow does, tighter where min_gap chains bind.
  if (placedTotal() < bound)
    if (std::optional<std::int64_t> optimum = solveExactly(aired)) {
      bound = std::min(bound, *optimum);
      ++out.stats.units_exact;
    }

  for (const Own& own : own_) {
    if (own.item < 0) continue;
    for (std::size_t k = 0; k < unit_.members.size(); ++k)
      placed.push_back({unit_.members[k], unit_.windows[own.window].member_windows[k], own.item, own.start});
  }
  for (const Demand& dm : demands_) {
    out.stats.plays_required += dm.required;
    out.stats.plays_placed += dm.placed;
  }
  reportShortfalls(out);
  return bound;
}

std::int64_t UnitPlanner::pack(std::vector<std::vector<Play>> plays, PackOrder order) {
  std::vector<int> failed;
  if (order == PackOrder::kChainsFirst) placeChains(plays, failed);
  for (std::size_t w = 0; w < plays.size(); ++w)
    if (!plays[w].empty()) packWindow(int(w), std::move(plays[w]), failed);
  // Retry what did not fit in the other windows of its period, in order.
  std::stable_sort(failed.begin(), failed.end(), [&](int a, int b) {
    return ctx_.topics()[demands_[a].quota.topic].priority <
           ctx_.topics()[demands_[b].quota.topic].priority;
  });
  for (int d : failed)
    for (int w : demands_[d].windows)
      if (place(w, d, 0) == PlaceOutcome::kPlaced) break;
  // What is still missing: move this unit's own plays to make room, within
  // a budget of placement attempts (the repair of a large unit with many
  // missing plays stays bounded; the benchmark's ward-tight needs about
  // 18,000 per channel).
  const std::int64_t budget_end = placements_tried_ + kRepairBudget;
  for (int d : failed)
    if (demands_[d].placed < demands_[d].required && placements_tried_ < budget_end) repair(d);
  return placedTotal();
}

std::int64_t UnitPlanner::placedTotal() const {
  std::int64_t total = 0;
  for (const Demand& dm : demands_) total += dm.placed;
  return total;
}

std::vector<std::int64_t> UnitPlanner::placedByPriority() const {
  std::map<int, std::int64_t> by_priority;
  for (const Demand& dm : demands_) by_priority[ctx_.topics()[dm.quota.topic].priority] += dm.placed;
  std::vector<std::int64_t> out;
  for (const auto& [priority, placed] : by_priority) out.push_back(placed);
  return out;
}

UnitPlanner::Packing UnitPlanner::savePacking() const {
  Packing p;
  for (const Own& o : own_)
    if (o.item >= 0) p.plays.push_back(o);
  p.aired = last_aired_;
  for (const Demand& dm : demands_) p.gap_blocked.push_back(dm.gap_blocked);
  return p;
}

void UnitPlanner::restorePacking(const Packing& p) {
  unpack(p.aired);
  restore(p.plays);
  last_aired_ = p.aired;
  for (std::size_t d = 0; d < demands_.size(); ++d) demands_[d].gap_blocked = p.gap_blocked[d];
}

void UnitPlanner::unpack(const std::vector<Millis>& aired) {
  for (std::size_t o = 0; o < own_.size(); ++o)
    if (own_[o].item >= 0) uncommit(int(o));
  own_.clear();
  used_items_.clear();
  for (Demand& dm : demands_) dm.gap_blocked = false;
  last_aired_ = aired;
}

// Plays held by a min_gap, window after window through the range, each at
// the earliest instant its gap allows in the first window of its demand
// where it fits (so a chain that had to move to the evening stays there
// instead of losing the next morning); as many per demand as the flow
// allocated. Takes them out of `plays`.
void UnitPlanner::placeChains(std::vector<std::vector<Play>>& plays, std::vector<int>& failed) {
  std::vector<int> want(demands_.size(), 0);
  std::vector<Millis> reserve(plays.size(), 0);
  for (std::size_t w = 0; w < plays.size(); ++w) {
    auto held = [&](const Play& p) { return gapOf(quotaOf(p.demand)) > 0; };
    for (const Play& p : plays[w]) {
      if (held(p)) ++want[std::size_t(p.demand)];
      else reserve[w] += p.min_length;
    }
    plays[w].erase(std::remove_if(plays[w].begin(), plays[w].end(), held), plays[w].end());
  }
  for (std::size_t w = 0; w < plays.size(); ++w) {
    const std::vector<Interval>& frags = fragments(int(w));
    if (frags.empty()) continue;
    Millis opens = frags.front().start;
    std::vector<std::tuple<Millis, int, int, int>> queue;  // release, priority, topic, demand
    for (int d : demands_at_[w]) {
      if (want[std::size_t(d)] == 0) continue;
      int t = demands_[std::size_t(d)].quota.topic;
      queue.emplace_back(gapRelease(t, opens, gapOf(quotaOf(d))), ctx_.topics()[t].priority, t, d);
    }
    std::sort(queue.begin(), queue.end());
    for (const auto& entry : queue) {
      int d = std::get<3>(entry);
      if (place(int(w), d, reserve[w]) == PlaceOutcome::kPlaced) --want[std::size_t(d)];
    }
  }
  for (std::size_t d = 0; d < want.size(); ++d)
    for (; want[d] > 0; --want[d]) failed.push_back(int(d));
}

const Quota& UnitPlanner::quotaOf(int demand) const {
  const QuotaRef& ref = demands_[std::size_t(demand)].quota;
  return ctx_.topics()[ref.topic].quotas[ref.quota];
}

void UnitPlanner::buildDemands() {
  demands_at_.assign(unit_.windows.size(), {});
  for (const QuotaRef& ref : quotas_) {
    const Quota& quota = ctx_.topics()[ref.topic].quotas[ref.quota];
    auto [lo, hi] = ctx_.topicDays(ref.topic);
    std::map<std::int32_t, int> by_period;
    for (DayNumber day = lo; day <= hi; ++day) {
      std::int32_t key = periodKey(quota.per, day);
      if (by_period.count(key) || !allowsDay(quota, day)) continue;
      by_period.emplace(key, int(demands_.size()));
      Demand dm;
      dm.quota = ref;
      dm.period = key;
      if (!unit_.members.empty())
        for (DayNumber fixed_day : ctx_.fixedDays(unit_.members.front(), ref.topic))
          if (periodKey(quota.per, fixed_day) == key) ++dm.fixed;
      dm.required = std::max(0, quota.plays - dm.fixed);
      demands_.push_back(std::move(dm));
    }
    for (std::size_t w = 0; w < unit_.windows.size(); ++w) {
      const UnitWindow& win = unit_.windows[w];
      if (win.day < lo || win.day > hi || !allows(quota, win.window_id) || !allowsDay(quota, win.day)) continue;
      int d = by_period.at(periodKey(quota.per, win.day));
      demands_[d].windows.push_back(int(w));
      demands_at_[w].push_back(d);
    }
  }
}

// Upper bound on the plays window `w` can hold: each free fragment holds at
// most as many distinct items as the shortest eligible ones that fit in it,
// and the window holds no item twice.
std::int64_t UnitPlanner::windowCapacity(int w) const {
  DayNumber day = unit_.windows[w].day;
  std::vector<int> topics;
  for (int d : demands_at_[w]) topics.push_back(demands_[d].quota.topic);
  std::sort(topics.begin(), topics.end());
  topics.erase(std::unique(topics.begin(), topics.end()), topics.end());
  std::vector<Millis> lengths;
  for (int t : topics)
    for (int i : ctx_.itemsOf(t))
      if (ctx_.playable(ctx_.item(i), unit_, day)) lengths.push_back(ctx_.item(i).duration_ms);
  std::sort(lengths.begin(), lengths.end());
  std::int64_t total = 0;
  for (const Interval& f : fragments(w)) {
    Millis used = 0;
    for (Millis len : lengths) {
      if (used + len > f.length()) break;
      used += len;
      ++total;
    }
  }
  return std::min<std::int64_t>(total, std::int64_t(lengths.size()));
}

const std::vector<Interval>& UnitPlanner::fragments(int w) const {
  const UnitWindow& win = unit_.windows[w];
  const std::vector<Interval>& own = book_.freeOf(unit_.members[0], win.member_windows[0]);
  if (unit_.members.size() == 1) return own;
  common_ = intersect(own, {{win.start_ms, win.end_ms}});
  for (std::size_t m = 1; m < unit_.members.size() && !common_.empty(); ++m)
    common_ = intersect(common_, book_.freeOf(unit_.members[m], win.member_windows[m]));
  return common_;
}

Millis UnitPlanner::shortestItem(int topic, DayNumber day) const {
  Millis best = std::numeric_limits<Millis>::max();
  for (int i : ctx_.itemsOf(topic))
    if (ctx_.playable(ctx_.item(i), unit_, day)) best = std::min(best, ctx_.item(i).duration_ms);
  return best;
}

int UnitPlanner::playableItems(int topic, DayNumber day) const {
  int count = 0;
  for (int i : ctx_.itemsOf(topic))
    if (ctx_.playable(ctx_.item(i), unit_, day)) ++count;
  return count;
}

void UnitPlanner::packWindow(int w, std::vector<Play> plays, std::vector<int>& failed) {
  // Plays held by a min_gap go first, by the earliest instant their gap
  // allows (so a daily topic keeps its place from one day to the next),
  // then the rest by priority.
  const std::vector<Interval>& frags = fragments(w);
  Millis opens = frags.empty() ? 0 : frags.front().start;
  auto key = [&](const Play& p) {
    int t = demands_[p.demand].quota.topic;
    const Topic& topic = ctx_.topics()[t];
    Millis gap = gapOf(topic.quotas[demands_[p.demand].quota.quota]);
    return std::tuple(gap == 0, gapRelease(t, opens, gap), topic.priority, t, p.demand);
  };
  std::stable_sort(plays.begin(), plays.end(),
                   [&](const Play& a, const Play& b) { return key(a) < key(b); });
  Millis reserve = 0;
  for (const Play& p : plays) reserve += p.min_length;
  for (const Play& p : plays) {
    reserve -= p.min_length;
    if (place(w, p.demand, reserve) != PlaceOutcome::kPlaced) failed.push_back(p.demand);
  }
}

Millis UnitPlanner::gapRelease(int topic, Millis from, Millis gap) const {
  Millis release = from;
  for (Millis before = release - 1; gap > 0 && before != release;) {
    before = release;
    for (int m : unit_.members) release = book_.earliestWithGap(m, topic, release, gap);
  }
  return release;
}

UnitPlanner::PlaceOutcome UnitPlanner::place(int w, int demand, Millis reserve) {
  ++placements_tried_;
  const Demand& dm = demands_[demand];
  int topic = dm.quota.topic;
  Millis gap = gapOf(ctx_.topics()[topic].quotas[dm.quota.quota]);
  std::vector<int> candidates = freshItems(w, topic);
  if (candidates.empty()) return PlaceOutcome::kNoItem;
  Millis budget = totalLength(fragments(w)) - reserve;
  Millis start = 0;
  // Least recently aired first, within what leaves room for the rest.
  for (int i : candidates) {
    Millis len = ctx_.item(i).duration_ms;
    if (len <= budget && findStart(w, topic, len, gap, start)) {
      commit(w, demand, i, start);
      return PlaceOutcome::kPlaced;
    }
  }
  // Otherwise the shortest that fits at all.
  std::stable_sort(candidates.begin(), candidates.end(), [&](int a, int b) {
    return ctx_.item(a).duration_ms < ctx_.item(b).duration_ms;
  });
  bool gap_blocked = false;
  for (int i : candidates) {
    Millis len = ctx_.item(i).duration_ms;
    if (findStart(w, topic, len, gap, start)) {
      commit(w, demand, i, start);
      return PlaceOutcome::kPlaced;
    }
    if (gap > 0 && findStart(w, topic, len, 0, start)) gap_blocked = true;
  }
  if (gap_blocked) demands_[demand].gap_blocked = true;
  return gap_blocked ? PlaceOutcome::kGapBlocked : PlaceOutcome::kNoRoom;
}

std::vector<int> UnitPlanner::freshItems(int w, int topic) {
  DayNumber day = unit_.windows[std::size_t(w)].day;
  const std::vector<int>& used = used_items_[w];
  std::vector<int> items;
  for (int i : ctx_.itemsOf(topic))
    if (ctx_.playable(ctx_.item(i), unit_, day) && std::find(used.begin(), used.end(), i) == used.end())
      items.push_back(i);
  std::stable_sort(items.begin(), items.end(), [&](int a, int b) { return last_aired_[a] < last_aired_[b]; });
  return items;
}

bool UnitPlanner::findStart(int w, int topic, Millis length, Millis gap, Millis& start) const {
  for (const Interval& f : fragments(w)) {
    Millis s = f.start;
    for (Millis before = s - 1; before != s && s + length <= f.end;) {
      before = s;
      for (int m : unit_.members) s = book_.earliestWithGap(m, topic, s, gap);
    }
    if (s + length <= f.end) {
      start = s;
      return true;
    }
  }
  return false;
}

void UnitPlanner::commit(int w, int demand, int item, Millis start) {
  const Demand& dm = demands_[demand];
  const PlanItem& it = ctx_.item(item);
  for (int m : unit_.members) {
    book_.take(m, {start, start + it.duration_ms});
    book_.recordPlay(m, dm.quota.topic, start);
  }
  own_by_window_[w].push_back(int(own_.size()));
  own_.push_back({w, demand, item, start});
  if (journal_ != nullptr) journal_->push_back({true, int(own_.size()) - 1, own_.back()});
  last_aired_[item] = start;
  used_items_[w].push_back(item);
  ++demands_[demand].placed;
}

void UnitPlanner::reportShortfalls(PlanResult& out) const {
  for (const Demand& dm : demands_) {
    const Topic& topic = ctx_.topics()[dm.quota.topic];
    const Quota& quota = topic.quotas[dm.quota.quota];
    if (dm.fixed + dm.placed >= quota.plays) continue;
    Shortfall s;
    s.topic = topic.id;
    s.target = unit_.target;
    s.period = periodLabel(quota.per, dm.period);
    s.required = quota.plays;
    s.scheduled = dm.fixed + dm.placed;
    if (dm.windows.empty()) s.reason = ShortfallReason::kNoWindows;
    else if (!dm.has_items) s.reason = ShortfallReason::kNoItem;
    else if (dm.gap_limited || dm.gap_blocked) s.reason = ShortfallReason::kMinGap;
    else s.reason = ShortfallReason::kWindowsFull;
    out.shortfalls.push_back(std::move(s));
  }
}

}  // namespace wardcast::planner
