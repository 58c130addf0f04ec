#include "scheduler/air_time_book.hpp"

#include <algorithm>

namespace wardcast::planner {

void carve(std::vector<Interval>& fragments, Interval cut) {
  if (cut.end <= cut.start) return;
  for (std::size_t i = 0; i < fragments.size(); ++i) {
    Interval f = fragments[i];
    if (f.end <= cut.start || f.start >= cut.end) continue;
    if (f.start < cut.start && cut.end < f.end) {  // split in two
      fragments[i].end = cut.start;
      fragments.insert(fragments.begin() + std::ptrdiff_t(i) + 1, Interval{cut.end, f.end});
      return;
    }
    if (f.start < cut.start) {
      fragments[i].end = cut.start;
    } else if (cut.end < f.end) {
      fragments[i].start = cut.end;
    } else {
      fragments.erase(fragments.begin() + std::ptrdiff_t(i));
      --i;
    }
  }
}

std::vector<Interval> intersect(const std::vector<Interval>& a, const std::vector<Interval>& b) {
  std::vector<Interval> out;
  std::size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    Millis start = std::max(a[i].start, b[j].start);
    Millis end = std::min(a[i].end, b[j].end);
    if (start < end) out.push_back({start, end});
    if (a[i].end < b[j].end) ++i;
    else ++j;
  }
  return out;
}

AirTimeBook::AirTimeBook(const std::vector<PlanChannel>& channels, Millis now_ms) {
  windows_.resize(channels.size());
  free_.resize(channels.size());
  by_window_id_.resize(channels.size());
  plays_.resize(channels.size());
  for (std::size_t c = 0; c < channels.size(); ++c) {
    auto& wins = windows_[c];
    wins = channels[c].windows;
    std::sort(wins.begin(), wins.end(), [](const WindowInstance& a, const WindowInstance& b) {
      return a.start_ms != b.start_ms ? a.start_ms < b.start_ms : a.window_id < b.window_id;
    });
    free_[c].resize(wins.size());
    for (std::size_t w = 0; w < wins.size(); ++w) {
      Millis start = std::max(wins[w].start_ms, now_ms);
      if (start < wins[w].end_ms) free_[c][w].push_back({start, wins[w].end_ms});
      by_window_id_[c][wins[w].window_id].push_back(int(w));
    }
  }
}

int AirTimeBook::findWindow(int channel, const std::string& window_id, DayNumber day) const {
  const auto& map = by_window_id_[channel];
  auto it = map.find(window_id);
  if (it == map.end()) return -1;
  const auto& wins = windows_[channel];
  auto pos = std::lower_bound(it->second.begin(), it->second.end(), day,
                              [&](int w, DayNumber d) { return wins[w].day < d; });
  if (pos == it->second.end() || wins[*pos].day != day) return -1;
  return *pos;
}

int AirTimeBook::windowContaining(int channel, Millis start, Millis end) const {
  const auto& wins = windows_[channel];
  auto it = std::upper_bound(wins.begin(), wins.end(), start, [](Millis s, const WindowInstance& w) {
    return s < w.start_ms;
  });
  // Windows of one channel do not overlap, so only the last one starting
  // at or before `start` can contain it.
  if (it == wins.begin()) return -1;
  --it;
  if (it->start_ms <= start && end <= it->end_ms) return int(it - wins.begin());
  return -1;
}

void AirTimeBook::take(int channel, Interval interval) {
  const auto& wins = windows_[channel];
  auto it = std::lower_bound(wins.begin(), wins.end(), interval.start,
                             [](const WindowInstance& w, Millis s) { return w.end_ms <= s; });
  for (; it != wins.end() && it->start_ms < interval.end; ++it)
    carve(free_[channel][it - wins.begin()], interval);
}

void AirTimeBook::give(int channel, Interval interval) {
  const auto& wins = windows_[channel];
  auto it = std::lower_bound(wins.begin(), wins.end(), interval.start,
                             [](const WindowInstance& w, Millis s) { return w.end_ms <= s; });
  for (; it != wins.end() && it->start_ms < interval.end; ++it) {
    Interval back{std::max(interval.start, it->start_ms), std::min(interval.end, it->end_ms)};
    if (back.end <= back.start) continue;
    auto& frags = free_[channel][it - wins.begin()];
    auto at = std::lower_bound(frags.begin(), frags.end(), back.start,
                               [](const Interval& f, Millis s) { return f.start < s; });
    at = frags.insert(at, back);
    // Merge with the neighbours it touches.
    if (at + 1 != frags.end() && at->end == (at + 1)->start) {
      at->end = (at + 1)->end;
      frags.erase(at + 1);
    }
    if (at != frags.begin() && (at - 1)->end == at->start) {
      (at - 1)->end = at->end;
      frags.erase(at);
    }
  }
}

void AirTimeBook::forgetPlay(int channel, int topic, Millis start) {
  auto it = plays_[channel].find(topic);
  if (it == plays_[channel].end()) return;
  auto at = std::lower_bound(it->second.begin(), it->second.end(), start);
  if (at != it->second.end() && *at == start) it->second.erase(at);
}

void AirTimeBook::recordPlay(int channel, int topic, Millis start) {
  std::vector<Millis>& starts = plays_[channel][topic];
  auto at = std::lower_bound(starts.begin(), starts.end(), start);
  if (at == starts.end() || *at != start) starts.insert(at, start);
}

const std::vector<Millis>* AirTimeBook::playsOf(int channel, int topic) const {
  auto it = plays_[channel].find(topic);
  return it == plays_[channel].end() ? nullptr : &it->second;
}

Millis AirTimeBook::earliestWithGap(int channel, int topic, Millis from, Millis gap) const {
  const auto* plays = playsOf(channel, topic);
  if (gap <= 0 || plays == nullptr) return from;
  Millis start = from;
  auto from_it = [&](Millis s) { return std::lower_bound(plays->begin(), plays->end(), s - gap + 1); };
  for (auto it = from_it(start); it != plays->end() && *it < start + gap; it = from_it(start)) start = *it + gap;
  return start;
}

bool AirTimeBook::keepsGap(int channel, int topic, Millis start, Millis gap) const {
  const auto* plays = playsOf(channel, topic);
  if (gap <= 0 || plays == nullptr) return true;
  auto it = std::lower_bound(plays->begin(), plays->end(), start - gap + 1);
  return it == plays->end() || *it >= start + gap;
}

int AirTimeBook::playsBetween(int channel, int topic, Millis from, Millis to) const {
  const auto* plays = playsOf(channel, topic);
  if (plays == nullptr) return 0;
  return int(std::lower_bound(plays->begin(), plays->end(), to) - std::lower_bound(plays->begin(), plays->end(), from));
}

}  // namespace wardcast::planner
