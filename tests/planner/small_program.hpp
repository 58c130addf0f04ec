#pragma once
// A small integer program for the tests' references, solved by COIN-OR
// CBC (single-threaded, so the same program gives the same answer):
// maximise the sum of weight × column over integer columns in
// [0, upper], subject to rows "sum of coefficient × column <= bound".
// No code of the planner's (scheduler/exact_packing.* is its own use of
// CBC); kept apart so that the whole-problem bound and optimum read as
// their rows.
#include <cstdint>
#include <vector>

namespace wardcast::test {

class SmallProgram {
 public:
  // A column in [0, upper] with its objective weight; returns its index.
  int addColumn(double upper, double weight);
  // sum over k of coefficients[k] × column columns[k] <= bound; a row the
  // columns' upper bounds already keep is left out.
  void addRow(const std::vector<int>& columns, const std::vector<double>& coefficients,
              double bound);
  // The same with every coefficient 1.
  void addRow(const std::vector<int>& columns, double bound);

  struct Solution {
    bool proven = false;          // solved to optimality within the node limit
    std::vector<double> columns;  // the best solution found (all 0 if none)
  };
  // Integer solution; with Relax::kLinear the linear relaxation instead.
  enum class Relax { kNone = 1, kLinear };
  Solution maximise(Relax relax, int max_nodes) const;

  struct Row {  // as given to addRow()
    std::vector<int> columns;
    std::vector<double> coefficients;
    double bound;
  };

 private:
  std::vector<double> upper_, weight_;
  std::vector<Row> rows_;
};

}  // namespace wardcast::test
