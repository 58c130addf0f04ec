#include "tests/planner/schedule_rules.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <map>
#include <set>
#include <tuple>

namespace wardcast::test {

using namespace planner;

namespace {

const PlanItem* findItem(const PlanInput& in, const std::string& id) {
  for (const auto& item : in.items)
    if (item.id == id) return &item;
  return nullptr;
}

int topicIndex(const PlanInput& in, const std::string& id) {
  for (std::size_t t = 0; t < in.campaign.topics.size(); ++t)
    if (in.campaign.topics[t].id == id) return int(t);
  return -1;
}

}  // namespace

void checkSchedule(const RandomScenario& sc, const PlanResult& result) {
  const PlanInput& in = sc.input;
  std::map<std::string, std::vector<const PlanEntry*>> by_channel;
  for (const auto& e : result.entries) by_channel[e.channel].push_back(&e);
  for (const auto& channel : in.channels) {
    const auto& list = by_channel[channel.id];
    std::map<std::pair<std::string, DayNumber>, std::set<std::string>> items_in_window;
    std::map<std::string, std::vector<std::pair<Millis, bool>>> topic_starts;  // start, planned
    for (std::size_t i = 0; i < list.size(); ++i) {
      const PlanEntry& e = *list[i];
      INFO("channel " << channel.id << " entry " << e.item << " at " << e.start_ms);
      if (i > 0) REQUIRE(list[i - 1]->end_ms <= e.start_ms);  // no overlap
      topic_starts[e.topic].emplace_back(e.start_ms, e.origin == EntryOrigin::kPlanned);
      if (e.origin != EntryOrigin::kPlanned) continue;
      const PlanItem* item = findItem(in, e.item);
      REQUIRE(item != nullptr);
      REQUIRE(e.end_ms - e.start_ms == item->duration_ms);  // real duration
      REQUIRE(item->valid_from <= e.day);
      REQUIRE(e.day <= item->valid_to);
      REQUIRE(e.start_ms >= in.now_ms);
      REQUIRE((item->media == ItemMedia::kVideo) == (channel.kind == ChannelKind::kLed));
      bool inside = std::any_of(channel.windows.begin(), channel.windows.end(), [&](const auto& w) {
        return w.window_id == e.window && w.day == e.day && w.start_ms <= e.start_ms &&
               e.end_ms <= w.end_ms;
      });
      REQUIRE(inside);
      REQUIRE(items_in_window[{e.window, e.day}].insert(e.item).second);  // never twice in a window
      // Only where the topic's target reaches.
      const std::string& target = sc.topic_targets[std::size_t(topicIndex(in, e.topic))];
      bool reaches =
          target == channel.id ||
          target == (channel.kind == ChannelKind::kLed ? "kind:led" : "kind:loudspeaker") ||
          std::count(channel.groups.begin(), channel.groups.end(), target.substr(6)) > 0;
      REQUIRE(reaches);
    }
    for (const auto& [topic, starts] : topic_starts) {
      Millis gap = sc.topic_gaps[std::size_t(topicIndex(in, topic))];
      // Between plays the planner placed (fixed entries are where staff put them).
      for (std::size_t i = 1; i < starts.size(); ++i) {
        INFO("min_gap of " << topic << " on " << channel.id);
        if (starts[i].second || starts[i - 1].second)
          REQUIRE(starts[i].first - starts[i - 1].first >= gap);
      }
    }
  }
  // Group plays are simultaneous on every member.
  for (std::size_t t = 0; t < in.campaign.topics.size(); ++t) {
    const std::string& target = sc.topic_targets[t];
    if (target.rfind("group:", 0) != 0) continue;
    std::set<std::string> members;
    for (const auto& c : in.channels)
      if (std::count(c.groups.begin(), c.groups.end(), target.substr(6))) members.insert(c.id);
    std::map<std::tuple<Millis, Millis, std::string>, std::set<std::string>> at;
    for (const auto& e : result.entries)
      if (e.origin == EntryOrigin::kPlanned && e.topic == in.campaign.topics[t].id)
        at[{e.start_ms, e.end_ms, e.item}].insert(e.channel);
    for (const auto& [when, channels] : at) REQUIRE(channels == members);
  }
}

std::vector<std::int64_t> plannedPlaysByLevel(const RandomScenario& sc, const PlanResult& result) {
  const PlanInput& in = sc.input;
  std::set<int> priorities;
  for (const Topic& topic : in.campaign.topics) priorities.insert(topic.priority);
  std::vector<int> levels(priorities.begin(), priorities.end());
  std::vector<std::int64_t> plays(levels.size(), 0);
  for (std::size_t t = 0; t < in.campaign.topics.size(); ++t) {
    const std::string& target = sc.topic_targets[t];
    std::int64_t members = 1;
    if (target.rfind("group:", 0) == 0)
      members = std::count_if(in.channels.begin(), in.channels.end(), [&](const PlanChannel& c) {
        return std::count(c.groups.begin(), c.groups.end(), target.substr(6)) > 0;
      });
    std::int64_t count =
        std::count_if(result.entries.begin(), result.entries.end(), [&](const PlanEntry& e) {
          return e.origin == EntryOrigin::kPlanned && e.topic == in.campaign.topics[t].id;
        });
    auto level =
        std::find(levels.begin(), levels.end(), in.campaign.topics[t].priority) - levels.begin();
    plays[std::size_t(level)] += count / std::max<std::int64_t>(members, 1);
  }
  return plays;
}

}  // namespace wardcast::test
