// UnitPlanner::solveExactly(): a unit whose packing and repair fell short
// of the flow bound, and whose items all have one length, is solved as an
// integer program (exact_packing.hpp). docs/planner.md, "Exact packing".
#include <algorithm>
#include <map>
#include <set>

#include "scheduler/exact_packing.hpp"
#include "scheduler/unit_planner.hpp"

namespace wardcast::planner {
namespace {

// Beyond these the program is not tried (the packing's plays stay).
constexpr std::size_t kMaxStarts = 6'000;
constexpr std::size_t kMaxOptions = 15'000;

struct Fragment {
  Interval span;
  int window;
};

}  // namespace

// The one length of every item the unit may play, or 0 when they differ.
Millis UnitPlanner::commonLength() const {
  Millis length = 0;
  for (const Demand& dm : demands_)
    for (int w : dm.windows)
      for (int i : ctx_.itemsOf(dm.quota.topic)) {
        if (!ctx_.playable(ctx_.item(i), unit_, unit_.windows[std::size_t(w)].day)) continue;
        Millis len = ctx_.item(i).duration_ms;
        if (length != 0 && len != length) return 0;
        length = len;
      }
  return length;
}

// Start instants that contain a start of every play of some optimal
// schedule. Shift every play of an optimal schedule as early as it can go,
// in time order: each then starts where its free fragment starts, where
// another play ends (a start + length), or a min_gap after a play of its
// topic (a start + gap, or a fixed play + gap). So the closure of the
// fragment starts and the fixed plays + gap under "+ length" and "+ gap"
// holds them all. Empty when it grows past kMaxStarts.
std::vector<std::set<Millis>> UnitPlanner::exactStarts(Millis length, const std::vector<Millis>& gaps) const {
  std::vector<Fragment> frags;
  for (std::size_t w = 0; w < unit_.windows.size(); ++w)
    for (const Interval& f : fragments(int(w)))
      if (f.length() >= length) frags.push_back({f, int(w)});
  std::sort(frags.begin(), frags.end(),
            [](const Fragment& a, const Fragment& b) { return a.span.start < b.span.start; });
  std::vector<std::set<Millis>> starts(unit_.windows.size());
  std::vector<Millis> work;
  std::size_t count = 0;
  auto add = [&](Millis s) {
    auto it = std::upper_bound(frags.begin(), frags.end(), s,
                               [](Millis v, const Fragment& f) { return v < f.span.start; });
    if (it == frags.begin()) return;
    --it;
    if (s + length > it->span.end) return;
    if (starts[std::size_t(it->window)].insert(s).second) {
      work.push_back(s);
      ++count;
    }
  };
  for (const Fragment& f : frags) add(f.span.start);
  std::set<int> gap_topics;
  for (const Demand& dm : demands_)
    if (topicGap(dm.quota.topic) > 0) gap_topics.insert(dm.quota.topic);
  for (int t : gap_topics)
    for (int m : unit_.members)
      if (const std::vector<Millis>* plays = book_.playsOf(m, t))
        for (Millis p : *plays) add(p + topicGap(t));
  while (!work.empty() && count <= kMaxStarts) {
    Millis s = work.back();
    work.pop_back();
    add(s + length);
    for (Millis g : gaps) add(s + g);
  }
  if (count > kMaxStarts) return {};
  return starts;
}

std::optional<std::int64_t> UnitPlanner::solveExactly(const std::vector<Millis>& aired) {
  const Millis length = commonLength();
  if (length <= 0) return std::nullopt;
  // One gap per topic: the program keeps it between any two of its plays.
  std::map<int, int> topic_index;  // context topic -> the program's
  std::vector<Millis> topic_gaps, gaps;
  std::set<int> levels;
  for (std::size_t d = 0; d < demands_.size(); ++d) {
    int t = demands_[d].quota.topic;
    if (gapOf(quotaOf(int(d))) != topicGap(t)) return std::nullopt;
    if (topic_index.emplace(t, int(topic_gaps.size())).second) topic_gaps.push_back(topicGap(t));
    levels.insert(ctx_.topics()[std::size_t(t)].priority);
  }
  for (Millis g : topic_gaps)
    if (g > 0 && std::find(gaps.begin(), gaps.end(), g) == gaps.end()) gaps.push_back(g);

  // Take the packing's plays back; they come back unless the program does better.
  const Packing kept = savePacking();
  const std::vector<std::int64_t> before = placedByPriority();
  unpack(aired);

  std::vector<std::set<Millis>> starts = exactStarts(length, gaps);
  ExactProblem problem;
  problem.length = length;
  problem.topic_gaps = topic_gaps;
  std::map<std::tuple<int, int, Millis>, int> option_at;
  for (std::size_t d = 0; d < demands_.size() && !starts.empty(); ++d) {
    const Demand& dm = demands_[d];
    int t = dm.quota.topic;
    int level = int(std::distance(levels.begin(), levels.find(ctx_.topics()[std::size_t(t)].priority)));
    problem.demands.push_back({topic_index.at(t), level, dm.required});
    for (int w : dm.windows) {
      int items = playableItems(t, unit_.windows[std::size_t(w)].day);
      if (items == 0) continue;
      problem.item_limits.push_back({topic_index.at(t), w, items});
      for (Millis s : starts[std::size_t(w)]) {
        if (topicGap(t) > 0 && gapRelease(t, s, topicGap(t)) != s) continue;
        option_at[{int(d), w, s}] = int(problem.options.size());
        problem.options.push_back({int(d), w, s});
      }
    }
  }
  if (starts.empty() || problem.options.size() > kMaxOptions) {
    restorePacking(kept);
    return std::nullopt;
  }
  for (const Own& o : kept.plays) {
    auto it = option_at.find({o.demand, o.window, o.start});
    if (it != option_at.end()) problem.start.push_back(it->second);
  }
  ExactSolution solution = solveExactPacking(problem);
  if (!solution.solved || !commitExact(problem, solution) || placedByPriority() <= before) restorePacking(kept);
  if (!solution.optimal) return std::nullopt;
  return solution.plays;
}

// Commits the program's plays in time order, each with the least recently
// aired item of its topic not yet in its window; checks each against the
// book first. False (with nothing committed) if one does not fit.
bool UnitPlanner::commitExact(const ExactProblem& problem, const ExactSolution& solution) {
  for (int index : solution.chosen) {
    const ExactProblem::Option& o = problem.options[std::size_t(index)];
    int t = demands_[std::size_t(o.demand)].quota.topic;
    std::vector<int> items = freshItems(o.window, t);
    int item = items.empty() ? -1 : items.front();
    bool fits = false;
    for (const Interval& f : fragments(o.window))
      fits = fits || (f.start <= o.start && o.start + problem.length <= f.end);
    if (item < 0 || !fits || gapRelease(t, o.start, topicGap(t)) != o.start) {
      unpack(last_aired_);
      return false;
    }
    commit(o.window, o.demand, item, o.start);
  }
  return true;
}

}  // namespace wardcast::planner
