// bench_planner: SPEC §7 planner figures. One ward (30 channels, two
// windows a day, 50 topics, 500 items) and a province (100 wards, 3,000
// channels) planned for a year; prints time, peak memory (ru_maxrss),
// plays placed and the max-flow bound. Targets: 0.5 s and 30 s.
//
// Usage: bench_planner [ward|ward-tight|province|province-nb|all]   (default all)
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <map>
#include <random>
#include <string>

#include "scheduler/planner.hpp"
#include "scheduler/quota_period.hpp"

using namespace wardcast;
using namespace wardcast::planner;

namespace {

constexpr Millis kMinute = 60'000;
constexpr Millis kDay = 24 * 60 * kMinute;
constexpr Millis kUtcOffset = 7 * 60 * kMinute;

Millis localInstant(DayNumber day, int minute) { return Millis(day) * kDay + minute * kMinute - kUtcOffset; }

void addDailyWindows(PlanChannel& channel, DayNumber first, DayNumber last, bool led, int minutes) {
  for (DayNumber day = first; day <= last; ++day) {
    if (led) {
      channel.windows.push_back({"morning", day, localInstant(day, 7 * 60 + 30), localInstant(day, 11 * 60 + 30)});
      channel.windows.push_back({"afternoon", day, localInstant(day, 13 * 60 + 30), localInstant(day, 17 * 60)});
    } else {
      channel.windows.push_back({"morning", day, localInstant(day, 6 * 60), localInstant(day, 6 * 60 + minutes)});
      channel.windows.push_back({"evening", day, localInstant(day, 17 * 60), localInstant(day, 17 * 60 + minutes)});
    }
  }
}

Topic makeTopic(const std::string& id, int priority, const std::string& target, int plays, QuotaPeriod per,
                int gap_minutes) {
  Topic topic;
  topic.id = id;
  topic.title = id;
  topic.priority = priority;
  Quota quota;
  quota.target = target;
  quota.plays = plays;
  quota.per = per;
  quota.min_gap = std::chrono::minutes(gap_minutes);
  topic.quotas.push_back(quota);
  return topic;
}

void addItems(PlanInput& in, const Topic& topic, int count, ItemMedia media, std::mt19937& rng) {
  std::uniform_int_distribution<int> seconds(60, 180), month(0, 11);
  for (int i = 0; i < count; ++i) {
    PlanItem item;
    item.id = topic.id + "-" + std::to_string(i);
    item.topic = topic.id;
    item.media = media;
    item.duration_ms = seconds(rng) * 1000;
    if (i % 3 == 2) {  // a third of the items are valid for three months only
      int m = month(rng) % 10;
      item.valid_from = in.first_day + m * 30;
      item.valid_to = item.valid_from + 90;
    }
    in.items.push_back(item);
  }
}

// A ward: "ward" and 27 neighbourhood loudspeakers (groups "<w>" and
// "<w>-to-K"), 2 LED screens. 10 topics for the ward programme (group),
// 25 for every loudspeaker, 5 for the screens, 10 for one neighbourhood each.
// Loudspeaker windows are `minutes` long.
void addWard(PlanInput& in, const std::string& w, bool ward_topics, bool neighbourhood_topics, std::mt19937& rng,
             int minutes = 30) {
  for (int k = 0; k < 30; ++k) {
    bool led = k >= 28;
    PlanChannel channel;
    channel.id = led ? w + "-led-" + std::to_string(k - 27) : k == 0 ? w : w + "-to-" + std::to_string(k);
    channel.kind = led ? ChannelKind::kLed : ChannelKind::kLoudspeaker;
    if (led) channel.groups = {w + "-centre"};
    else if (k == 0) channel.groups = {w};
    else channel.groups = {w, w + "-to-" + std::to_string(k)};
    addDailyWindows(channel, in.first_day, in.last_day, led, minutes);
    in.channels.push_back(std::move(channel));
  }
  auto add = [&](Topic topic, ItemMedia media) {
    addItems(in, topic, 10, media, rng);
    in.campaign.topics.push_back(std::move(topic));
  };
  for (int t = 0; t < 10; ++t)
    add(makeTopic(w + "-prog-" + std::to_string(t), 1 + t % 3, "group:" + w, 2, QuotaPeriod::kWeek, 0),
        ItemMedia::kAudio);
  if (neighbourhood_topics)
    for (int t = 0; t < 10; ++t)
      add(makeTopic(w + "-nb-" + std::to_string(t), 3, w + "-to-" + std::to_string(t + 1), 4,
                    QuotaPeriod::kMonth, 24 * 60),
          ItemMedia::kAudio);
  if (!ward_topics) return;
  for (int t = 0; t < 25; ++t)
    add(makeTopic(w + "-ls-" + std::to_string(t), 1 + t % 3, "kind:loudspeaker", t % 5 == 0 ? 8 : 2,
                  t % 5 == 0 ? QuotaPeriod::kMonth : QuotaPeriod::kWeek, t % 4 == 0 ? 24 * 60 : 0),
        ItemMedia::kAudio);
  for (int t = 0; t < 5; ++t)
    add(makeTopic(w + "-led-" + std::to_string(t), 2, "kind:led", 6, QuotaPeriod::kDay, 0), ItemMedia::kVideo);
}

PlanInput baseInput() {
  PlanInput in;
  in.campaign.id = "bench-2026";
  in.campaign.start = Date{std::chrono::year{2026}, std::chrono::January, std::chrono::day{1}};
  in.campaign.end = Date{std::chrono::year{2026}, std::chrono::December, std::chrono::day{31}};
  in.first_day = toDayNumber(in.campaign.start);
  in.last_day = toDayNumber(in.campaign.end);
  return in;
}

long peakRssKb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

// CPU time of this process (user + system): the machine may be shared, so
// wall time alone can mislead.
double cpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto secs = [](timeval t) { return double(t.tv_sec) + double(t.tv_usec) / 1e6; };
  return secs(usage.ru_utime) + secs(usage.ru_stime);
}

