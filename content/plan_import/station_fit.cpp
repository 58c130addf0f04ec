// fitToStation: the plan's "buổi sáng / tối" and weekdays, met with the
// station's own windows. The importer reads words; only here are they
// compared with when the target's windows open.
#include <fmt/format.h>

#include <algorithm>
#include <climits>
#include <cstdlib>

#include "content/plan_import/plan_importer.hpp"

namespace wardcast {
namespace {

using plan_text::DayPart;

// The target's windows, each once, in the order the channels list them.
std::vector<const Window*> targetWindows(const StationConfig& station, const std::string& target) {
  std::vector<const Window*> out;
  for (const Channel* channel : station.resolveTarget(target))
    for (const auto& id : channel->windows)
      if (const Window* w = station.findWindow(id); w && std::find(out.begin(), out.end(), w) == out.end())
        out.push_back(w);
  return out;
}

// Minutes between a window and a part of the day; 0 when the window is
// open for some of the part.
int distance(const Window& window, DayPart part) {
  auto [lo, hi] = plan_text::dayPartSpan(part);
  int start = int(window.start.count()), last = int(window.end.count()) - 1;
  return last < lo ? lo - last : start > hi ? start - hi : 0;
}

std::string partNames(const std::vector<DayPart>& parts) {
  std::string out;
  for (DayPart p : parts) out += fmt::format("{}{}", out.empty() ? "" : ", ", plan_text::toString(p));
  return out;
}

std::string windowIds(const std::vector<std::string>& ids) {
  std::string out;
  for (const auto& id : ids) out += (out.empty() ? "" : ", ") + id;
  return out;
}

// The windows open for some of the parts; when none is, those nearest to a
// part, if within 3 hours of it.
std::vector<std::string> windowsFor(const std::vector<const Window*>& windows, const std::vector<DayPart>& parts,
                                    bool& nearest) {
  constexpr int kNearEnough = 3 * 60;
  std::vector<std::string> inside;
  int best = INT_MAX;
  for (const Window* w : windows)
    for (DayPart p : parts) {
      int d = distance(*w, p);
      if (d == 0 && std::find(inside.begin(), inside.end(), w->id) == inside.end()) inside.push_back(w->id);
      best = std::min(best, d);
    }
  nearest = inside.empty();
  if (!inside.empty() || best > kNearEnough) return inside;
  std::vector<std::string> near;
  for (const Window* w : windows)
    for (DayPart p : parts)
      if (distance(*w, p) == best && std::find(near.begin(), near.end(), w->id) == near.end()) near.push_back(w->id);
  return near;
}

void fitDays(Quota& quota, const StationConfig& station, std::string& guess) {
  if (daysMeetWindows(quota, station)) return;
  guess += "; none of the target's windows opens on those days, so any day will do";
  quota.days.clear();
}

// The window ids of each quota target, for the hint beside `windows`.
void listTargetWindows(PlanImport& plan, const StationConfig& station) {
  for (const auto& topic : plan.campaign.topics)
    for (const auto& quota : topic.quotas) {
      auto [it, fresh] = plan.target_windows.try_emplace(quota.target);
      if (fresh)
        for (const Window* w : targetWindows(station, quota.target)) it->second.push_back(w->id);
    }
}

void fitParts(Quota& quota, const QuotaDayParts& asked, const std::vector<const Window*>& windows,
              std::string& guess) {
  if (asked.parts.empty() || windows.empty()) return;
  bool nearest = false;
  std::vector<std::string> chosen = windowsFor(windows, asked.parts, nearest);
  std::string parts = partNames(asked.parts);
  if (chosen.empty()) {
    guess += fmt::format("; the plan asks for the {} ({}), but none of the target's windows is open then", parts,
                         asked.why);
  } else if (chosen.size() == windows.size()) {
    guess += fmt::format("; the plan asks for the {} ({}): every window of the target is open then", parts, asked.why);
  } else {
    quota.windows = chosen;
    guess += fmt::format("; the plan asks for the {} ({}): windows {}{}", parts, asked.why, windowIds(chosen),
                         nearest ? ", the nearest to it" : "");
  }
}

}  // namespace

void fitToStation(PlanImport& plan, const StationConfig* station) {
  for (std::size_t t = 0; t < plan.campaign.topics.size() && t < plan.topic_guesses.size(); ++t) {
    Topic& topic = plan.campaign.topics[t];
    TopicGuesses& guesses = plan.topic_guesses[t];
    for (std::size_t q = 0; q < topic.quotas.size(); ++q) {
      Quota& quota = topic.quotas[q];
      const QuotaDayParts* asked = q < guesses.day_parts.size() ? &guesses.day_parts[q] : nullptr;
      std::string extra;
      if (!station) {
        if (asked && !asked->parts.empty())
          extra = fmt::format("; the plan asks for the {} ({}): keep only those windows", partNames(asked->parts),
                              asked->why);
      } else {
        if (asked) fitParts(quota, *asked, targetWindows(*station, quota.target), extra);
        fitDays(quota, *station, extra);
      }
      if (!extra.empty() && q < guesses.quotas.size()) guesses.quotas[q] += extra;
    }
  }
  if (station) listTargetWindows(plan, *station);
}

}  // namespace wardcast
