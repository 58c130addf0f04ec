#include "tests/planner/whole_bound.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <set>

#include "tests/planner/small_program.hpp"

namespace wardcast::test::whole {
namespace {

// One column: the plays of a demand in one of its windows.
struct Column {
  int demand;
  int option;
  Millis shortest;  // its topic's shortest item there
  Millis earliest;  // first and last start keeping the gap to its pins
  Millis latest;
};

bool keepsGap(Millis start, const std::vector<Millis>& pins, Millis gap) {
  return std::all_of(pins.begin(), pins.end(),
                     [&](Millis pin) { return start <= pin - gap || start >= pin + gap; });
}

bool fits(const std::vector<Span>& free, Millis start, Millis length) {
  return std::any_of(free.begin(), free.end(),
                     [&](Span f) { return f.start <= start && start + length <= f.end; });
}

enum class Extreme { kEarliest = 1, kLatest };

// The earliest (latest) start of a play of `length` in the free time,
// keeping `gap` to every pin: at a fragment's start (end) or a gap after
// (before) a pin. False when there is none.
bool extremeStart(const std::vector<Span>& free, Millis length, const std::vector<Millis>& pins,
                  Millis gap, Extreme extreme, Millis& out) {
  const bool latest = extreme == Extreme::kLatest;
  std::vector<Millis> candidates;
  for (Span f : free) candidates.push_back(latest ? f.end - length : f.start);
  for (Millis pin : pins) candidates.push_back(latest ? pin - gap : pin + gap);
  bool found = false;
  for (Millis s : candidates)
    if (fits(free, s, length) && keepsGap(s, pins, gap) &&
        (!found || (latest ? s > out : s < out))) {
      out = s;
      found = true;
    }
  return found;
}

// Distinct items, shortest first, that fit in each fragment, summed.
std::int64_t itemsThatFit(const std::vector<Span>& free, std::vector<Millis> lengths) {
  std::sort(lengths.begin(), lengths.end());
  std::int64_t total = 0;
  for (Span f : free) {
    Millis used = 0;
    for (Millis len : lengths) {
      if (used + len > f.length()) break;
      used += len;
      ++total;
    }
  }
  return std::min<std::int64_t>(total, std::int64_t(lengths.size()));
}

Millis totalLength(const std::vector<Span>& free) {
  Millis total = 0;
  for (Span f : free) total += f.length();
  return total;
}

class CountProgram {
 public:
  explicit CountProgram(const Problem& p) : p_(p) {
    addColumns();
    addDemandRows();
    addWindowRows();
    addGapRows();
  }

  // The most plays of the linear relaxation.
  double solve() const {
    SmallProgram::Solution best = program_.maximise(SmallProgram::Relax::kLinear, 0);
    return std::accumulate(best.columns.begin(), best.columns.end(), 0.0);
  }

 private:
  const Option& optionOf(const Column& c) const {
    return p_.demands[std::size_t(c.demand)].options[std::size_t(c.option)];
  }
  const Place& placeOf(const Column& c) const {
    return p_.places[std::size_t(p_.demands[std::size_t(c.demand)].place)];
  }
  const PlaceWindow& windowOf(const Column& c) const {
    return placeOf(c).windows[std::size_t(optionOf(c).window)];
  }
  int topicOf(const Column& c) const { return p_.demands[std::size_t(c.demand)].topic; }

  void addColumns() {
    for (std::size_t d = 0; d < p_.demands.size(); ++d) {
      const Demand& dm = p_.demands[d];
      const Place& place = p_.places[std::size_t(dm.place)];
      Millis gap = p_.topic_gap[std::size_t(dm.topic)];
      std::vector<Millis> pins = p_.fixedStartsOn(place, dm.topic);
      for (std::size_t k = 0; k < dm.options.size(); ++k) {
        const Option& o = dm.options[k];
        const std::vector<Span>& free = place.windows[std::size_t(o.window)].free;
        Millis shortest = p_.lengthOf(o.items.front());
        for (int i : o.items) shortest = std::min(shortest, p_.lengthOf(i));
        Column c{int(d), int(k), shortest, 0, 0};
        if (!extremeStart(free, shortest, pins, gap, Extreme::kEarliest, c.earliest)) continue;
        extremeStart(free, shortest, pins, gap, Extreme::kLatest, c.latest);
        std::int64_t upper = std::min<std::int64_t>(dm.required, std::int64_t(o.items.size()));
        if (gap > 0) upper = std::min<std::int64_t>(upper, 1 + (c.latest - c.earliest) / gap);
        columns_.push_back(c);
        program_.addColumn(double(upper), 1.0);
      }
    }
  }

