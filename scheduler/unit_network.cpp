// UnitPlanner, part 2: the allocation network of a unit and how its flow
// becomes plays per window (docs/planner.md, "The network").
#include <algorithm>
#include <limits>
#include <tuple>

#include "scheduler/unit_planner.hpp"

namespace wardcast::planner {
namespace {

constexpr Millis kMillisPerMinute = 60'000;

// Plays one window can hold under a gap: starts at least `gap` apart
// between its first free instant and the last start that still fits.
std::int64_t playsWithinGap(Millis earliest, Millis latest_end, Millis shortest, Millis gap) {
  if (gap <= 0) return std::numeric_limits<std::int64_t>::max();
  return 1 + (latest_end - shortest - earliest) / gap;
}

}  // namespace

Millis UnitPlanner::topicGap(int topic) const {
  Millis gap = std::numeric_limits<Millis>::max();
  for (const QuotaRef& ref : quotas_)
    if (ref.topic == topic)
      gap = std::min<Millis>(gap, ctx_.topics()[topic].quotas[ref.quota].min_gap.count() * kMillisPerMinute);
  return gap == std::numeric_limits<Millis>::max() ? 0 : gap;
}

void UnitPlanner::buildNetwork(AllocationNetwork& net) {
  window_nodes_.assign(unit_.windows.size(), -1);
  std::vector<std::vector<Usable>> usable(demands_.size());
  std::map<int, std::vector<int>> demands_of_topic;
  for (std::size_t d = 0; d < demands_.size(); ++d) {
    Demand& dm = demands_[d];
    if (dm.required <= 0 || dm.windows.empty()) continue;
    usable[d] = usableWindows(dm);
    if (usable[d].empty()) continue;
    dm.node = net.addDemand(dm.required, ctx_.topics()[dm.quota.topic].priority);
    demands_of_topic[dm.quota.topic].push_back(int(d));
  }
  for (const auto& [topic, demands] : demands_of_topic) addTopicArcs(net, topic, demands, usable);
}

std::vector<UnitPlanner::Usable> UnitPlanner::usableWindows(Demand& dm) const {
  const Quota& quota = ctx_.topics()[dm.quota.topic].quotas[dm.quota.quota];
  Millis gap = quota.min_gap.count() * kMillisPerMinute;
  std::vector<Usable> usable;
  // Plays of the topic that stay where they are (pins, the past, other
  // units') may leave no start in a window that keeps the gap; most topics
  // have none on the unit's channels when it is planned.
  bool others = false;
  for (int m : unit_.members) {
    const std::vector<Millis>* plays = book_.playsOf(m, dm.quota.topic);
    others = others || (plays != nullptr && !plays->empty());
  }
  for (int w : dm.windows) {
    DayNumber day = unit_.windows[w].day;
    int items = playableItems(dm.quota.topic, day);
    if (items == 0) continue;
    dm.has_items = true;
    Millis shortest = shortestItem(dm.quota.topic, day);
    const std::vector<Interval>& frags = fragments(w);
    std::int64_t fits = 0;
    for (const Interval& f : frags) fits += f.length() / shortest;
    if (fits == 0) continue;
    Millis start = 0;
    if (gap > 0 && others && !findStart(w, dm.quota.topic, shortest, gap, start)) {
      dm.gap_limited = true;
      continue;
    }
    std::int64_t cap = std::min<std::int64_t>({dm.required, items, fits});
    std::int64_t by_gap = playsWithinGap(frags.front().start, frags.back().end, shortest, gap);
    if (by_gap < cap) dm.gap_limited = true;
    cap = std::min(cap, by_gap);
    usable.push_back({w, cap, shortest, frags.front().start, frags.back().end});
  }
  return usable;
}

// Arcs of one topic's demands. Its demands meet in a (topic, window) node
// that holds the topic's distinct items there (and, with a min_gap, what
// the gap lets one window hold). Consecutive windows that the same demands
// reach and whose plays would all be closer than the topic's smallest
// min_gap form a block through which one play passes.
void UnitPlanner::addTopicArcs(AllocationNetwork& net, int topic, const std::vector<int>& demands,
                               const std::vector<std::vector<Usable>>& usable) {
  Millis gap = topicGap(topic);
  // (window, demand, usable) of this topic, chronological.
  std::vector<std::tuple<int, int, Usable>> entries;
  for (int d : demands)
    for (const Usable& u : usable[d]) entries.emplace_back(u.window, d, u);
  std::stable_sort(entries.begin(), entries.end(),
                   [](const auto& a, const auto& b) { return std::get<0>(a) < std::get<0>(b); });
  // windows[i] uses entries [starts[i], starts[i + 1]).
  std::vector<int> windows, starts;
  for (std::size_t e = 0; e < entries.size(); ++e)
    if (e == 0 || std::get<0>(entries[e]) != std::get<0>(entries[e - 1])) {
      windows.push_back(std::get<0>(entries[e]));
      starts.push_back(int(e));
    }
  starts.push_back(int(entries.size()));

  // The (topic, window) node is needed only where the topic's demands
  // share its items, or its gap caps what one window holds.
  bool shared = demands.size() > 1 && std::any_of(demands.begin(), demands.end(), [&](int d) {
    return demands_[d].quota.quota != demands_[demands.front()].quota.quota;
  });
  std::vector<int> topic_node(windows.size(), -1);
  auto nodeFor = [&](std::size_t i) {
    if (!shared && gap == 0) return windowNode(net, windows[i]);
    if (topic_node[i] < 0) {
      const Usable& u = std::get<2>(entries[std::size_t(starts[i])]);
      std::int64_t cap = std::min<std::int64_t>(playableItems(topic, unit_.windows[windows[i]].day),
                                                playsWithinGap(u.earliest, u.latest_end, u.shortest, gap));
      topic_node[i] = net.addNode();
      net.addArc(topic_node[i], windowNode(net, windows[i]), cap);
    }
    return topic_node[i];
  };
  auto sameDemands = [&](std::size_t a, std::size_t b) {
    if (starts[a + 1] - starts[a] != starts[b + 1] - starts[b]) return false;
    for (int k = 0; k < starts[a + 1] - starts[a]; ++k)
      if (std::get<1>(entries[std::size_t(starts[a] + k)]) != std::get<1>(entries[std::size_t(starts[b] + k)]))
        return false;
    return true;
  };
  for (std::size_t i = 0; i < windows.size();) {
    const Usable& first = std::get<2>(entries[std::size_t(starts[i])]);
    std::size_t j = i + 1;
    while (gap > 0 && j < windows.size() && sameDemands(i, j)) {
      const Usable& next = std::get<2>(entries[std::size_t(starts[j])]);
      if (next.latest_end - next.shortest - first.earliest >= gap) break;
      ++j;
    }
    if (j == i + 1) {
      for (int e = starts[i]; e < starts[i + 1]; ++e) {
        const auto& [w, d, u] = entries[std::size_t(e)];
        arcs_.push_back({d, w, net.addArc(demands_[d].node, nodeFor(i), u.cap)});
      }
    } else {
      Block block;
      auto in = net.addNode(), out = net.addNode();
      net.addArc(in, out, 1);
      for (int e = starts[i]; e < starts[i + 1]; ++e) {
        int d = std::get<1>(entries[std::size_t(e)]);
        demands_[d].gap_limited = true;
        block.ins.emplace_back(d, net.addArc(demands_[d].node, in, 1));
      }
      for (std::size_t k = i; k < j; ++k) block.outs.emplace_back(windows[k], net.addArc(out, nodeFor(k), 1));
      blocks_.push_back(std::move(block));
    }
    i = j;
  }
}

int UnitPlanner::windowNode(AllocationNetwork& net, int w) {
  if (window_nodes_[w] < 0) {
    window_nodes_[w] = net.addNode();
    net.addArc(window_nodes_[w], net.sink(), windowCapacity(w));
  }
  return window_nodes_[w];
}

std::vector<std::vector<UnitPlanner::Play>> UnitPlanner::allocatedPlays(
    const AllocationNetwork& net) const {
  std::vector<std::vector<Play>> plays(unit_.windows.size());
  auto add = [&](int d, int w, std::int64_t count) {
    Millis shortest = shortestItem(demands_[d].quota.topic, unit_.windows[w].day);
    for (; count > 0; --count) plays[w].push_back({d, shortest});
  };
  for (const ArcRecord& arc : arcs_) add(arc.demand, arc.window, net.flow(arc.arc));
  // At most one play crosses a block: pair the demand it came from with
  // the window it went to.
  for (const Block& block : blocks_) {
    int demand = -1, window = -1;
    for (const auto& [d, arc] : block.ins)
      if (net.flow(arc) > 0) demand = d;
    for (const auto& [w, arc] : block.outs)
      if (net.flow(arc) > 0) window = w;
    if (demand >= 0 && window >= 0) add(demand, window, 1);
  }
  return plays;
}

}  // namespace wardcast::planner
