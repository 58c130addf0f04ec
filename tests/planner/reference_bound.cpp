#include "tests/planner/reference_bound.hpp"

#include <algorithm>
#include <map>
#include <queue>
#include <set>

#include "scheduler/quota_period.hpp"
#include "tests/planner/reference_units.hpp"

namespace wardcast::test {
namespace {

using planner::DayNumber;
using planner::Millis;

// Textbook Edmonds–Karp on an edge list.
class EdmondsKarp {
 public:
  int node() {
    adj_.emplace_back();
    return int(adj_.size()) - 1;
  }
  void edge(int from, int to, std::int64_t cap) {
    adj_[from].push_back(int(to_.size()));
    to_.push_back(to);
    cap_.push_back(cap);
    adj_[to].push_back(int(to_.size()));
    to_.push_back(from);
    cap_.push_back(0);
  }
  std::int64_t maxFlow(int s, int t) {
    std::int64_t total = 0;
    for (;;) {
      std::vector<int> via(adj_.size(), -1);
      std::queue<int> queue;
      queue.push(s);
      via[s] = -2;
      while (!queue.empty() && via[t] == -1) {
        int v = queue.front();
        queue.pop();
        for (int e : adj_[v])
          if (cap_[e] > 0 && via[to_[e]] == -1) {
            via[to_[e]] = e;
            queue.push(to_[e]);
          }
      }
      if (via[t] == -1) return total;
      std::int64_t push = INT64_MAX;
      for (int v = t; v != s; v = to_[via[v] ^ 1]) push = std::min(push, cap_[via[v]]);
      for (int v = t; v != s; v = to_[via[v] ^ 1]) {
        cap_[via[v]] -= push;
        cap_[via[v] ^ 1] += push;
      }
      total += push;
    }
  }

 private:
  std::vector<std::vector<int>> adj_;
  std::vector<int> to_;
  std::vector<std::int64_t> cap_;
};

// Whether some start in the free parts leaves room for `length` and is at
// least `gap` from every instant in `others` (a window where none is
// cannot hold a play of the topic).
bool keepsGapSomewhere(const std::vector<Span>& free, Millis length, const std::vector<Millis>& others, Millis gap) {
  for (Span f : free) {
    Millis s = f.start;
    for (bool moved = true; moved && s + length <= f.end;) {
      moved = false;
      for (Millis x : others)
        if (x - gap < s && s < x + gap) {
          s = x + gap;
          moved = true;
        }
    }
    if (s + length <= f.end) return true;
  }
  return false;
}

}  // namespace

std::int64_t referenceBound(const RandomScenario& sc, const planner::PlanResult& result) {
  std::int64_t bound = 0;
  for (const RefUnit& ru : referenceUnits(sc, result)) bound += unitFlowBound(sc, ru);
  return bound;
}

std::int64_t unitFlowBound(const RandomScenario& sc, const RefUnit& ru) {
  const auto& in = sc.input;
  EdmondsKarp net;
  int s = net.node(), t = net.node();
  std::vector<int> win_node(ru.wins.size(), -1);
  struct PendingArc {
    int from;
    std::size_t win;
    std::int64_t cap;
    int topic;
  };
  std::map<std::pair<int, std::size_t>, int> topic_win;  // a topic's items, shared by its quotas
  std::map<std::tuple<int, DayNumber, unsigned>, int> day_in, day_out;
  std::vector<PendingArc> arcs;
  for (const RefDemand& dm : ru.demands) {
    const int ti = dm.topic;
    const Topic& topic = in.campaign.topics[std::size_t(ti)];
    const Quota& q = topic.quotas[std::size_t(dm.quota)];
    int demand = net.node();
    net.edge(s, demand, dm.required);
    std::set<int> joined;  // day nodes this demand feeds
    static const std::vector<Millis> no_pins;
    auto pins = ru.fixed_starts.find(ti);
    const std::vector<Millis>& fixed = pins == ru.fixed_starts.end() ? no_pins : pins->second;
    for (std::size_t w : dm.windows) {
      const std::vector<Millis>& lengths = ru.lengthsOf(ti, w);
      if (lengths.empty()) continue;
      std::int64_t items = std::int64_t(lengths.size()), fits = 0;
      Millis shortest = *std::min_element(lengths.begin(), lengths.end());
      if (!keepsGapSomewhere(ru.wins[w].free, shortest, fixed, sc.topic_gaps[std::size_t(ti)])) continue;
      for (Span f : ru.wins[w].free) fits += (f.end - f.start) / shortest;
      std::int64_t cap = std::min<std::int64_t>({dm.required, items, fits});
      if (cap == 0) continue;
      int from = demand;
      if (q.min_gap.count() > 0) {
        // min_gap >= 1 day in these scenarios: one play of the topic a
        // day, among the windows the same quotas allow.
        cap = 1;
        unsigned mask = 0;
        for (std::size_t k = 0; k < topic.quotas.size(); ++k) {
          const auto& ws = topic.quotas[k].windows;
          if (ws.empty() || std::find(ws.begin(), ws.end(), ru.wins[w].id) != ws.end()) mask |= 1u << k;
        }
        auto key = std::make_tuple(ti, ru.wins[w].day, mask);
        if (!day_in.count(key)) {
          day_in[key] = net.node();
          day_out[key] = net.node();
          net.edge(day_in[key], day_out[key], 1);
        }
        if (joined.insert(day_in[key]).second) net.edge(demand, day_in[key], 1);
        from = day_out[key];
      }
      arcs.push_back({from, w, cap, ti});
    }
  }
  for (const PendingArc& a : arcs) {
    if (win_node[a.win] < 0) {
      win_node[a.win] = net.node();
      std::vector<Millis> lengths;
      for (int ti : ru.win_topics[a.win]) {
        const std::vector<Millis>& of = ru.lengthsOf(ti, a.win);
        lengths.insert(lengths.end(), of.begin(), of.end());
      }
      std::sort(lengths.begin(), lengths.end());
      std::int64_t cap = 0;
      for (Span f : ru.wins[a.win].free) {
        Millis used = 0;
        for (Millis len : lengths)
          if (used + len <= f.end - f.start) {
            used += len;
            ++cap;
          } else {
            break;
          }
      }
      net.edge(win_node[a.win], t, std::min<std::int64_t>(cap, std::int64_t(lengths.size())));
    }
    auto key = std::make_pair(a.topic, a.win);
    if (!topic_win.count(key)) {
      topic_win[key] = net.node();
      std::int64_t items = std::int64_t(ru.lengthsOf(a.topic, a.win).size());
      if (sc.topic_gaps[std::size_t(a.topic)] > 0) items = std::min<std::int64_t>(items, 1);
      net.edge(topic_win[key], win_node[a.win], items);
    }
    net.edge(a.from, topic_win[key], a.cap);
  }
  return net.maxFlow(s, t);
}

}  // namespace wardcast::test
