#include "tests/planner/whole_optimum.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <tuple>

#include "tests/planner/small_program.hpp"

namespace wardcast::test::whole {
namespace {

constexpr int kMaxNodes = 20'000;

// One column: a play for `demand` at `start` of one of the topic's
// `items` items of `length` playable in the window (which of them is
// immaterial: they differ only by name).
struct Play {
  int demand;
  int option;
  Millis length;
  int items;
  Millis start;
};

Millis gcdOf(Millis a, Millis b) {
  return std::gcd(a < 0 ? -a : a, b < 0 ? -b : b);
}

// The grid every play of some optimal schedule starts on.
Millis gridOf(const Problem& p) {
  const planner::PlanInput& in = *p.input;
  Millis g = 0;
  for (const auto& channel : in.channels)
    for (const auto& w : channel.windows) g = gcdOf(gcdOf(g, w.start_ms), w.end_ms);
  for (const auto& e : in.fixed) g = gcdOf(gcdOf(g, e.start_ms), e.end_ms);
  if (in.now_ms != INT64_MIN) g = gcdOf(g, in.now_ms);
  for (const auto& item : in.items) g = gcdOf(g, item.duration_ms);
  for (Millis gap : p.topic_gap) g = gcdOf(g, gap);
  return g;
}

bool keepsGap(Millis start, const std::vector<Millis>& pins, Millis gap) {
  return std::all_of(pins.begin(), pins.end(),
                     [&](Millis pin) { return start <= pin - gap || start >= pin + gap; });
}

class TimeProgram {
 public:
  TimeProgram(const Problem& p, Millis grid) : p_(p), grid_(grid) { listPlays(); }

  bool tooLarge() const { return plays_.size() > kMaxColumns; }

  // Per demand, the plays of the best solution; nullopt unless proven.
  std::optional<std::vector<std::int64_t>> solve(Objective objective) const {
    SmallProgram::Solution best = build(objective).maximise(SmallProgram::Relax::kNone, kMaxNodes);
    if (!best.proven) return std::nullopt;
    std::vector<std::int64_t> out(p_.demands.size(), 0);
    for (std::size_t c = 0; c < plays_.size(); ++c)
      out[std::size_t(plays_[c].demand)] += std::llround(best.columns[c]);
    return out;
  }

  // The most plays in all of the linear relaxation, rounded down.
  std::int64_t linearBound() const {
    SmallProgram::Solution best =
        build(Objective::kMostPlays).maximise(SmallProgram::Relax::kLinear, kMaxNodes);
    double plays = std::accumulate(best.columns.begin(), best.columns.end(), 0.0);
    return std::int64_t(std::floor(plays + 1e-6));
  }

 private:
  SmallProgram build(Objective objective) const {
    SmallProgram program;
    std::vector<double> weights = playWeights(p_, objective);
    for (const Play& play : plays_) program.addColumn(1.0, weights[std::size_t(play.demand)]);
    addDemandRows(program);
    addChannelRows(program);
    return program;
  }

  const Place& placeOf(const Play& play) const {
    return p_.places[std::size_t(p_.demands[std::size_t(play.demand)].place)];
  }
  int topicOf(const Play& play) const { return p_.demands[std::size_t(play.demand)].topic; }
  int windowOf(const Play& play) const {
    return p_.demands[std::size_t(play.demand)].options[std::size_t(play.option)].window;
  }

  void listPlays() {
    for (std::size_t d = 0; d < p_.demands.size() && !tooLarge(); ++d) {
      const Demand& dm = p_.demands[d];
      const Place& place = p_.places[std::size_t(dm.place)];
      Millis gap = p_.topic_gap[std::size_t(dm.topic)];
      std::vector<Millis> pins = p_.fixedStartsOn(place, dm.topic);
      for (std::size_t k = 0; k < dm.options.size(); ++k) {
        std::map<Millis, int> by_length;  // items of each length
        for (int item : dm.options[k].items) ++by_length[p_.lengthOf(item)];
        for (const auto& [length, items] : by_length)
          for (Span f : place.windows[std::size_t(dm.options[k].window)].free)
            for (Millis s = f.start; s + length <= f.end; s += grid_)
              if (keepsGap(s, pins, gap)) plays_.push_back({int(d), int(k), length, items, s});
      }
    }
  }