void run(const char* name, const PlanInput& in, double target_s) {
  auto start = std::chrono::steady_clock::now();
  double cpu_start = cpuSeconds();
  PlanResult result = planSchedule(in);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  double cpu = cpuSeconds() - cpu_start;
  const PlanStats& s = result.stats;
  double gap = s.bound == 0 ? 0.0 : 100.0 * double(s.bound - s.plays_placed) / double(s.bound);
  std::printf("%-9s channels %5zu topics %4zu items %5zu | time %7.3f s wall, %7.3f s CPU (target %.1f s) | "
              "peak RSS %7.1f MB\n",
              name, in.channels.size(), in.campaign.topics.size(), in.items.size(), seconds, cpu, target_s,
              double(peakRssKb()) / 1024.0);
  std::printf("          required %9lld placed %9lld bound %9lld (group part %lld) gap to bound %.3f%% | "
              "entries %zu shortfalls %zu\n",
              (long long)s.plays_required, (long long)s.plays_placed, (long long)s.bound,
              (long long)s.group_bound, gap, result.entries.size(), result.shortfalls.size());
  std::printf("          units solved %d (as integer programs %d), channel units copied from an identical one %d\n",
              s.units_planned, s.units_exact, s.units_copied);
  // Plays placed per topic priority (1 = highest): the units run by
  // priority level, so a tight station shows who got the time.
  std::map<std::string, int> priority_of;
  for (const Topic& topic : in.campaign.topics) priority_of[topic.id] = topic.priority;
  std::map<int, long long> by_priority;
  for (const PlanEntry& e : result.entries)
    if (e.origin == EntryOrigin::kPlanned) ++by_priority[priority_of[e.topic]];
  std::printf("          entries per priority:");
  for (const auto& [priority, count] : by_priority) std::printf(" %d: %lld", priority, count);
  std::printf("\n");
}

}  // namespace

int main(int argc, char** argv) {
  std::string which = argc > 1 ? argv[1] : "all";
  std::mt19937 rng(20260101);
  if (which == "ward" || which == "all") {
    PlanInput in = baseInput();
    addWard(in, "ward", true, true, rng);
    run("ward", in, 0.5);
  }
  if (which == "ward-tight" || which == "all") {
    // The same ward with 10-minute loudspeaker windows: far more plays
    // asked than fit, so packing leaves plays out and the repair runs
    // (docs/planner.md, "Packing"); its cost shows here.
    std::mt19937 tight_rng(20260101);
    PlanInput in = baseInput();
    addWard(in, "ward", true, true, tight_rng, 10);
    run("ward-tight", in, 0.5);
  }
  if (which == "province" || which == "all") {
    // 100 wards, each with its 10 programme (group) topics; the 40
    // loudspeaker, screen and neighbourhood topics of ward 0 stand for the
    // province's: their kind targets reach every ward's channels.
    PlanInput in = baseInput();
    for (int w = 0; w < 100; ++w) addWard(in, "w" + std::to_string(w), w == 0, w == 0, rng);
    run("province", in, 30.0);
  }
  if (which == "province-nb" || which == "all") {
    // The same, but every ward also has 10 neighbourhood topics of its own
    // (each aimed at one of its clusters): 1,000 more topics, and ten
    // channels per ward that no other channel plans like.
    PlanInput in = baseInput();
    for (int w = 0; w < 100; ++w) addWard(in, "w" + std::to_string(w), w == 0, true, rng);
    run("prov-nb", in, 30.0);
  }
  return 0;
}
