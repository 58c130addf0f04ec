#include "tests/planner/reference_units.hpp"

#include <algorithm>
#include <climits>

#include "scheduler/quota_period.hpp"

namespace wardcast::test {
namespace {

using planner::DayNumber;
using planner::Millis;

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

// Windows common to all members, with the time left on every one of them.
std::vector<RefWindow> commonWindows(const RandomScenario& sc, const OrderedUnit& unit,
                                     std::map<int, std::vector<Span>>& taken) {
  const auto& in = sc.input;
  std::vector<RefWindow> wins;
  for (const auto& w : in.channels[std::size_t(unit.members[0])].windows) {
    Span span{w.start_ms, w.end_ms};
    bool everywhere = true;
    for (int m : unit.members) {
      const auto& list = in.channels[std::size_t(m)].windows;
      auto it = std::find_if(list.begin(), list.end(),
                             [&](const auto& x) { return x.window_id == w.window_id && x.day == w.day; });
      if (it == list.end()) {
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
  return wins;
}

void addDemands(const RandomScenario& sc, RefUnit& ru, int ti) {
  const auto& in = sc.input;
  const Topic& topic = in.campaign.topics[std::size_t(ti)];
  DayNumber lo = std::max(in.first_day, planner::toDayNumber(in.campaign.start));
  DayNumber hi = std::min(in.last_day, planner::toDayNumber(in.campaign.end));
  if (topic.end) hi = std::min(hi, planner::toDayNumber(*topic.end));
  for (std::size_t qi = 0; qi < topic.quotas.size(); ++qi) {
    const Quota& q = topic.quotas[qi];
    std::map<std::int32_t, std::vector<std::size_t>> period_wins;
    for (DayNumber d = lo; d <= hi; ++d) period_wins[planner::periodKey(q.per, d)];
    for (std::size_t w = 0; w < ru.wins.size(); ++w) {
      bool allowed = q.windows.empty() ||
                     std::find(q.windows.begin(), q.windows.end(), ru.wins[w].id) != q.windows.end();
      if (!allowed || ru.wins[w].day < lo || ru.wins[w].day > hi) continue;
      period_wins[planner::periodKey(q.per, ru.wins[w].day)].push_back(w);
      ru.win_topics[w].insert(ti);
    }
    for (const auto& [key, list] : period_wins) {
      int fixed = 0;
      for (const auto& e : in.fixed)
        if (e.channel == in.channels[std::size_t(ru.unit.members[0])].id && e.topic == topic.id &&
            planner::periodKey(q.per, e.day) == key)
          ++fixed;
      int required = std::max(0, q.plays - fixed);
      if (required > 0 && !list.empty()) ru.demands.push_back({ti, int(qi), required, list});
    }
  }
}

}  // namespace

const std::vector<Millis>& RefUnit::lengthsOf(int topic, std::size_t win) const {
  static const std::vector<Millis> none;
  auto it = lengths.find({topic, win});
  return it == lengths.end() ? none : it->second;
}

std::vector<RefUnit> referenceUnits(const RandomScenario& sc, const planner::PlanResult& result) {
  const auto& in = sc.input;
  std::vector<OrderedUnit> units = unitsInOrder(sc);
  auto entryUnit = [&](const planner::PlanEntry& e) {
    for (std::size_t t = 0; t < in.campaign.topics.size(); ++t)
      if (in.campaign.topics[t].id == e.topic)
        for (std::size_t c = 0; c < in.channels.size(); ++c)
          if (in.channels[c].id == e.channel) return unitOf(units, sc, int(t), int(c));
    return INT_MAX;
  };
  std::vector<RefUnit> out;
  for (std::size_t u = 0; u < units.size(); ++u) {
    const OrderedUnit& unit = units[u];
    if (unit.members.empty()) continue;
    RefUnit ru;
    ru.unit = unit;
    // Taken time on each member: fixed entries and earlier units' plays.
    std::map<int, std::vector<Span>> taken;
    for (const auto& e : result.entries) {
      bool planned = e.origin == planner::EntryOrigin::kPlanned;
      int of = planned ? entryUnit(e) : INT_MAX;
      if (!planned || of < int(u))
        for (int m : unit.members)
          if (in.channels[std::size_t(m)].id == e.channel) taken[m].push_back({e.start_ms, e.end_ms});
      if (of == int(u) && e.channel == in.channels[std::size_t(unit.members[0])].id) ++ru.placed;
    }
    ru.wins = commonWindows(sc, unit, taken);
    ru.win_topics.resize(ru.wins.size());
    bool audio = true, video = true;
    for (int m : unit.members) {
      audio = audio && in.channels[std::size_t(m)].kind == ChannelKind::kLoudspeaker;
      video = video && in.channels[std::size_t(m)].kind == ChannelKind::kLed;
    }
    for (std::size_t ti = 0; ti < in.campaign.topics.size(); ++ti) {
      const Topic& topic = in.campaign.topics[ti];
      if (std::find(unit.serves.begin(), unit.serves.end(), sc.topic_targets[ti]) == unit.serves.end() ||
          !unit.priorities.count(topic.priority))
        continue;
      addDemands(sc, ru, int(ti));
      for (std::size_t w = 0; w < ru.wins.size(); ++w)
        for (const auto& item : in.items) {
          bool media = item.media == planner::ItemMedia::kAudio ? audio : video;
          if (media && item.topic == topic.id && item.valid_from <= ru.wins[w].day && ru.wins[w].day <= item.valid_to)
            ru.lengths[{int(ti), w}].push_back(item.duration_ms);
        }
      for (const auto& e : in.fixed)
        if (e.topic == topic.id)
          for (int m : unit.members)
            if (in.channels[std::size_t(m)].id == e.channel) ru.fixed_starts[int(ti)].push_back(e.start_ms);
    }
    out.push_back(std::move(ru));
  }
  return out;
}

}  // namespace wardcast::test
