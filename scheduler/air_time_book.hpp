#pragma once
// AirTimeBook: what is taken and what is free on every channel while the
// planner works. Per channel it keeps the window instances (sorted by
// start), the free fragments of each instance (sorted, disjoint), and per
// topic the start instants of its plays on that channel, to keep min_gap.
// Used by one planner run on one thread.
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "scheduler/plan_model.hpp"

namespace wardcast::planner {

struct Interval {
  Millis start = 0;
  Millis end = 0;
  Millis length() const { return end - start; }
};

class AirTimeBook {
 public:
  // Windows before `now_ms` are cut at now_ms; topics are numbered by the
  // caller (topicIndex) for the gap sets.
  AirTimeBook(const std::vector<PlanChannel>& channels, Millis now_ms);

  std::size_t channelCount() const { return windows_.size(); }
  const std::vector<WindowInstance>& windows(int channel) const { return windows_[channel]; }
  const std::vector<Interval>& freeOf(int channel, int window) const {
    return free_[channel][window];
  }
  // Index of the instance of `window_id` opening on `day`, or -1.
  int findWindow(int channel, const std::string& window_id, DayNumber day) const;
  // Index of the instance containing [start, end), or -1.
  int windowContaining(int channel, Millis start, Millis end) const;

  // Marks [interval) taken on the channel (any window it touches).
  void take(int channel, Interval interval);
  // Undoes take() of an interval that was free before it (the planner
  // moving one of its own plays): frees it again within its windows.
  void give(int channel, Interval interval);
  void recordPlay(int channel, int topic, Millis start);
  // Undoes recordPlay().
  void forgetPlay(int channel, int topic, Millis start);
  // Earliest start >= `from` such that no play of `topic` on `channel`
  // is closer than `gap`; `from` itself when gap is 0.
  Millis earliestWithGap(int channel, int topic, Millis from, Millis gap) const;
  // Whether a play at `start` keeps `gap` to every play of topic on channel.
  bool keepsGap(int channel, int topic, Millis start, Millis gap) const;
  // Plays of `topic` on `channel` starting in [from, to).
  int playsBetween(int channel, int topic, Millis from, Millis to) const;
  // Start instants of the plays of `topic` on `channel`, sorted, distinct;
  // null when none.
  const std::vector<Millis>* playsOf(int channel, int topic) const;

 private:

  std::vector<std::vector<WindowInstance>> windows_;
  std::vector<std::vector<std::vector<Interval>>> free_;
  std::vector<std::unordered_map<std::string, std::vector<int>>> by_window_id_;  // -> by day
  // channel -> topic -> starts (a sorted vector: plays mostly arrive in
  // time order, so inserting is mostly appending)
  std::vector<std::unordered_map<int, std::vector<Millis>>> plays_;
};

// Removes `cut` from a sorted list of disjoint intervals.
void carve(std::vector<Interval>& fragments, Interval cut);
// Intersection of two sorted lists of disjoint intervals.
std::vector<Interval> intersect(const std::vector<Interval>& a, const std::vector<Interval>& b);

}  // namespace wardcast::planner
