#include "scheduler/exact_packing.hpp"

#include <coin/Cbc_C_Interface.h>

#include <algorithm>
#include <memory>
#include <numeric>

namespace wardcast::planner {
namespace {

using Row = std::vector<int>;  // option indices, each with coefficient 1

struct Rows {
  std::vector<Row> rows;
  std::vector<double> upper;
  void add(Row row, double bound) {
    if (row.size() <= std::size_t(bound)) return;  // cannot bind
    rows.push_back(std::move(row));
    upper.push_back(bound);
  }
};

// Options sorted by start (then by index, for a fixed order).
std::vector<int> byStart(const ExactProblem& p, const std::vector<int>& subset) {
  std::vector<int> out = subset;
  std::stable_sort(out.begin(), out.end(),
                   [&](int a, int b) { return p.options[a].start < p.options[b].start; });
  return out;
}

// For every distinct start s, the options starting in [s, s + span): at
// most one of them. Rows contained in the one before are left out.
void addSpanRows(const ExactProblem& p, const std::vector<int>& sorted, Millis span, Rows& rows) {
  std::size_t hi = 0, last_hi = 0;
  for (std::size_t lo = 0; lo < sorted.size(); ++lo) {
    if (lo > 0 && p.options[sorted[lo]].start == p.options[sorted[lo - 1]].start) continue;
    Millis s = p.options[sorted[lo]].start;
    hi = std::max(hi, lo);
    while (hi < sorted.size() && p.options[sorted[hi]].start < s + span) ++hi;
    if (hi == last_hi) continue;  // within the previous row
    last_hi = hi;
    rows.add(Row(sorted.begin() + std::ptrdiff_t(lo), sorted.begin() + std::ptrdiff_t(hi)), 1);
  }
}

Rows buildRows(const ExactProblem& p) {
  Rows rows;
  std::vector<Row> of_demand(p.demands.size());
  std::vector<Row> of_topic(p.topic_gaps.size());
  for (std::size_t o = 0; o < p.options.size(); ++o) {
    of_demand[std::size_t(p.options[o].demand)].push_back(int(o));
    of_topic[std::size_t(p.demands[std::size_t(p.options[o].demand)].topic)].push_back(int(o));
  }
  for (std::size_t d = 0; d < p.demands.size(); ++d) rows.add(of_demand[d], p.demands[d].required);
  for (const auto& limit : p.item_limits) {
    Row row;
    for (int o : of_topic[std::size_t(limit.topic)])
      if (p.options[std::size_t(o)].window == limit.window) row.push_back(o);
    rows.add(std::move(row), limit.count);
  }
  // Equal lengths: two plays overlap exactly when one starts less than a
  // length after the other.
  std::vector<int> all(p.options.size());
  std::iota(all.begin(), all.end(), 0);
  addSpanRows(p, byStart(p, all), p.length, rows);
  for (std::size_t t = 0; t < p.topic_gaps.size(); ++t)
    if (p.topic_gaps[t] > 0) addSpanRows(p, byStart(p, of_topic[t]), p.topic_gaps[t], rows);
  return rows;
}

// One higher-level play outweighs every play of the levels below.
std::vector<double> levelWeights(const ExactProblem& p) {
  int levels = 0;
  double most = 1;
  for (const auto& d : p.demands) {
    levels = std::max(levels, d.level + 1);
    most += d.required;
  }
  std::vector<double> weight(std::size_t(std::max(levels, 1)), 1.0);
  for (int k = levels - 2; k >= 0; --k) weight[std::size_t(k)] = weight[std::size_t(k) + 1] * most;
  return weight;
}

}  // namespace

ExactSolution solveExactPacking(const ExactProblem& p) {
  ExactSolution out;
  if (p.options.empty()) {
    out.solved = out.optimal = true;
    return out;
  }
  Rows rows = buildRows(p);
  // Column-major matrix for CBC.
  const int cols = int(p.options.size());
  std::vector<std::vector<int>> col_rows(std::size_t(cols), std::vector<int>{});
  for (std::size_t r = 0; r < rows.rows.size(); ++r)
    for (int o : rows.rows[r]) col_rows[std::size_t(o)].push_back(int(r));
  std::vector<CoinBigIndex> starts{0};
  std::vector<int> index;
  for (const auto& cr : col_rows) {
    index.insert(index.end(), cr.begin(), cr.end());
    starts.push_back(CoinBigIndex(index.size()));
  }
  std::vector<double> value(index.size(), 1.0);
  std::vector<double> col_lo(std::size_t(cols), 0.0), col_hi(std::size_t(cols), 1.0);
  std::vector<double> weight = levelWeights(p), obj;
  for (const auto& o : p.options) obj.push_back(weight[std::size_t(p.demands[std::size_t(o.demand)].level)]);
  std::vector<double> row_lo(rows.rows.size(), 0.0);

  std::unique_ptr<Cbc_Model, void (*)(Cbc_Model*)> model(Cbc_newModel(), Cbc_deleteModel);
  Cbc_Model* m = model.get();
  Cbc_setLogLevel(m, 0);
  Cbc_loadProblem(m, cols, int(rows.rows.size()), starts.data(), index.data(), value.data(), col_lo.data(),
                  col_hi.data(), obj.data(), row_lo.data(), rows.upper.data());
  for (int c = 0; c < cols; ++c) Cbc_setInteger(m, c);
  Cbc_setObjSense(m, -1);          // maximise
  Cbc_setAllowableGap(m, 0.5);     // the objective is integral
  Cbc_setMaximumNodes(m, int(p.node_limit));
  Cbc_setParameter(m, "threads", "0");
  if (!p.start.empty()) {
    std::vector<double> ones(p.start.size(), 1.0);
    Cbc_setMIPStartI(m, int(p.start.size()), p.start.data(), ones.data());
  }
  Cbc_solve(m);
  const double* x = Cbc_bestSolution(m);
  if (x == nullptr) return out;
  out.solved = true;
  out.optimal = Cbc_isProvenOptimal(m) != 0;
  for (int c = 0; c < cols; ++c)
    if (x[c] > 0.5) out.chosen.push_back(c);
  out.chosen = byStart(p, out.chosen);
  out.plays = std::int64_t(out.chosen.size());
  return out;
}

}  // namespace wardcast::planner
