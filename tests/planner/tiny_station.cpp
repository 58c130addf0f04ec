#include "tests/planner/tiny_station.hpp"

#include <algorithm>
#include <chrono>

namespace wardcast::test {
namespace {

using planner::DayNumber;
using planner::Millis;

struct Rng {
  std::mt19937 engine;
  int uniform(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(engine); }
  bool chance(int percent) { return uniform(1, 100) <= percent; }
  template <class T>
  const T& pick(const std::vector<T>& values) {
    return values[std::size_t(uniform(0, int(values.size()) - 1))];
  }
};

DayNumber dayOf(Date date) {
  return DayNumber(std::chrono::sys_days(date).time_since_epoch().count());
}
Date dateOf(DayNumber day) {
  return Date(std::chrono::sys_days(std::chrono::days(day)));
}

// A daily window from `start_minute`, `minutes` long, except on `skipped_weekday` (0: none).
void addWindows(planner::PlanChannel& channel, const std::string& id, DayNumber first,
                DayNumber last, int start_minute, int minutes, unsigned skipped_weekday) {
  for (DayNumber day = first; day <= last; ++day) {
    if (std::chrono::weekday(std::chrono::sys_days(std::chrono::days(day))).iso_encoding() ==
        skipped_weekday)
      continue;
    channel.windows.push_back(
        {id, day, localInstant(day, start_minute), localInstant(day, start_minute + minutes)});
  }
}

std::vector<planner::PlanChannel> makeChannels(Rng& rng, DayNumber first, DayNumber last) {
  std::vector<planner::PlanChannel> out;
  planner::PlanChannel ward{"ward", ChannelKind::kLoudspeaker, {"ward"}, {}};
  addWindows(ward, "morning", first, last, 6 * 60, rng.uniform(6, 12), 0);
  addWindows(ward, "evening", first, last, 17 * 60, rng.uniform(6, 12), 0);
  out.push_back(ward);
  int neighbourhoods = rng.uniform(1, 2);
  for (int k = 1; k <= neighbourhoods; ++k) {
    std::string id = "to-" + std::to_string(k);
    planner::PlanChannel nb{id, ChannelKind::kLoudspeaker, {"ward", id}, {}};
    unsigned skipped = rng.chance(30) ? unsigned(rng.uniform(1, 7)) : 0;
    addWindows(nb, "morning", first, last, 6 * 60, rng.uniform(6, 12), skipped);
    addWindows(nb, "evening", first, last, 17 * 60 + (rng.chance(30) ? 2 : 0), rng.uniform(6, 12),
               0);
    out.push_back(nb);
  }
  if (rng.chance(40)) {
    planner::PlanChannel led{"led-1", ChannelKind::kLed, {"centre"}, {}};
    addWindows(led, "allday", first, last, 7 * 60 + 30, rng.uniform(8, 16), 7);
    out.push_back(led);
  }
  return out;
}

Quota makeQuota(Rng& rng, const std::string& target, const std::vector<std::string>& windows,
                Millis gap) {
  Quota quota;
  quota.target = target;
  switch (rng.uniform(0, 2)) {
    case 0:
      quota.per = QuotaPeriod::kDay;
      quota.plays = rng.uniform(1, 2);
      break;
    case 1:
      quota.per = QuotaPeriod::kWeek;
      quota.plays = rng.uniform(2, 6);
      break;
    default:
      quota.per = QuotaPeriod::kCampaign;
      quota.plays = rng.uniform(2, 10);
      break;
  }
  quota.windows = windows;
  quota.min_gap = std::chrono::minutes(gap / kMinute);
  if (rng.chance(15))
    quota.days =
        rng.chance(50) ? std::vector<unsigned>{1, 2, 3, 4, 5} : std::vector<unsigned>{6, 7};
  return quota;
}

void addItems(Rng& rng, RandomScenario& sc, const Topic& topic, planner::ItemMedia media,
              Lengths lengths) {
  auto& in = sc.input;
  int items = rng.chance(5) ? 0 : rng.uniform(1, 3);
  for (int i = 0; i < items; ++i) {
    planner::PlanItem item;
    item.id = topic.id + "-" + std::to_string(i);
    item.topic = topic.id;
    item.media = media;
    item.duration_ms = (lengths == Lengths::kEqual ? 2 : rng.uniform(1, 3)) * kMinute;
    if (rng.chance(15)) item.valid_from = in.first_day + rng.uniform(0, 2);
    if (rng.chance(15)) item.valid_to = in.last_day - rng.uniform(0, 2);
    in.items.push_back(item);
  }
}

void addTopics(Rng& rng, RandomScenario& sc) {
  auto& in = sc.input;
  Lengths lengths = rng.chance(50) ? Lengths::kEqual : Lengths::kMixed;
  const std::vector<std::string> targets = {"group:ward", "group:ward", "kind:loudspeaker", "ward",
                                            "to-1",       "group:to-1", "kind:led"};
  int topics = rng.uniform(2, 5);
  for (int t = 0; t < topics; ++t) {
    Topic topic;
    topic.id = "t" + std::to_string(t);
    topic.priority = rng.uniform(1, 3);
    std::string target = rng.pick(targets);
    bool led = target == "kind:led";
    Millis gap = rng.pick(std::vector<Millis>{0, 0, 0, 4 * kMinute, 12 * 60 * kMinute, kDay});
    std::vector<std::string> allowed;
    if (!led && rng.chance(30))
      allowed = {rng.pick(std::vector<std::string>{"morning", "evening"})};
    int quotas = rng.uniform(1, 2);
    for (int q = 0; q < quotas; ++q) topic.quotas.push_back(makeQuota(rng, target, allowed, gap));
    if (rng.chance(15)) topic.end = dateOf(in.last_day - 1);
    addItems(rng, sc, topic, led ? planner::ItemMedia::kVideo : planner::ItemMedia::kAudio,
             lengths);
    sc.topic_targets.push_back(target);
    sc.topic_gaps.push_back(gap);
    in.campaign.topics.push_back(std::move(topic));
  }
}

// Whether [start, end) lies in a window of the channel and clashes with no fixed entry.
bool freeAt(const planner::PlanInput& in, const planner::PlanChannel& channel, Millis start,
            Millis end) {
  bool inside = std::any_of(channel.windows.begin(), channel.windows.end(),
                            [&](const auto& w) { return w.start_ms <= start && end <= w.end_ms; });
  for (const auto& e : in.fixed)
    inside = inside && (e.channel != channel.id || e.end_ms <= start || end <= e.start_ms);
  return inside;
}

// A pin of a random item in a random window; a group topic's pin is a
// group play, on every member at once.
void addPin(Rng& rng, RandomScenario& sc) {
  auto& in = sc.input;
  const planner::PlanItem& item = rng.pick(in.items);
  const auto& channel = rng.pick(in.channels);
  const auto& win = rng.pick(channel.windows);
  Millis start = win.start_ms + Millis(rng.uniform(0, 5)) * kMinute, end = start + item.duration_ms;
  std::vector<const planner::PlanChannel*> on = {&channel};
  const auto& topics = in.campaign.topics;
  auto topic = std::find_if(topics.begin(), topics.end(),
                            [&](const Topic& t) { return t.id == item.topic; });
  if (sc.topic_targets[std::size_t(topic - topics.begin())] == "group:ward") {
    on.clear();
    for (const auto& c : in.channels)
      if (std::count(c.groups.begin(), c.groups.end(), "ward")) on.push_back(&c);
  }
  for (const auto* c : on)
    if (!freeAt(in, *c, start, end)) return;
  for (const auto* c : on)
    in.fixed.push_back({c->id, start, end, win.day, item.id, item.topic, in.campaign.id, item.media,
                        planner::EntryOrigin::kPinned, win.window_id});
}

}  // namespace

RandomScenario makeTinyScenario(std::uint32_t seed) {
  Rng rng{std::mt19937(seed)};
  RandomScenario sc;
  auto& in = sc.input;
  DayNumber monday = dayOf(Date{std::chrono::year{2026}, std::chrono::May, std::chrono::day{4}});
  in.first_day = monday + rng.uniform(0, 6);
  in.last_day = in.first_day + rng.uniform(2, 5);
  in.campaign.id = "tiny-" + std::to_string(seed);
  in.campaign.start = dateOf(in.first_day - rng.uniform(0, 1));
  in.campaign.end = dateOf(in.last_day + rng.uniform(-1, 1));
  in.channels = makeChannels(rng, in.first_day, in.last_day);
  addTopics(rng, sc);
  int pins = in.items.empty() ? 0 : rng.uniform(0, 3);
  for (int p = 0; p < pins; ++p) addPin(rng, sc);
  if (rng.chance(20)) in.now_ms = localInstant(in.first_day + 1, 12 * 60);
  return sc;
}

}  // namespace wardcast::test
