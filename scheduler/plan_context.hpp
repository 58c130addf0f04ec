#pragma once
// PlanContext: the read-only facts one planner run derives from its
// PlanInput (topic numbering, items by topic, the days each topic may air,
// plays already fixed), shared by every PlanningUnit. Built once, on the
// planner's thread; never changed after construction.
#include <map>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "scheduler/plan_model.hpp"

namespace wardcast::planner {

// A set of channels planned together: one channel, or every channel of a
// group (whose plays must be simultaneous on all members).
struct UnitWindow {
  std::string window_id;
  DayNumber day = 0;
  Millis start_ms = 0;  // intersection of the members' instances
  Millis end_ms = 0;
  std::vector<int> member_windows;  // instance index on each member channel
};

struct PlanningUnit {
  std::string target;        // channel id or "group:NAME" (for shortfalls)
  std::vector<int> members;  // channel indices, sorted
  bool audio = true;         // which media all members can play
  bool video = false;
  std::vector<UnitWindow> windows;  // chronological
};

struct QuotaRef {
  int topic = 0;  // index in PlanContext::topics()
  int quota = 0;  // index in the topic's quotas
};

class PlanContext {
 public:
  explicit PlanContext(const PlanInput& input);

  const PlanInput& input() const { return input_; }
  const std::vector<Topic>& topics() const { return input_.campaign.topics; }
  int topicIndex(const std::string& id) const;  // -1 when unknown
  // Item indices of a topic, by id.
  const std::vector<int>& itemsOf(int topic) const { return items_by_topic_[topic]; }
  const PlanItem& item(int index) const { return input_.items[index]; }
  // Topic index of an item; -1 when its topic is not in the campaign.
  int itemTopic(int index) const { return item_topic_[index]; }
  // Days a topic may air: campaign and range, and the topic's own start and end.
  std::pair<DayNumber, DayNumber> topicDays(int topic) const { return topic_days_[topic]; }
  // Local days of fixed plays (pins, past) of a topic on a channel.
  const std::vector<DayNumber>& fixedDays(int channel, int topic) const;
  int channelIndex(const std::string& id) const;  // -1 when unknown

  bool playable(const PlanItem& item, const PlanningUnit& unit, DayNumber day) const {
    bool media_ok = item.media == ItemMedia::kAudio ? unit.audio : unit.video;
    return media_ok && item.valid_from <= day && day <= item.valid_to;
  }

 private:
  const PlanInput& input_;
  std::unordered_map<std::string, int> topic_index_;
  std::unordered_map<std::string, int> channel_index_;
  std::vector<std::vector<int>> items_by_topic_;
  std::vector<int> item_topic_;
  std::vector<std::pair<DayNumber, DayNumber>> topic_days_;
  std::map<std::pair<int, int>, std::vector<DayNumber>> fixed_days_;
  std::vector<DayNumber> none_;
};

}  // namespace wardcast::planner
