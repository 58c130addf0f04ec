#include "scheduler/planning_order.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

namespace wardcast::planner {
namespace {

constexpr std::string_view kGroupPrefix = "group:";
constexpr std::string_view kKindPrefix = "kind:";

const char* kindName(ChannelKind kind) {
  return kind == ChannelKind::kLed ? "led" : "loudspeaker";
}

// The quotas of one target unit at one priority level.
struct Atom {
  int priority = 0;
  PlanStep::Kind kind = PlanStep::Kind::kGroup;
  std::size_t size = 0;  // members
  std::string target;
  const std::vector<int>* members = nullptr;
  std::vector<QuotaRef> quotas;
};

bool runsBefore(const Atom& a, const Atom& b) {
  return std::tuple(a.priority, a.kind, b.size, a.target) < std::tuple(b.priority, b.kind, a.size, b.target);
}

// Splits `quotas` of one target unit by their topics' priority.
void addAtoms(const PlanContext& ctx, PlanStep::Kind kind, const std::string& target, const std::vector<int>& members,
              const std::vector<QuotaRef>& quotas, std::vector<Atom>& atoms) {
  std::map<int, std::vector<QuotaRef>> by_priority;
  for (const QuotaRef& q : quotas) by_priority[ctx.topics()[q.topic].priority].push_back(q);
  for (auto& [priority, list] : by_priority)
    atoms.push_back({priority, kind, members.size(), target, &members, std::move(list)});
}

}  // namespace

PlanningOrder planningOrder(const PlanContext& ctx) {
  const PlanInput& input = ctx.input();
  // Quotas by target, in topic then quota order.
  std::map<std::string, std::vector<QuotaRef>> by_target;
  const auto& topics = ctx.topics();
  for (std::size_t t = 0; t < topics.size(); ++t)
    for (std::size_t q = 0; q < topics[t].quotas.size(); ++q)
      by_target[topics[t].quotas[q].target].push_back({int(t), int(q)});

  std::set<std::string> matched;
  std::map<std::string, std::vector<int>> members_of;  // group or channel target -> members
  std::vector<Atom> atoms;
  for (const auto& [target, quotas] : by_target) {
    if (target.rfind(kGroupPrefix, 0) != 0) continue;
    std::string name = target.substr(kGroupPrefix.size());
    std::vector<int>& members = members_of[target];
    for (std::size_t c = 0; c < input.channels.size(); ++c) {
      const auto& g = input.channels[c].groups;
      if (std::find(g.begin(), g.end(), name) != g.end()) members.push_back(int(c));
    }
    matched.insert(target);
    addAtoms(ctx, PlanStep::Kind::kGroup, target, members, quotas, atoms);
  }
  for (std::size_t c = 0; c < input.channels.size(); ++c) {
    std::vector<QuotaRef> quotas;
    for (const std::string& target :
         {input.channels[c].id, std::string(kKindPrefix) + kindName(input.channels[c].kind)}) {
      auto it = by_target.find(target);
      if (it == by_target.end()) continue;
      quotas.insert(quotas.end(), it->second.begin(), it->second.end());
      matched.insert(target);
    }
    if (quotas.empty()) continue;
    std::vector<int>& members = members_of[input.channels[c].id];
    members = {int(c)};
    addAtoms(ctx, PlanStep::Kind::kChannel, input.channels[c].id, members, quotas, atoms);
  }
  std::stable_sort(atoms.begin(), atoms.end(), runsBefore);

  // An atom joins the last step of its target unit when that step is still
  // the last one on every member channel.
  PlanningOrder order;
  std::map<std::string, std::size_t> open;             // target -> its last step
  std::vector<std::size_t> last_on(input.channels.size(), SIZE_MAX);  // channel -> its last step
  for (Atom& atom : atoms) {
    auto it = open.find(atom.target);
    bool joins = it != open.end() && std::all_of(atom.members->begin(), atom.members->end(),
                                                 [&](int m) { return last_on[m] == it->second; });
    std::size_t step = joins ? it->second : order.steps.size();
    if (!joins) {
      order.steps.push_back({atom.kind, atom.target, *atom.members, {}, false});
      open[atom.target] = step;
    }
    std::vector<QuotaRef>& quotas = order.steps[step].quotas;
    quotas.insert(quotas.end(), atom.quotas.begin(), atom.quotas.end());
    for (int m : *atom.members) {
      if (last_on[m] != SIZE_MAX && last_on[m] != step) order.steps[last_on[m]].later_on_members = true;
      last_on[m] = step;
    }
  }
  for (PlanStep& step : order.steps)
    std::sort(step.quotas.begin(), step.quotas.end(), [](const QuotaRef& a, const QuotaRef& b) {
      return std::tie(a.topic, a.quota) < std::tie(b.topic, b.quota);
    });
  for (const auto& [target, quotas] : by_target)
    if (!matched.count(target)) order.unmatched.push_back(target);
  return order;
}

}  // namespace wardcast::planner
