#include "scheduler/unit_memo.hpp"

namespace wardcast::planner {

std::int64_t UnitMemo::windowIdNumber(const std::string& id) {
  return window_ids_.try_emplace(id, std::int64_t(window_ids_.size())).first->second;
}

UnitMemo::Signature UnitMemo::signature(const PlanContext& ctx, const AirTimeBook& book,
                                        const PlanningUnit& unit, const std::vector<QuotaRef>& quotas) {
  Signature sig;
  int c = unit.members.front();
  sig.push_back(unit.audio);
  sig.push_back(unit.video);
  sig.push_back(std::int64_t(quotas.size()));
  for (const QuotaRef& q : quotas) {
    sig.push_back(q.topic);
    sig.push_back(q.quota);
    const auto& days = ctx.fixedDays(c, q.topic);
    sig.push_back(std::int64_t(days.size()));
    sig.insert(sig.end(), days.begin(), days.end());
    const auto* plays = book.playsOf(c, q.topic);
    sig.push_back(plays ? std::int64_t(plays->size()) : 0);
    if (plays) sig.insert(sig.end(), plays->begin(), plays->end());
  }
  sig.push_back(std::int64_t(unit.windows.size()));
  for (const UnitWindow& w : unit.windows) {
    sig.push_back(windowIdNumber(w.window_id));
    sig.push_back(w.day);
    sig.push_back(w.start_ms);
    sig.push_back(w.end_ms);
    const auto& free = book.freeOf(c, w.member_windows.front());
    sig.push_back(std::int64_t(free.size()));
    for (const Interval& f : free) {
      sig.push_back(f.start);
      sig.push_back(f.end);
    }
  }
  return sig;
}

const UnitMemo::Outcome* UnitMemo::find(const Signature& sig) const {
  auto it = outcomes_.find(sig);
  return it == outcomes_.end() ? nullptr : &it->second;
}

void UnitMemo::remember(Signature sig, const Outcome& outcome) { outcomes_.emplace(std::move(sig), outcome); }

std::int64_t UnitMemo::replay(const PlanContext& ctx, AirTimeBook& book, BookUpdate update, int c,
                              const Outcome& outcome, std::vector<Placement>& placed, PlanResult& result) {
  const std::string& id = ctx.input().channels[c].id;
  for (std::size_t i = outcome.placed_begin; i < outcome.placed_end; ++i) {
    Placement p = placed[i];
    p.channel = c;
    placed.push_back(p);
    if (update == BookUpdate::kSkip) continue;
    book.take(c, {p.start_ms, p.start_ms + ctx.item(p.item).duration_ms});
    book.recordPlay(c, ctx.itemTopic(p.item), p.start_ms);
  }
  for (std::size_t i = outcome.shortfalls_begin; i < outcome.shortfalls_end; ++i) {
    Shortfall s = result.shortfalls[i];
    s.target = id;
    result.shortfalls.push_back(std::move(s));
  }
  result.stats.plays_required += outcome.required;
  result.stats.plays_placed += outcome.placed;
  return outcome.bound;
}

}  // namespace wardcast::planner