  void addDemandRows(SmallProgram& program) const {
    std::vector<std::vector<int>> of_demand(p_.demands.size());
    for (std::size_t c = 0; c < plays_.size(); ++c)
      of_demand[std::size_t(plays_[c].demand)].push_back(int(c));
    for (std::size_t d = 0; d < of_demand.size(); ++d)
      program.addRow(of_demand[d], p_.demands[d].required);
  }

  // Per channel: a topic's items of one length at most once each per
  // window, no overlap, min_gap per topic.
  void addChannelRows(SmallProgram& program) const {
    std::map<int, std::vector<int>> on_channel;
    // (channel, window, topic, length) -> columns, and the items they share
    std::map<std::tuple<int, int, int, Millis>, std::pair<std::vector<int>, int>> items_in_window;
    for (std::size_t c = 0; c < plays_.size(); ++c) {
      const Place& place = placeOf(plays_[c]);
      const PlaceWindow& win = place.windows[std::size_t(windowOf(plays_[c]))];
      for (std::size_t m = 0; m < place.members.size(); ++m) {
        on_channel[place.members[m]].push_back(int(c));
        auto& [cols, items] = items_in_window[{place.members[m], win.member_window[m],
                                               topicOf(plays_[c]), plays_[c].length}];
        cols.push_back(int(c));
        items = std::max(items, plays_[c].items);
      }
    }
    for (const auto& [key, row] : items_in_window) program.addRow(row.first, double(row.second));
    for (auto& [channel, cols] : on_channel) {
      std::stable_sort(cols.begin(), cols.end(), [&](int a, int b) {
        return plays_[std::size_t(a)].start < plays_[std::size_t(b)].start;
      });
      addOverlapRows(program, cols);
      addGapRows(program, cols);
    }
  }

  // Plays that all cover the instant `t`, for every start t: at most one.
  void addOverlapRows(SmallProgram& program, const std::vector<int>& by_start) const {
    for (std::size_t i = 0; i < by_start.size(); ++i) {
      Millis t = plays_[std::size_t(by_start[i])].start;
      if (i + 1 < by_start.size() && plays_[std::size_t(by_start[i + 1])].start == t) continue;
      std::vector<int> row;
      for (std::size_t j = 0; j <= i; ++j) {
        const Play& play = plays_[std::size_t(by_start[j])];
        if (play.start + play.length > t) row.push_back(by_start[j]);
      }
      program.addRow(row, 1.0);
    }
  }

  // Plays of one topic starting in [t, t + gap), for every start t: at most one.
  void addGapRows(SmallProgram& program, const std::vector<int>& by_start) const {
    std::map<int, std::vector<int>> of_topic;
    for (int c : by_start)
      if (p_.topic_gap[std::size_t(topicOf(plays_[std::size_t(c)]))] > 0)
        of_topic[topicOf(plays_[std::size_t(c)])].push_back(c);
    for (const auto& [topic, cols] : of_topic) {
      Millis gap = p_.topic_gap[std::size_t(topic)];
      for (std::size_t i = 0; i < cols.size(); ++i) {
        Millis t = plays_[std::size_t(cols[i])].start;
        if (i > 0 && plays_[std::size_t(cols[i - 1])].start == t) continue;
        std::vector<int> row;
        for (std::size_t j = i; j < cols.size() && plays_[std::size_t(cols[j])].start < t + gap;
             ++j)
          row.push_back(cols[j]);
        program.addRow(row, 1.0);
      }
    }
  }

  const Problem& p_;
  Millis grid_;
  std::vector<Play> plays_;
};

}  // namespace

std::optional<WholeOptimum> wholeOptimum(const Problem& problem) {
  Millis grid = gridOf(problem);
  if (grid <= 0)
    return WholeOptimum{0, std::vector<std::int64_t>(priorityLevels(problem).size(), 0)};
  TimeProgram program(problem, grid);
  if (program.tooLarge()) return std::nullopt;
  auto by_priority = program.solve(Objective::kByPriority);
  if (!by_priority) return std::nullopt;
  // Its plays are a schedule: where the relaxation allows no more, they
  // are also the most in all.
  std::int64_t plays = std::accumulate(by_priority->begin(), by_priority->end(), std::int64_t(0));
  auto most = program.linearBound() == plays ? by_priority : program.solve(Objective::kMostPlays);
  if (!most) return std::nullopt;
  return WholeOptimum{std::accumulate(most->begin(), most->end(), std::int64_t(0)),
                      playsByLevel(problem, *by_priority)};
}

}  // namespace wardcast::test::whole