  void addDemandRows() {
    std::map<int, std::vector<int>> of_demand;
    for (std::size_t c = 0; c < columns_.size(); ++c)
      of_demand[columns_[c].demand].push_back(int(c));
    for (const auto& [d, cols] : of_demand)
      program_.addRow(cols, p_.demands[std::size_t(d)].required);
  }

  // Per channel window (and per window of a group place): time, distinct
  // items of each topic, and plays that fit.
  void addWindowRows() {
    std::map<std::pair<int, int>, std::vector<int>> on_channel;  // (channel, window) -> columns
    std::map<std::pair<int, int>, std::vector<int>> on_place;    // (place, window) -> columns
    for (std::size_t c = 0; c < columns_.size(); ++c) {
      const Demand& dm = p_.demands[std::size_t(columns_[c].demand)];
      const Place& place = placeOf(columns_[c]);
      for (std::size_t m = 0; m < place.members.size(); ++m)
        on_channel[{place.members[m], windowOf(columns_[c]).member_window[m]}].push_back(int(c));
      if (place.members.size() > 1)
        on_place[{dm.place, optionOf(columns_[c]).window}].push_back(int(c));
    }
    for (const auto& [key, cols] : on_channel) {
      addPoolRows(cols, p_.channel_free[std::size_t(key.first)][std::size_t(key.second)]);
      addItemRows(cols);
    }
    for (const auto& [key, cols] : on_place)
      addPoolRows(cols, p_.places[std::size_t(key.first)].windows[std::size_t(key.second)].free);
  }

  void addPoolRows(const std::vector<int>& cols, const std::vector<Span>& free) {
    std::vector<double> seconds;
    std::set<int> items;
    for (int c : cols) {
      seconds.push_back(double(columns_[std::size_t(c)].shortest) / 1000.0);
      for (int i : optionOf(columns_[std::size_t(c)]).items) items.insert(i);
    }
    program_.addRow(cols, seconds, double(totalLength(free)) / 1000.0);
    std::vector<Millis> lengths;
    for (int i : items) lengths.push_back(p_.lengthOf(i));
    program_.addRow(cols, double(itemsThatFit(free, lengths)));
  }

  void addItemRows(const std::vector<int>& cols) {
    std::map<int, std::vector<int>> of_topic;
    std::map<int, std::set<int>> items;
    for (int c : cols) {
      int t = topicOf(columns_[std::size_t(c)]);
      of_topic[t].push_back(c);
      for (int i : optionOf(columns_[std::size_t(c)]).items) items[t].insert(i);
    }
    for (const auto& [t, list] : of_topic) program_.addRow(list, double(items[t].size()));
  }

  // Per channel and topic with a gap: columns whose starts all lie within
  // one gap hold one play among them.
  void addGapRows() {
    std::map<std::pair<int, int>, std::vector<int>> of_channel_topic;
    for (std::size_t c = 0; c < columns_.size(); ++c) {
      if (p_.topic_gap[std::size_t(topicOf(columns_[c]))] == 0) continue;
      for (int m : placeOf(columns_[c]).members)
        of_channel_topic[{m, topicOf(columns_[c])}].push_back(int(c));
    }
    for (const auto& [key, cols] : of_channel_topic) {
      Millis gap = p_.topic_gap[std::size_t(key.second)];
      for (int first : cols) {
        Millis from = columns_[std::size_t(first)].earliest;
        std::vector<int> row;
        for (int c : cols)
          if (columns_[std::size_t(c)].earliest >= from &&
              columns_[std::size_t(c)].latest < from + gap)
            row.push_back(c);
        program_.addRow(row, 1.0);
      }
    }
  }

  const Problem& p_;
  std::vector<Column> columns_;
  SmallProgram program_;
};

}  // namespace

std::int64_t wholeBound(const Problem& problem) {
  return std::int64_t(std::floor(CountProgram(problem).solve() + 1e-6));
}

}  // namespace wardcast::test::whole
