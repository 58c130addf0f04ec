#include "tests/planner/unit_order.hpp"

#include <algorithm>

namespace wardcast::test {

std::vector<OrderedUnit> unitsInOrder(const RandomScenario& sc) {
  const auto& channels = sc.input.channels;
  const auto& topics = sc.input.campaign.topics;
  // One entry per (target unit, priority level) that has topics.
  struct Level {
    int priority;
    bool channel;
    std::size_t size;
    OrderedUnit unit;
  };
  std::vector<Level> levels;
  auto addLevels = [&](const OrderedUnit& base, bool channel) {
    std::set<int> priorities;
    for (std::size_t t = 0; t < topics.size(); ++t)
      if (std::count(base.serves.begin(), base.serves.end(), sc.topic_targets[t])) priorities.insert(topics[t].priority);
    for (int p : priorities) {
      OrderedUnit unit = base;
      unit.priorities = {p};
      levels.push_back({p, channel, base.members.size(), unit});
    }
  };
  for (const std::string& t : std::set<std::string>(sc.topic_targets.begin(), sc.topic_targets.end())) {
    if (t.rfind("group:", 0) != 0) continue;
    OrderedUnit u{t, {}, {t}, {}};
    for (std::size_t c = 0; c < channels.size(); ++c)
      if (std::count(channels[c].groups.begin(), channels[c].groups.end(), t.substr(6))) u.members.push_back(int(c));
    addLevels(u, false);
  }
  for (std::size_t c = 0; c < channels.size(); ++c)
    addLevels({channels[c].id, {int(c)}, {channels[c].id, channels[c].kind == ChannelKind::kLed ? "kind:led" : "kind:loudspeaker"}, {}},
              true);
  std::stable_sort(levels.begin(), levels.end(), [](const Level& a, const Level& b) {
    if (a.priority != b.priority) return a.priority < b.priority;
    if (a.channel != b.channel) return !a.channel;
    if (a.size != b.size) return a.size > b.size;
    return a.unit.target < b.unit.target;
  });

  // A level joins the unit before it of the same target when no other
  // unit on its channels ran in between: the latest unit that shares a
  // channel with it is that one.
  std::vector<OrderedUnit> out;
  for (const Level& level : levels) {
    int latest = -1;
    for (int u = int(out.size()) - 1; u >= 0 && latest < 0; --u)
      for (int m : level.unit.members)
        if (std::count(out[std::size_t(u)].members.begin(), out[std::size_t(u)].members.end(), m)) latest = u;
    if (level.unit.members.empty())
      for (int u = int(out.size()) - 1; u >= 0 && latest < 0; --u)
        if (out[std::size_t(u)].target == level.unit.target) latest = u;
    if (latest >= 0 && out[std::size_t(latest)].target == level.unit.target)
      out[std::size_t(latest)].priorities.insert(level.priority);
    else
      out.push_back(level.unit);
  }
  return out;
}

int unitOf(const std::vector<OrderedUnit>& units, const RandomScenario& sc, int topic, int channel) {
  const std::string& target = sc.topic_targets[std::size_t(topic)];
  int priority = sc.input.campaign.topics[std::size_t(topic)].priority;
  for (std::size_t u = 0; u < units.size(); ++u)
    if (std::count(units[u].serves.begin(), units[u].serves.end(), target) && units[u].priorities.count(priority) &&
        std::count(units[u].members.begin(), units[u].members.end(), channel))
      return int(u);
  return -1;
}

}  // namespace wardcast::test
