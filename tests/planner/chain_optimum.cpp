#include "tests/planner/chain_optimum.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "scheduler/quota_period.hpp"
#include "tests/planner/unit_order.hpp"

namespace wardcast::test {
namespace {

using planner::DayNumber;
using planner::Millis;

struct Span {
  Millis start, end;
};

int daysIn(QuotaPeriod per, std::int32_t key, DayNumber lo, DayNumber hi) {
  int days = 0;
  for (DayNumber d = lo; d <= hi; ++d) days += planner::periodKey(per, d) == key;
  return days;
}

}  // namespace

std::vector<ChainUnit> singleChainUnits(const RandomScenario& sc, const planner::PlanResult& result) {
  const auto& in = sc.input;
  std::vector<OrderedUnit> all = unitsInOrder(sc);
  std::map<std::string, int> topic_index;
  for (std::size_t t = 0; t < in.campaign.topics.size(); ++t) topic_index[in.campaign.topics[t].id] = int(t);
  std::vector<ChainUnit> out;
  for (std::size_t u = 0; u < all.size(); ++u) {
    const OrderedUnit& unit = all[u];
    std::vector<int> topics;
    for (std::size_t t = 0; t < in.campaign.topics.size(); ++t)
      if (std::count(unit.serves.begin(), unit.serves.end(), sc.topic_targets[t]) &&
          unit.priorities.count(in.campaign.topics[t].priority))
        topics.push_back(int(t));
    if (topics.size() != 1 || unit.members.empty() || sc.topic_gaps[std::size_t(topics[0])] < kDay) continue;
    const Topic& topic = in.campaign.topics[std::size_t(topics[0])];
    const Millis gap = sc.topic_gaps[std::size_t(topics[0])];
    DayNumber lo = std::max(in.first_day, planner::toDayNumber(in.campaign.start));
    DayNumber hi = std::min(in.last_day, planner::toDayNumber(in.campaign.end));
    if (topic.end) hi = std::min(hi, planner::toDayNumber(*topic.end));

    ChainUnit cu{unit.target, topics[0], true, 0, 0};
    // A quota that asks a play on every day of each of its periods never
    // binds: a chain holds at most one play a day.
    for (const Quota& q : topic.quotas) {
      bool every_day = true;
      for (DayNumber d = lo; d <= hi; ++d)
        every_day = every_day && q.plays >= daysIn(q.per, planner::periodKey(q.per, d), lo, hi);
      if (every_day) cu.quota_binds = false;
    }
    // Time taken on a member before this unit: entries that are not
    // planned (pins), and the plays of units planned earlier.
    auto takenBefore = [&](const planner::PlanEntry& e, int channel) {
      if (e.origin != planner::EntryOrigin::kPlanned) return true;
      auto it = topic_index.find(e.topic);
      return it != topic_index.end() && unitOf(all, sc, it->second, channel) < int(u);
    };
    std::vector<Millis> pins;  // starts of the topic's fixed entries on members
    std::vector<Span> taken;
    for (const auto& e : result.entries)
      for (int m : unit.members) {
        if (e.channel != in.channels[std::size_t(m)].id) continue;
        if (e.topic == topic.id && e.origin == planner::EntryOrigin::kPlanned && m == unit.members.front()) ++cu.placed;
        if (e.topic == topic.id && e.origin != planner::EntryOrigin::kPlanned) pins.push_back(e.start_ms);
        if (takenBefore(e, m)) taken.push_back({e.start_ms, e.end_ms});
      }
    // Longest chain: walking the windows in time, each play at the earliest
    // start that fits an item and keeps the gap to the previous play and to
    // the pins. Taking the earliest possible point never shortens what can
    // follow (any chain's k-th play is no earlier than the greedy's k-th),
    // so the count is the maximum.
    std::vector<planner::WindowInstance> windows = in.channels[std::size_t(unit.members.front())].windows;
    std::sort(windows.begin(), windows.end(), [](const auto& a, const auto& b) { return a.start_ms < b.start_ms; });
    Millis previous = INT64_MIN / 2;
    for (const auto& w : windows) {
      if (w.day < lo || w.day > hi) continue;
      bool allowed = topic.quotas.empty() || topic.quotas.front().windows.empty() ||
                     std::count(topic.quotas.front().windows.begin(), topic.quotas.front().windows.end(), w.window_id);
      if (!allowed) continue;
      Span span{w.start_ms, w.end_ms};
      bool everywhere = true;
      for (int m : unit.members) {
        const auto& wins = in.channels[std::size_t(m)].windows;
        auto it = std::find_if(wins.begin(), wins.end(), [&](const auto& x) { return x.window_id == w.window_id && x.day == w.day; });
        if (it == wins.end()) everywhere = false;
        else span = {std::max(span.start, it->start_ms), std::min(span.end, it->end_ms)};
      }
      if (!everywhere || span.start >= span.end) continue;
      Millis length = INT64_MAX;
      for (const auto& item : in.items)
        if (item.topic == topic.id && item.valid_from <= w.day && w.day <= item.valid_to)
          length = std::min(length, item.duration_ms);
      if (length == INT64_MAX) continue;
      Millis s = std::max(span.start, previous + gap);
      for (bool moved = true; moved && s + length <= span.end;) {
        moved = false;
        for (Span t : taken)
          if (t.start < s + length && s < t.end) {
            s = t.end;
            moved = true;
          }
        for (Millis p : pins)
          if (p - gap < s && s < p + gap) {
            s = p + gap;
            moved = true;
          }
      }
      if (s + length <= span.end) {
        ++cu.longest;
        previous = s;
      }
    }
    out.push_back(cu);
  }
  return out;
}

}  // namespace wardcast::test
