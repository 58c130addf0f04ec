#include "tests/planner/random_station.hpp"

#include <algorithm>

#include "scheduler/quota_period.hpp"

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

void addWindows(planner::PlanChannel& channel, const std::string& id, DayNumber first, int days,
                int start_minute, int length_minutes, bool skip_sundays) {
  for (DayNumber day = first; day < first + days; ++day) {
    unsigned weekday = std::chrono::weekday(std::chrono::sys_days(std::chrono::days(day))).iso_encoding();
    if (skip_sundays && weekday == 7) continue;
    channel.windows.push_back(
        {id, day, localInstant(day, start_minute), localInstant(day, start_minute + length_minutes)});
  }
}

std::vector<planner::PlanChannel> makeChannels(Rng& rng, DayNumber first, int days, int length) {
  std::vector<planner::PlanChannel> channels;
  planner::PlanChannel ward{"ward", ChannelKind::kLoudspeaker, {"ward"}, {}};
  addWindows(ward, "morning", first, days, 6 * 60, length, false);
  addWindows(ward, "evening", first, days, 17 * 60, length, false);
  channels.push_back(ward);
  int neighbourhoods = rng.uniform(2, 4);
  for (int k = 1; k <= neighbourhoods; ++k) {
    std::string id = "to-" + std::to_string(k);
    planner::PlanChannel nb{id, ChannelKind::kLoudspeaker, {"ward", id}, {}};
    addWindows(nb, "morning", first, days, 6 * 60, length, rng.chance(30));
    int shift = rng.chance(30) ? 5 : 0;  // a late evening: the group shares less
    addWindows(nb, "evening", first, days, 17 * 60 + shift, length, false);
    channels.push_back(nb);
  }
  planner::PlanChannel led{"led-1", ChannelKind::kLed, {"centre"}, {}};
  addWindows(led, "allday", first, days, 7 * 60 + 30, 2 * length, true);
  channels.push_back(led);
  return channels;
}

Quota makeQuota(Rng& rng, const std::string& target, const std::vector<std::string>& windows) {
  Quota quota;
  quota.target = target;
  switch (rng.uniform(0, 3)) {
    case 0: quota.per = QuotaPeriod::kDay; quota.plays = rng.uniform(1, 3); break;
    case 1: quota.per = QuotaPeriod::kWeek; quota.plays = rng.uniform(2, 10); break;
    case 2: quota.per = QuotaPeriod::kMonth; quota.plays = rng.uniform(4, 30); break;
    default: quota.per = QuotaPeriod::kCampaign; quota.plays = rng.uniform(5, 40); break;
  }
  quota.windows = windows;
  return quota;
}

}  // namespace

RandomScenario makeRandomScenario(std::uint32_t seed, Lengths lengths, Gaps gaps) {
  Rng rng{std::mt19937(seed)};
  RandomScenario out;
  auto& in = out.input;
  DayNumber monday = planner::toDayNumber(Date{std::chrono::year{2026}, std::chrono::May, std::chrono::day{4}});
  int days = rng.uniform(14, 35);
  in.first_day = monday + rng.uniform(0, 6);
  in.last_day = in.first_day + days - 1;
  in.campaign.id = "camp-" + std::to_string(seed);
  in.campaign.start = planner::toDate(in.first_day - rng.uniform(0, 3));
  in.campaign.end = planner::toDate(in.last_day + rng.uniform(-3, 3));
  in.channels = makeChannels(rng, in.first_day, days, rng.pick(std::vector<int>{10, 15, 20, 30}));

  std::vector<std::string> targets = {"group:ward", "kind:loudspeaker", "ward", "to-1", "group:to-1",
                                      "group:to-2", "kind:led", "led-1"};
  int topics = rng.uniform(4, 9);
  for (int t = 0; t < topics; ++t) {
    Topic topic;
    topic.id = "t" + std::to_string(t);
    topic.priority = rng.uniform(1, 3);
    std::string target = rng.chance(4) ? "ghost" : rng.pick(targets);
    bool led = target == "kind:led" || target == "led-1";
    std::vector<std::string> window_ids = led ? std::vector<std::string>{"allday"}
                                              : std::vector<std::string>{"morning", "evening"};
    Millis gap = 0;
    if (gaps == Gaps::kDaily && rng.chance(40)) gap = kDay;
    if (gaps == Gaps::kAny) gap = rng.pick(std::vector<Millis>{0, 0, 90 * kMinute, 12 * 60 * kMinute, kDay});
    std::vector<std::string> allowed;  // shared by the topic's quotas
    if (rng.chance(30)) allowed = {rng.pick(window_ids)};
    int quotas = rng.uniform(1, 2);
    for (int q = 0; q < quotas; ++q) {
      Quota quota = makeQuota(rng, target, allowed);
      quota.min_gap = std::chrono::minutes(gap / kMinute);
      topic.quotas.push_back(quota);
    }
    if (rng.chance(15)) topic.end = planner::toDate(in.first_day + rng.uniform(3, days));
    int items = rng.chance(8) ? 0 : rng.uniform(1, 6);
    for (int i = 0; i < items; ++i) {
      planner::PlanItem item;
      item.id = topic.id + "-" + std::to_string(i);
      item.topic = topic.id;
      item.media = led ? planner::ItemMedia::kVideo : planner::ItemMedia::kAudio;
      item.duration_ms = lengths == Lengths::kEqual ? 3 * kMinute : rng.uniform(60, 180) * 1000;
      if (rng.chance(20)) item.valid_from = in.first_day + rng.uniform(0, days / 2);
      if (rng.chance(20)) item.valid_to = in.first_day + rng.uniform(days / 2, days);
      if (rng.chance(30)) item.last_aired_ms = localInstant(in.first_day - rng.uniform(1, 30), 6 * 60);
      in.items.push_back(item);
    }
    out.topic_targets.push_back(target);
    out.topic_gaps.push_back(gap);
    in.campaign.topics.push_back(std::move(topic));
  }

  // A few pins at random places in windows, never overlapping each other.
  int pins = rng.uniform(0, 4);
  for (int p = 0; p < pins && !in.items.empty(); ++p) {
    auto& channel = in.channels[std::size_t(rng.uniform(0, int(in.channels.size()) - 1))];
    const auto& win = channel.windows[std::size_t(rng.uniform(0, int(channel.windows.size()) - 1))];
    const auto& item = rng.pick(in.items);
    Millis start = win.start_ms + Millis(rng.uniform(0, 10)) * kMinute;
    Millis end = start + item.duration_ms;
    bool clash = end > win.end_ms;
    for (const auto& e : in.fixed)
      clash = clash || (e.channel == channel.id && e.start_ms < end && start < e.end_ms);
    if (clash) continue;
    in.fixed.push_back({channel.id, start, end, win.day, item.id, item.topic, in.campaign.id,
                        item.media, planner::EntryOrigin::kPinned, win.window_id});
  }
  return out;
}

}  // namespace wardcast::test
