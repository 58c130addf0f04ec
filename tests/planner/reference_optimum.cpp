#include "tests/planner/reference_optimum.hpp"

#include <coin/Cbc_C_Interface.h>

#include <algorithm>
#include <memory>
#include <set>

#include "tests/planner/reference_bound.hpp"
#include "tests/planner/reference_units.hpp"

namespace wardcast::test {
namespace {

using planner::Millis;

constexpr Millis kGrid = 60'000;

struct Var {
  int demand;
  std::size_t win;
  Millis start;
};

// Rows of the program, each a list of variables with coefficient 1 and an
// upper bound.
struct Program {
  std::vector<Var> vars;
  std::vector<std::vector<int>> rows;
  std::vector<double> upper;
};

bool onGrid(Millis t) { return t % kGrid == 0; }

// The one item length of the unit, 0 when lengths differ, -1 when the
// unit's time is off the minute grid.
Millis unitLength(const RefUnit& ru) {
  Millis length = 0;
  for (const auto& [key, lengths] : ru.lengths)
    for (Millis len : lengths) {
      if (length != 0 && len != length) return 0;
      length = len;
    }
  if (!onGrid(length)) return -1;
  for (const RefWindow& w : ru.wins)
    for (Span f : w.free)
      if (!onGrid(f.start) || !onGrid(f.end)) return -1;
  for (const auto& [topic, starts] : ru.fixed_starts)
    for (Millis s : starts)
      if (!onGrid(s)) return -1;
  return length;
}

Program buildProgram(const RandomScenario& sc, const RefUnit& ru, Millis length) {
  Program p;
  for (std::size_t d = 0; d < ru.demands.size(); ++d) {
    const RefDemand& dm = ru.demands[d];
    Millis gap = sc.topic_gaps[std::size_t(dm.topic)];
    auto pins = ru.fixed_starts.find(dm.topic);
    std::vector<int> row;
    for (std::size_t w : dm.windows) {
      if (ru.lengthsOf(dm.topic, w).empty()) continue;
      for (Span f : ru.wins[w].free)
        for (Millis s = f.start; s + length <= f.end; s += kGrid) {
          bool kept = true;
          if (pins != ru.fixed_starts.end())
            for (Millis pin : pins->second) kept = kept && (s <= pin - gap || s >= pin + gap);
          if (!kept) continue;
          row.push_back(int(p.vars.size()));
          p.vars.push_back({int(d), w, s});
        }
    }
    p.rows.push_back(row);
    p.upper.push_back(dm.required);
  }
  // A topic's distinct items in a window.
  std::map<std::pair<int, std::size_t>, std::vector<int>> in_window;
  for (std::size_t v = 0; v < p.vars.size(); ++v)
    in_window[{ru.demands[std::size_t(p.vars[v].demand)].topic, p.vars[v].win}].push_back(int(v));
  for (const auto& [key, row] : in_window) {
    p.rows.push_back(row);
    p.upper.push_back(double(ru.lengthsOf(key.first, key.second).size()));
  }
  // Every minute at which a play may start is covered by one play at most;
  // every topic with a gap starts at most one play in [minute, minute + gap).
  std::vector<int> by_start(p.vars.size());
  for (std::size_t v = 0; v < by_start.size(); ++v) by_start[v] = int(v);
  std::stable_sort(by_start.begin(), by_start.end(),
                   [&](int a, int b) { return p.vars[std::size_t(a)].start < p.vars[std::size_t(b)].start; });
  auto between = [&](Millis from, Millis to, int topic) {  // starts in [from, to), of `topic` unless -1
    std::vector<int> row;
    auto it = std::lower_bound(by_start.begin(), by_start.end(), from,
                               [&](int v, Millis t) { return p.vars[std::size_t(v)].start < t; });
    for (; it != by_start.end() && p.vars[std::size_t(*it)].start < to; ++it)
      if (topic < 0 || ru.demands[std::size_t(p.vars[std::size_t(*it)].demand)].topic == topic) row.push_back(*it);
    return row;
  };
  std::set<Millis> minutes;
  std::set<std::pair<int, Millis>> topic_minutes;
  for (const Var& v : p.vars) {
    minutes.insert(v.start);
    topic_minutes.insert({ru.demands[std::size_t(v.demand)].topic, v.start});
  }
  for (Millis t : minutes) {
    p.rows.push_back(between(t - length + 1, t + 1, -1));
    p.upper.push_back(1);
  }
  for (const auto& [topic, t] : topic_minutes) {
    Millis gap = sc.topic_gaps[std::size_t(topic)];
    if (gap == 0) continue;
    p.rows.push_back(between(t, t + gap, topic));
    p.upper.push_back(1);
  }
  return p;
}

// The most plays, lexicographically by priority level; nullopt unless
// proven optimal.
std::optional<std::int64_t> solve(const RandomScenario& sc, const RefUnit& ru, const Program& p) {
  if (p.vars.empty()) return 0;
  std::vector<int> levels(ru.unit.priorities.begin(), ru.unit.priorities.end());  // ascending: highest first
  double total = 1;
  for (const RefDemand& dm : ru.demands) total += dm.required;
  std::unique_ptr<Cbc_Model, void (*)(Cbc_Model*)> model(Cbc_newModel(), Cbc_deleteModel);
  Cbc_Model* m = model.get();
  Cbc_setLogLevel(m, 0);
  for (const Var& v : p.vars) {
    int priority = sc.input.campaign.topics[std::size_t(ru.demands[std::size_t(v.demand)].topic)].priority;
    auto rank = std::find(levels.begin(), levels.end(), priority) - levels.begin();
    double weight = 1;
    for (auto k = rank + 1; k < std::ptrdiff_t(levels.size()); ++k) weight *= total;
    Cbc_addCol(m, "", 0.0, 1.0, weight, 1, 0, nullptr, nullptr);
  }
  for (std::size_t r = 0; r < p.rows.size(); ++r) {
    std::vector<double> ones(p.rows[r].size(), 1.0);
    Cbc_addRow(m, "", int(p.rows[r].size()), p.rows[r].data(), ones.data(), 'L', p.upper[r]);
  }
  Cbc_setObjSense(m, -1);
  Cbc_setAllowableGap(m, 0.5);
  Cbc_solve(m);
  if (!Cbc_isProvenOptimal(m)) return std::nullopt;
  const double* x = Cbc_getColSolution(m);
  std::int64_t plays = 0;
  for (std::size_t v = 0; v < p.vars.size(); ++v) plays += x[v] > 0.5;
  return plays;
}

}  // namespace

std::optional<std::int64_t> referenceOptimum(const RandomScenario& sc, const planner::PlanResult& result) {
  std::int64_t total = 0;
  for (const RefUnit& ru : referenceUnits(sc, result)) {
    // The planner's plays are a schedule (the property tests check it) and
    // the flow bounds every schedule: where they meet, that is the optimum.
    std::int64_t flow = unitFlowBound(sc, ru);
    if (ru.placed == flow) {
      total += flow;
      continue;
    }
    Millis length = unitLength(ru);
    if (length <= 0) return std::nullopt;
    std::optional<std::int64_t> best = solve(sc, ru, buildProgram(sc, ru, length));
    if (!best) return std::nullopt;
    total += *best;
  }
  return total;
}

}  // namespace wardcast::test
