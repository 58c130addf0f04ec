#include "tests/planner/chain_optimum.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "scheduler/quota_period.hpp"

namespace wardcast::test {
namespace {

using planner::DayNumber;
using planner::Millis;

struct Span {
  Millis start, end;
};

// Units in the planner's order (docs/planner.md): groups by size then
// name, then channels by id. Each with its members and the targets it serves.
struct Unit {
  std::string target;
  std::vector<int> members;
  std::vector<std::string> serves;
};

std::vector<Unit> units(const RandomScenario& sc) {
  const auto& channels = sc.input.channels;
  std::vector<Unit> out;
  for (const std::string& t : std::set<std::string>(sc.topic_targets.begin(), sc.topic_targets.end())) {
    if (t.rfind("group:", 0) != 0) continue;
    Unit u{t, {}, {t}};
    for (std::size_t c = 0; c < channels.size(); ++c)
      if (std::count(channels[c].groups.begin(), channels[c].groups.end(), t.substr(6))) u.members.push_back(int(c));
    out.push_back(u);
  }
  std::stable_sort(out.begin(), out.end(), [](const Unit& a, const Unit& b) { return a.members.size() > b.members.size(); });
  std::vector<int> order(channels.size());
  for (std::size_t c = 0; c < order.size(); ++c) order[c] = int(c);
  std::sort(order.begin(), order.end(), [&](int a, int b) { return channels[a].id < channels[b].id; });
  for (int c : order)
    out.push_back({channels[c].id, {c}, {channels[c].id, channels[c].kind == ChannelKind::kLed ? "kind:led" : "kind:loudspeaker"}});
  return out;
}

int daysIn(QuotaPeriod per, std::int32_t key, DayNumber lo, DayNumber hi) {
  int days = 0;
  for (DayNumber d = lo; d <= hi; ++d) days += planner::periodKey(per, d) == key;
  return days;
}

}  // namespace

std::vector<ChainUnit> singleChainUnits(const RandomScenario& sc, const planner::PlanResult& result) {
  const auto& in = sc.input;
  std::vector<Unit> all = units(sc);
  std::map<std::string, std::size_t> rank;  // topic id -> index of the unit that plans it
  for (std::size_t u = 0; u < all.size(); ++u)
    for (std::size_t t = 0; t < in.campaign.topics.size(); ++t)
      if (std::count(all[u].serves.begin(), all[u].serves.end(), sc.topic_targets[t]) && !rank.count(in.campaign.topics[t].id) &&
          sc.topic_targets[t].rfind("group:", 0) == 0)
        rank[in.campaign.topics[t].id] = u;
  std::vector<ChainUnit> out;
  for (std::size_t u = 0; u < all.size(); ++u) {
    const Unit& unit = all[u];
    std::vector<int> topics;
    for (std::size_t t = 0; t < in.campaign.topics.size(); ++t)
      if (std::count(unit.serves.begin(), unit.serves.end(), sc.topic_targets[t])) topics.push_back(int(t));
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
    // planned (pins), and the plays of group units planned earlier.
    auto takenBefore = [&](const planner::PlanEntry& e) {
      if (e.origin != planner::EntryOrigin::kPlanned) return true;
      auto it = rank.find(e.topic);
      return it != rank.end() && it->second < u;
    };
    std::vector<Millis> pins;  // starts of the topic's fixed entries on members
    std::vector<Span> taken;
    for (const auto& e : result.entries)
      for (int m : unit.members) {
        if (e.channel != in.channels[std::size_t(m)].id) continue;
        if (e.topic == topic.id && e.origin == planner::EntryOrigin::kPlanned && m == unit.members.front()) ++cu.placed;
        if (e.topic == topic.id && e.origin != planner::EntryOrigin::kPlanned) pins.push_back(e.start_ms);
        if (takenBefore(e)) taken.push_back({e.start_ms, e.end_ms});
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
