#include "tests/planner/whole_problem.hpp"

#include <algorithm>
#include <chrono>
#include <climits>
#include <set>

namespace wardcast::test::whole {
namespace {

using planner::PlanInput;

DayNumber dayOf(Date date) {
  return DayNumber(std::chrono::sys_days(date).time_since_epoch().count());
}

unsigned weekdayOf(DayNumber day) {
  return std::chrono::weekday(std::chrono::sys_days(std::chrono::days(day))).iso_encoding();
}

// A key per period of kind `per`: equal for two days of the same period.
std::int32_t periodOf(QuotaPeriod per, DayNumber day) {
  std::chrono::year_month_day date{std::chrono::sys_days(std::chrono::days(day))};
  int month = int(unsigned(date.month())) - 1;
  switch (per) {
    case QuotaPeriod::kDay:
      return day;
    case QuotaPeriod::kWeek:
      return day - DayNumber(weekdayOf(day) - 1);  // its Monday
    case QuotaPeriod::kMonth:
      return int(date.year()) * 12 + month;
    case QuotaPeriod::kQuarter:
      return int(date.year()) * 4 + month / 3;
    case QuotaPeriod::kCampaign:
      return 0;
  }
  return 0;
}

// [window) minus the taken spans, sorted.
std::vector<Span> freeParts(Span window, std::vector<Span> taken) {
  std::sort(taken.begin(), taken.end(), [](Span a, Span b) { return a.start < b.start; });
  std::vector<Span> out;
  Millis cursor = window.start;
  for (Span t : taken) {
    if (t.end <= cursor || t.start >= window.end) continue;
    if (t.start > cursor) out.push_back({cursor, t.start});
    cursor = std::max(cursor, t.end);
  }
  if (cursor < window.end) out.push_back({cursor, window.end});
  return out;
}

std::vector<Span> intersect(const std::vector<Span>& a, const std::vector<Span>& b) {
  std::vector<Span> out;
  for (Span x : a)
    for (Span y : b) {
      Span both{std::max(x.start, y.start), std::min(x.end, y.end)};
      if (both.start < both.end) out.push_back(both);
    }
  std::sort(out.begin(), out.end(), [](Span p, Span q) { return p.start < q.start; });
  return out;
}

int channelIndex(const PlanInput& in, const std::string& id) {
  for (std::size_t c = 0; c < in.channels.size(); ++c)
    if (in.channels[c].id == id) return int(c);
  return -1;
}

std::vector<std::vector<std::vector<Span>>> channelFree(const PlanInput& in) {
  std::vector<std::vector<std::vector<Span>>> out(in.channels.size());
  for (std::size_t c = 0; c < in.channels.size(); ++c) {
    std::vector<Span> taken;
    for (const auto& e : in.fixed)
      if (e.channel == in.channels[c].id) taken.push_back({e.start_ms, e.end_ms});
    for (const auto& w : in.channels[c].windows)
      out[c].push_back(freeParts({std::max(w.start_ms, in.now_ms), w.end_ms}, taken));
  }
  return out;
}

// The channels a quota target names, one member set per place.
std::vector<std::vector<int>> targetMembers(const PlanInput& in, const std::string& target) {
  std::vector<std::vector<int>> out;
  const std::string kind = "kind:", group = "group:";
  if (target.rfind(group, 0) == 0) {
    std::vector<int> members;
    for (std::size_t c = 0; c < in.channels.size(); ++c) {
      const auto& groups = in.channels[c].groups;
      if (std::count(groups.begin(), groups.end(), target.substr(group.size())))
        members.push_back(int(c));
    }
    if (!members.empty()) out.push_back(members);
  } else if (target.rfind(kind, 0) == 0) {
    for (std::size_t c = 0; c < in.channels.size(); ++c) {
      bool led = in.channels[c].kind == ChannelKind::kLed;
      if (target.substr(kind.size()) == (led ? "led" : "loudspeaker")) out.push_back({int(c)});
    }
  } else if (int c = channelIndex(in, target); c >= 0) {
    out.push_back({c});
  }
  return out;
}

// Window instances present on every member, with the time free on all.
std::vector<PlaceWindow> placeWindows(const PlanInput& in, const Problem& p,
                                      const std::vector<int>& members) {
  std::vector<PlaceWindow> out;
  const auto& first = in.channels[std::size_t(members.front())].windows;
  for (const auto& w : first) {
    PlaceWindow pw{w.window_id, w.day, {{w.start_ms, w.end_ms}}, {}};
    for (int m : members) {
      const auto& list = in.channels[std::size_t(m)].windows;
      auto it = std::find_if(list.begin(), list.end(), [&](const auto& x) {
        return x.window_id == w.window_id && x.day == w.day;
      });
      if (it == list.end()) {
        pw.free.clear();
        break;
      }
      std::size_t k = std::size_t(it - list.begin());
      pw.member_window.push_back(int(k));
      pw.free = intersect(pw.free, p.channel_free[std::size_t(m)][k]);
    }
    if (!pw.free.empty()) out.push_back(std::move(pw));
  }
  return out;
}

int placeOf(const PlanInput& in, Problem& p, const std::vector<int>& members) {
  for (std::size_t k = 0; k < p.places.size(); ++k)
    if (p.places[k].members == members) return int(k);
  p.places.push_back({members, placeWindows(in, p, members)});
  return int(p.places.size()) - 1;
}

bool allowsWindow(const Quota& q, const std::string& id) {
  return q.windows.empty() || std::find(q.windows.begin(), q.windows.end(), id) != q.windows.end();
}

bool allowsDay(const Quota& q, DayNumber day) {
  return q.days.empty() || std::find(q.days.begin(), q.days.end(), weekdayOf(day)) != q.days.end();
}

std::vector<int> playableItems(const PlanInput& in, const Place& place, const Topic& topic,
                               DayNumber day) {
  bool audio = true, video = true;
  for (int m : place.members) {
    bool led = in.channels[std::size_t(m)].kind == ChannelKind::kLed;
    audio = audio && !led;
    video = video && led;
  }
  std::vector<int> out;
  for (std::size_t i = 0; i < in.items.size(); ++i) {
    const auto& item = in.items[i];
    bool media = item.media == planner::ItemMedia::kAudio ? audio : video;
    if (item.topic == topic.id && item.duration_ms > 0 && media && item.valid_from <= day &&
        day <= item.valid_to)
      out.push_back(int(i));
  }
  return out;
}

// Fixed plays of the topic in the period on the place: the fewest on any member.
int fixedPlays(const PlanInput& in, const Place& place, const Topic& topic, QuotaPeriod per,
               std::int32_t key) {
  int fewest = INT_MAX;
  for (int m : place.members) {
    int count = 0;
    for (const auto& e : in.fixed)
      count += e.channel == in.channels[std::size_t(m)].id && e.topic == topic.id &&
               periodOf(per, e.day) == key;
    fewest = std::min(fewest, count);
  }
  return fewest;
}

void addDemands(const PlanInput& in, Problem& p, int ti, int qi, int pi) {
  const Topic& topic = in.campaign.topics[std::size_t(ti)];
  const Quota& q = topic.quotas[std::size_t(qi)];
  DayNumber lo = std::max(
      {in.first_day, dayOf(in.campaign.start), topic.start ? dayOf(*topic.start) : INT_MIN});
  DayNumber hi =
      std::min({in.last_day, dayOf(in.campaign.end), topic.end ? dayOf(*topic.end) : INT_MAX});
  std::map<std::int32_t, std::vector<Option>> periods;
  for (DayNumber day = lo; day <= hi; ++day)
    if (allowsDay(q, day)) periods[periodOf(q.per, day)];
  const Place& place = p.places[std::size_t(pi)];
  for (std::size_t w = 0; w < place.windows.size(); ++w) {
    const PlaceWindow& win = place.windows[w];
    if (win.day < lo || win.day > hi || !allowsWindow(q, win.id) || !allowsDay(q, win.day))
      continue;
    std::vector<int> items = playableItems(in, place, topic, win.day);
    if (!items.empty()) periods[periodOf(q.per, win.day)].push_back({int(w), items});
  }
  for (auto& [key, options] : periods) {
    int required = q.plays - fixedPlays(in, place, topic, q.per, key);
    if (required > 0 && !options.empty())
      p.demands.push_back({ti, qi, pi, required, std::move(options)});
  }
}

}  // namespace

int Problem::priorityOf(const Demand& demand) const {
  return input->campaign.topics[std::size_t(demand.topic)].priority;
}

Millis Problem::lengthOf(int item) const {
  return input->items[std::size_t(item)].duration_ms;
}

std::vector<Millis> Problem::fixedStartsOn(const Place& place, int topic) const {
  std::vector<Millis> out;
  for (int m : place.members) {
    auto it = fixed_starts.find({m, topic});
    if (it != fixed_starts.end()) out.insert(out.end(), it->second.begin(), it->second.end());
  }
  return out;
}

Problem readProblem(const PlanInput& in) {
  Problem p;
  p.input = &in;
  p.channel_free = channelFree(in);
  const auto& topics = in.campaign.topics;
  for (std::size_t t = 0; t < topics.size(); ++t) {
    Millis gap = topics[t].quotas.empty() ? 0 : INT64_MAX;
    for (const Quota& q : topics[t].quotas)
      gap = std::min<Millis>(gap, std::chrono::milliseconds(q.min_gap).count());
    p.topic_gap.push_back(gap);
    for (const auto& e : in.fixed)
      if (int c = channelIndex(in, e.channel); c >= 0 && e.topic == topics[t].id)
        p.fixed_starts[{c, int(t)}].push_back(e.start_ms);
  }
  for (std::size_t t = 0; t < topics.size(); ++t)
    for (std::size_t q = 0; q < topics[t].quotas.size(); ++q)
      for (const std::vector<int>& members : targetMembers(in, topics[t].quotas[q].target))
        addDemands(in, p, int(t), int(q), placeOf(in, p, members));
  return p;
}

std::vector<int> priorityLevels(const Problem& problem) {
  std::set<int> levels;
  for (const Topic& topic : problem.input->campaign.topics) levels.insert(topic.priority);
  return {levels.begin(), levels.end()};
}

std::vector<double> playWeights(const Problem& problem, Objective objective) {
  std::vector<int> levels = priorityLevels(problem);
  std::map<int, double> asked;  // plays the demands of a level ask for
  for (const Demand& d : problem.demands) asked[problem.priorityOf(d)] += d.required;
  std::map<int, double> weight;
  double below = 1;
  for (auto level = levels.rbegin(); level != levels.rend(); ++level) {
    weight[*level] = objective == Objective::kByPriority ? below : 1.0;
    below *= asked[*level] + 1;
  }
  std::vector<double> out;
  for (const Demand& d : problem.demands) out.push_back(weight[problem.priorityOf(d)]);
  return out;
}

std::vector<std::int64_t> playsByLevel(const Problem& problem,
                                       const std::vector<std::int64_t>& plays_per_demand) {
  std::vector<int> levels = priorityLevels(problem);
  std::vector<std::int64_t> out(levels.size(), 0);
  for (std::size_t d = 0; d < problem.demands.size(); ++d) {
    auto level = std::find(levels.begin(), levels.end(), problem.priorityOf(problem.demands[d]));
    out[std::size_t(level - levels.begin())] += plays_per_demand[d];
  }
  return out;
}

}  // namespace wardcast::test::whole
