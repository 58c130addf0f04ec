#include "tests/planner/reference_bound.hpp"

#include <algorithm>
#include <climits>
#include <map>
#include <queue>
#include <set>

#include "scheduler/quota_period.hpp"
#include "tests/planner/unit_order.hpp"

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

struct Span {
  Millis start, end;
};

// Free parts of [span) given taken spans.
std::vector<Span> freeParts(Span window, std::vector<Span> taken) {
  std::sort(taken.begin(), taken.end(), [](Span a, Span b) { return a.start < b.start; });
  std::vector<Span> out;
  Millis cursor = window.start;
  for (Span t : taken) {
    if (t.end <= cursor || t.start >= window.end) continue;
    if (t.start > cursor) out.push_back({cursor, t.start});
    cursor = std::max(cursor, t.end);
  }
  if (cursor < window.end) out.push_back({cursor, window.end});
  return out;
}

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
  const auto& in = sc.input;
  std::vector<OrderedUnit> units = unitsInOrder(sc);
  auto entryUnit = [&](const planner::PlanEntry& e) {
    for (std::size_t t = 0; t < in.campaign.topics.size(); ++t)
      if (in.campaign.topics[t].id == e.topic)
        for (std::size_t c = 0; c < in.channels.size(); ++c)
          if (in.channels[c].id == e.channel) return unitOf(units, sc, int(t), int(c));
    return INT_MAX;
  };
  DayNumber camp_lo = std::max(in.first_day, planner::toDayNumber(in.campaign.start));
  DayNumber camp_hi = std::min(in.last_day, planner::toDayNumber(in.campaign.end));

  std::int64_t bound = 0;
  for (std::size_t u = 0; u < units.size(); ++u) {
    const OrderedUnit& unit = units[u];
    if (unit.members.empty()) continue;
    // Taken time on each member: fixed entries and earlier units' plays.
    std::map<int, std::vector<Span>> taken;
    for (const auto& e : result.entries)
      if (e.origin != planner::EntryOrigin::kPlanned || entryUnit(e) < int(u))
        for (int m : unit.members)
          if (in.channels[m].id == e.channel) taken[m].push_back({e.start_ms, e.end_ms});
    // Windows common to all members.
    struct Win {
      std::string id;
      DayNumber day;
      std::vector<Span> free;
    };
    std::vector<Win> wins;
    for (const auto& w : in.channels[unit.members[0]].windows) {
      Span span{w.start_ms, w.end_ms};
      std::vector<Span> free = {span};
      bool everywhere = true;
      for (int m : unit.members) {
        auto it = std::find_if(in.channels[m].windows.begin(), in.channels[m].windows.end(),
                               [&](const auto& x) { return x.window_id == w.window_id && x.day == w.day; });
        if (it == in.channels[m].windows.end()) {
          everywhere = false;
          break;
        }
        span = {std::max(span.start, it->start_ms), std::min(span.end, it->end_ms)};
      }
      if (!everywhere || span.start >= span.end) continue;
      std::vector<Span> all_taken;
      for (int m : unit.members) all_taken.insert(all_taken.end(), taken[m].begin(), taken[m].end());
      wins.push_back({w.window_id, w.day, freeParts(span, all_taken)});
    }
    bool audio = true, video = true;
    for (int m : unit.members) {
      audio = audio && in.channels[m].kind == ChannelKind::kLoudspeaker;
      video = video && in.channels[m].kind == ChannelKind::kLed;
    }
    auto playable = [&](const planner::PlanItem& item, int topic, DayNumber day) {
      bool media = item.media == planner::ItemMedia::kAudio ? audio : video;
      return media && item.topic == in.campaign.topics[topic].id && item.valid_from <= day &&
             day <= item.valid_to;
    };

    // Starts of a topic's entries that stay (pins) on any member.
    auto fixedStarts = [&](int topic) {
      std::vector<Millis> starts;
      for (const auto& e : in.fixed)
        if (e.topic == in.campaign.topics[std::size_t(topic)].id)
          for (int m : unit.members)
            if (in.channels[m].id == e.channel) starts.push_back(e.start_ms);
      return starts;
    };

    EdmondsKarp net;
    int s = net.node(), t = net.node();
    std::vector<int> win_node(wins.size(), -1);
    std::vector<std::set<int>> win_topics(wins.size());
    struct PendingArc {
      int from;
      std::size_t win;
      std::int64_t cap;
      int topic;
    };
    std::map<std::pair<int, std::size_t>, int> topic_win;  // a topic's items, shared by its quotas
    std::map<std::tuple<int, DayNumber, unsigned>, int> day_in, day_out;
    std::vector<PendingArc> arcs;
    for (std::size_t ti = 0; ti < in.campaign.topics.size(); ++ti) {
      const Topic& topic = in.campaign.topics[ti];
      if (std::find(unit.serves.begin(), unit.serves.end(), sc.topic_targets[ti]) == unit.serves.end() ||
          !unit.priorities.count(topic.priority))
        continue;
      DayNumber hi = topic.end ? std::min(camp_hi, planner::toDayNumber(*topic.end)) : camp_hi;
      for (const Quota& q : topic.quotas) {
        std::map<std::int32_t, std::vector<std::size_t>> period_wins;
        for (DayNumber d = camp_lo; d <= hi; ++d) period_wins[planner::periodKey(q.per, d)];
        for (std::size_t w = 0; w < wins.size(); ++w) {
          bool allowed = q.windows.empty() ||
                         std::find(q.windows.begin(), q.windows.end(), wins[w].id) != q.windows.end();
          if (!allowed || wins[w].day < camp_lo || wins[w].day > hi) continue;
          period_wins[planner::periodKey(q.per, wins[w].day)].push_back(w);
          win_topics[w].insert(int(ti));
        }
        for (const auto& [key, list] : period_wins) {
          int fixed = 0;
          for (const auto& e : in.fixed)
            if (e.channel == in.channels[unit.members[0]].id && e.topic == topic.id &&
                planner::periodKey(q.per, e.day) == key)
              ++fixed;
          int required = std::max(0, q.plays - fixed);
          if (required == 0 || list.empty()) continue;
          int demand = net.node();
          net.edge(s, demand, required);
          std::set<int> joined;  // day nodes this demand feeds
          for (std::size_t w : list) {
            std::int64_t items = 0, fits = 0;
            Millis shortest = INT64_MAX;
            for (const auto& item : in.items)
              if (playable(item, int(ti), wins[w].day)) {
                ++items;
                shortest = std::min(shortest, item.duration_ms);
              }
            if (items == 0) continue;
            if (!keepsGapSomewhere(wins[w].free, shortest, fixedStarts(int(ti)), sc.topic_gaps[ti])) continue;
            for (Span f : wins[w].free) fits += (f.end - f.start) / shortest;
            std::int64_t cap = std::min<std::int64_t>({required, items, fits});
            if (cap == 0) continue;
            int from = demand;
            if (q.min_gap.count() > 0) {
              // min_gap >= 1 day in these scenarios: one play of the topic a
              // day, among the windows the same quotas allow.
              cap = 1;
              unsigned mask = 0;
              for (std::size_t k = 0; k < topic.quotas.size(); ++k) {
                const auto& ws = topic.quotas[k].windows;
                if (ws.empty() || std::find(ws.begin(), ws.end(), wins[w].id) != ws.end()) mask |= 1u << k;
              }
              auto key = std::make_tuple(int(ti), wins[w].day, mask);
              if (!day_in.count(key)) {
                day_in[key] = net.node();
                day_out[key] = net.node();
                net.edge(day_in[key], day_out[key], 1);
              }
              if (joined.insert(day_in[key]).second) net.edge(demand, day_in[key], 1);
              from = day_out[key];
            }
            arcs.push_back({from, w, cap, int(ti)});
          }
        }
      }
    }
    for (const PendingArc& a : arcs) {
      if (win_node[a.win] < 0) {
        win_node[a.win] = net.node();
        std::vector<Millis> lengths;
        for (int ti : win_topics[a.win])
          for (const auto& item : in.items)
            if (playable(item, ti, wins[a.win].day)) lengths.push_back(item.duration_ms);
        std::sort(lengths.begin(), lengths.end());
        std::int64_t cap = 0;
        for (Span f : wins[a.win].free) {
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
        std::int64_t items = 0;
        for (const auto& item : in.items) items += playable(item, a.topic, wins[a.win].day);
        if (sc.topic_gaps[std::size_t(a.topic)] > 0) items = std::min<std::int64_t>(items, 1);
        net.edge(topic_win[key], win_node[a.win], items);
      }
      net.edge(a.from, topic_win[key], a.cap);
    }
    bound += net.maxFlow(s, t);
  }
  return bound;
}

}  // namespace wardcast::test
