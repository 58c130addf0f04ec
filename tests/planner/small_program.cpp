#include "tests/planner/small_program.hpp"

#include <coin/Cbc_C_Interface.h>
#include <coin/CoinFinite.hpp>

#include <memory>

namespace wardcast::test {

int SmallProgram::addColumn(double upper, double weight) {
  upper_.push_back(upper);
  weight_.push_back(weight);
  return int(upper_.size()) - 1;
}

void SmallProgram::addRow(const std::vector<int>& columns, const std::vector<double>& coefficients,
                          double bound) {
  double most = 0;  // the row's left side at every column's upper bound
  for (std::size_t k = 0; k < columns.size(); ++k)
    most += coefficients[k] * upper_[std::size_t(columns[k])];
  if (most > bound) rows_.push_back({columns, coefficients, bound});
}

void SmallProgram::addRow(const std::vector<int>& columns, double bound) {
  addRow(columns, std::vector<double>(columns.size(), 1.0), bound);
}

namespace {

// The whole matrix at once, by columns (adding rows one by one costs CBC
// more than solving these programs).
void load(Cbc_Model* model, const std::vector<double>& upper, const std::vector<double>& weight,
          const std::vector<SmallProgram::Row>& rows) {
  std::vector<std::vector<std::pair<int, double>>> by_column(upper.size());
  for (std::size_t r = 0; r < rows.size(); ++r)
    for (std::size_t k = 0; k < rows[r].columns.size(); ++k)
      by_column[std::size_t(rows[r].columns[k])].emplace_back(int(r), rows[r].coefficients[k]);
  std::vector<CoinBigIndex> start{0};
  std::vector<int> index;
  std::vector<double> value;
  for (const auto& entries : by_column) {
    for (const auto& [row, coefficient] : entries) {
      index.push_back(row);
      value.push_back(coefficient);
    }
    start.push_back(CoinBigIndex(index.size()));
  }
  std::vector<double> lower(upper.size(), 0.0), row_lower(rows.size(), -COIN_DBL_MAX), row_upper;
  for (const SmallProgram::Row& row : rows) row_upper.push_back(row.bound);
  Cbc_loadProblem(model, int(upper.size()), int(rows.size()), start.data(), index.data(),
                  value.data(), lower.data(), upper.data(), weight.data(), row_lower.data(),
                  row_upper.data());
}

}  // namespace

SmallProgram::Solution SmallProgram::maximise(Relax relax, int max_nodes) const {
  Solution out;
  out.columns.assign(upper_.size(), 0.0);
  if (upper_.empty()) {
    out.proven = true;
    return out;
  }
  std::unique_ptr<Cbc_Model, void (*)(Cbc_Model*)> model(Cbc_newModel(), Cbc_deleteModel);
  Cbc_Model* m = model.get();
  Cbc_setLogLevel(m, 0);
  load(m, upper_, weight_, rows_);
  if (relax == Relax::kNone)
    for (std::size_t c = 0; c < upper_.size(); ++c) Cbc_setInteger(m, int(c));
  Cbc_setObjSense(m, -1);
  Cbc_setAllowableGap(m, 0.5);  // objectives are whole numbers
  Cbc_setMaximumNodes(m, max_nodes);
  // CBC's preprocessing and primal heuristics cost these small programs
  // more than the search itself (ten times and half as much again).
  Cbc_setParameter(m, "preprocess", "off");
  Cbc_setParameter(m, "heuristicsOnOff", "off");
  Cbc_solve(m);
  out.proven = Cbc_isProvenOptimal(m) != 0;
  if (const double* x = Cbc_getColSolution(m)) out.columns.assign(x, x + upper_.size());
  return out;
}

}  // namespace wardcast::test
