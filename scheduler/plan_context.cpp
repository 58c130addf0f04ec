#include "scheduler/plan_context.hpp"

#include <algorithm>

#include "scheduler/quota_period.hpp"

namespace wardcast::planner {

PlanContext::PlanContext(const PlanInput& input) : input_(input) {
  const auto& topics = input.campaign.topics;
  for (std::size_t t = 0; t < topics.size(); ++t) topic_index_.emplace(topics[t].id, int(t));
  for (std::size_t c = 0; c < input.channels.size(); ++c)
    channel_index_.emplace(input.channels[c].id, int(c));

  items_by_topic_.resize(topics.size());
  for (std::size_t i = 0; i < input.items.size(); ++i) {
    int t = topicIndex(input.items[i].topic);
    item_topic_.push_back(t);
    if (t >= 0 && input.items[i].duration_ms > 0) items_by_topic_[t].push_back(int(i));
  }
  for (auto& list : items_by_topic_)
    std::sort(list.begin(), list.end(),
              [&](int a, int b) { return input.items[a].id < input.items[b].id; });

  DayNumber lo = std::max(input.first_day, toDayNumber(input.campaign.start));
  DayNumber hi = std::min(input.last_day, toDayNumber(input.campaign.end));
  for (const Topic& topic : topics) {
    DayNumber start = topic.start ? std::max(lo, toDayNumber(*topic.start)) : lo;
    DayNumber end = topic.end ? std::min(hi, toDayNumber(*topic.end)) : hi;
    topic_days_.emplace_back(start, end);
  }

  for (const PlanEntry& entry : input.fixed) {
    int c = channelIndex(entry.channel), t = topicIndex(entry.topic);
    if (c >= 0 && t >= 0) fixed_days_[{c, t}].push_back(entry.day);
  }
}

int PlanContext::topicIndex(const std::string& id) const {
  auto it = topic_index_.find(id);
  return it == topic_index_.end() ? -1 : it->second;
}

int PlanContext::channelIndex(const std::string& id) const {
  auto it = channel_index_.find(id);
  return it == channel_index_.end() ? -1 : it->second;
}

const std::vector<DayNumber>& PlanContext::fixedDays(int channel, int topic) const {
  auto it = fixed_days_.find({channel, topic});
  return it == fixed_days_.end() ? none_ : it->second;
}

}  // namespace wardcast::planner
