#include "scheduler/planner.hpp"

#include <algorithm>
#include <functional>
#include <tuple>

#include "scheduler/air_time_book.hpp"
#include "scheduler/plan_context.hpp"
#include "scheduler/planning_order.hpp"
#include "scheduler/unit_memo.hpp"
#include "scheduler/unit_planner.hpp"

namespace wardcast::planner {
namespace {

void setMedia(PlanningUnit& unit, const std::vector<PlanChannel>& channels) {
  unit.audio = !unit.members.empty();
  unit.video = !unit.members.empty();
  for (int m : unit.members) {
    bool led = channels[m].kind == ChannelKind::kLed;
    unit.audio = unit.audio && !led;
    unit.video = unit.video && led;
  }
}

PlanningUnit channelUnit(const AirTimeBook& book, const std::vector<PlanChannel>& channels, int c) {
  PlanningUnit unit;
  unit.target = channels[c].id;
  unit.members = {c};
  for (std::size_t w = 0; w < book.windows(c).size(); ++w) {
    const WindowInstance& win = book.windows(c)[w];
    unit.windows.push_back({win.window_id, win.day, win.start_ms, win.end_ms, {int(w)}});
  }
  setMedia(unit, channels);
  return unit;
}

// Window instances common to every member (same window id and day), cut
// to the part all of them share.
PlanningUnit groupUnit(const AirTimeBook& book, const std::vector<PlanChannel>& channels,
                       const std::string& target, std::vector<int> members) {
  PlanningUnit unit;
  unit.target = target;
  unit.members = std::move(members);
  setMedia(unit, channels);
  if (unit.members.empty()) return unit;
  int first = unit.members.front();
  for (std::size_t w = 0; w < book.windows(first).size(); ++w) {
    const WindowInstance& win = book.windows(first)[w];
    UnitWindow uw{win.window_id, win.day, win.start_ms, win.end_ms, {int(w)}};
    for (std::size_t m = 1; m < unit.members.size() && !uw.member_windows.empty(); ++m) {
      int idx = book.findWindow(unit.members[m], win.window_id, win.day);
      if (idx < 0) {
        uw.member_windows.clear();
        break;
      }
      const WindowInstance& other = book.windows(unit.members[m])[idx];
      uw.start_ms = std::max(uw.start_ms, other.start_ms);
      uw.end_ms = std::min(uw.end_ms, other.end_ms);
      uw.member_windows.push_back(idx);
    }
    if (uw.member_windows.size() == unit.members.size() && uw.start_ms < uw.end_ms)
      unit.windows.push_back(std::move(uw));
  }
  return unit;
}

void placeFixed(const PlanContext& ctx, AirTimeBook& book, PlanResult& result) {
  for (const PlanEntry& entry : ctx.input().fixed) {
    int c = ctx.channelIndex(entry.channel);
    if (c >= 0) {
      book.take(c, {entry.start_ms, entry.end_ms});
      int t = ctx.topicIndex(entry.topic);
      if (t >= 0) book.recordPlay(c, t, entry.start_ms);
    }
    result.entries.push_back(entry);
  }
}

std::int64_t runUnit(const PlanContext& ctx, AirTimeBook& book, const PlanningUnit& unit,
                     std::vector<QuotaRef> quotas, std::vector<Placement>& placed, PlanResult& result) {
  if (quotas.empty()) return 0;
  ++result.stats.units_planned;
  UnitPlanner planner(ctx, book, unit, std::move(quotas));
  return planner.run(placed, result);
}

// A channel unit, or the replay of an identical one planned before.
// `update`: whether a replay writes its plays into the book (a later step
// plans on the channel).
std::int64_t runChannelUnit(const PlanContext& ctx, AirTimeBook& book, UnitMemo& memo, int c,
                            std::vector<QuotaRef> quotas, UnitMemo::BookUpdate update,
                            std::vector<Placement>& placed, PlanResult& result) {
  if (quotas.empty()) return 0;
  PlanningUnit unit = channelUnit(book, ctx.input().channels, c);
  UnitMemo::Signature sig = memo.signature(ctx, book, unit, quotas);
  if (const UnitMemo::Outcome* seen = memo.find(sig)) {
    ++result.stats.units_copied;
    return UnitMemo::replay(ctx, book, update, c, *seen, placed, result);
  }
  UnitMemo::Outcome outcome{placed.size(), 0, result.shortfalls.size(), 0,
                            -result.stats.plays_required, -result.stats.plays_placed, 0};
  outcome.bound = runUnit(ctx, book, unit, std::move(quotas), placed, result);
  outcome.placed_end = placed.size();
  outcome.shortfalls_end = result.shortfalls.size();
  outcome.required += result.stats.plays_required;
  outcome.placed += result.stats.plays_placed;
  memo.remember(std::move(sig), outcome);
  return outcome.bound;
}

std::vector<int> ranksById(std::size_t count, const std::function<const std::string&(std::size_t)>& id) {
  std::vector<int> order(count), rank(count);
  for (std::size_t i = 0; i < count; ++i) order[i] = int(i);
  std::sort(order.begin(), order.end(), [&](int a, int b) { return id(a) < id(b); });
  for (std::size_t r = 0; r < count; ++r) rank[order[r]] = int(r);
  return rank;
}

PlanEntry toEntry(const PlanContext& ctx, const AirTimeBook& book, const Placement& p) {
  const PlanItem& item = ctx.item(p.item);
  const WindowInstance& win = book.windows(p.channel)[p.window];
  PlanEntry entry;
  entry.channel = ctx.input().channels[p.channel].id;
  entry.start_ms = p.start_ms;
  entry.end_ms = p.start_ms + item.duration_ms;
  entry.day = win.day;
  entry.item = item.id;
  entry.topic = item.topic;
  entry.campaign = ctx.input().campaign.id;
  entry.media = item.media;
  entry.origin = EntryOrigin::kPlanned;
  entry.window = win.window_id;
  return entry;
}

// result.entries holds the fixed entries; adds the placements and leaves
// every entry in schedule order: by channel id, start, item id.
void assembleEntries(const PlanContext& ctx, const AirTimeBook& book, std::vector<Placement>& placed,
                     PlanResult& result) {
  const PlanInput& in = ctx.input();
  std::vector<int> channel_rank = ranksById(in.channels.size(), [&](std::size_t c) -> const std::string& {
    return in.channels[c].id;
  });
  std::vector<int> item_rank =
      ranksById(in.items.size(), [&](std::size_t i) -> const std::string& { return in.items[i].id; });
  std::sort(placed.begin(), placed.end(), [&](const Placement& a, const Placement& b) {
    return std::tie(channel_rank[a.channel], a.start_ms, item_rank[a.item]) <
           std::tie(channel_rank[b.channel], b.start_ms, item_rank[b.item]);
  });
  std::vector<PlanEntry> fixed = std::move(result.entries);
  std::sort(fixed.begin(), fixed.end(), [](const PlanEntry& a, const PlanEntry& b) {
    return std::tie(a.channel, a.start_ms, a.item) < std::tie(b.channel, b.start_ms, b.item);
  });
  auto fixedFirst = [&](const PlanEntry& f, const Placement& p) {
    const std::string& channel = in.channels[p.channel].id;
    return std::tie(f.channel, f.start_ms, f.item) < std::tie(channel, p.start_ms, in.items[p.item].id);
  };
  result.entries.clear();
  result.entries.reserve(fixed.size() + placed.size());
  std::size_t f = 0;
  for (const Placement& p : placed) {
    for (; f < fixed.size() && fixedFirst(fixed[f], p); ++f) result.entries.push_back(std::move(fixed[f]));
    result.entries.push_back(toEntry(ctx, book, p));
  }
  for (; f < fixed.size(); ++f) result.entries.push_back(std::move(fixed[f]));
}

}  // namespace

PlanResult planSchedule(const PlanInput& input) {
  PlanContext ctx(input);
  AirTimeBook book(input.channels, input.now_ms);
  PlanResult result;
  placeFixed(ctx, book, result);

  // Groups and channels by priority level (scheduler/planning_order.hpp).
  PlanningOrder order = planningOrder(ctx);
  std::vector<Placement> placed;
  UnitMemo memo;
  for (const PlanStep& step : order.steps) {
    if (step.kind == PlanStep::Kind::kGroup) {
      PlanningUnit unit = groupUnit(book, input.channels, step.target, step.members);
      std::int64_t bound = runUnit(ctx, book, unit, step.quotas, placed, result);
      result.stats.bound += bound;
      result.stats.group_bound += bound;
    } else {
      UnitMemo::BookUpdate update =
          step.later_on_members ? UnitMemo::BookUpdate::kWrite : UnitMemo::BookUpdate::kSkip;
      result.stats.bound +=
          runChannelUnit(ctx, book, memo, step.members.front(), step.quotas, update, placed, result);
    }
  }

  // Targets that name no channel: every period is a shortfall.
  for (const std::string& target : order.unmatched) {
    std::vector<QuotaRef> quotas;
    const auto& topics = ctx.topics();
    for (std::size_t t = 0; t < topics.size(); ++t)
      for (std::size_t q = 0; q < topics[t].quotas.size(); ++q)
        if (topics[t].quotas[q].target == target) quotas.push_back({int(t), int(q)});
    runUnit(ctx, book, PlanningUnit{target, {}, true, false, {}}, quotas, placed, result);
  }

  assembleEntries(ctx, book, placed, result);
  std::sort(result.shortfalls.begin(), result.shortfalls.end(), [](const Shortfall& a, const Shortfall& b) {
    return std::tie(a.topic, a.target, a.period) < std::tie(b.topic, b.target, b.period);
  });
  return result;
}

const char* toString(ShortfallReason reason) {
  switch (reason) {
    case ShortfallReason::kNoItem: return "no approved item valid then";
    case ShortfallReason::kWindowsFull: return "windows full";
    case ShortfallReason::kNoWindows: return "target has no windows";
    case ShortfallReason::kMinGap: return "min_gap cannot be kept";
  }
  return "?";
}

const char* toString(EntryOrigin origin) {
  switch (origin) {
    case EntryOrigin::kPlanned: return "planned";
    case EntryOrigin::kPinned: return "pinned";
    case EntryOrigin::kKept: return "kept";
  }
  return "?";
}

}  // namespace wardcast::planner
