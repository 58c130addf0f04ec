#include "scheduler/playout/planned_feed.hpp"

namespace wardcast::playout {

void PlannedFeed::schedule(std::vector<PlayoutEntry> entries, const std::vector<drivers::WindowInstance>& windows) {
  program_.setDeadAirWatch(media::DeadAirWatch::kWhileOnAir);
  for (const auto& window : windows) {
    at(window.start, [this] { program_.setDeadAirWatch(media::DeadAirWatch::kAlways); });
    at(window.end, [this] { program_.setDeadAirWatch(media::DeadAirWatch::kWhileOnAir); });
  }
  for (auto& entry : entries) {
    SysMillis start = entry.start;
    if (handed_over_.count({entry.item.id, start})) continue;
    ++remaining_;
    at(start - kPrepareLead, [this, start, item = std::move(entry.item)]() mutable {
      handed_over_.emplace(item.id, start);
      planned_.emplace_back(item.id, start);
      program_.enqueue(std::move(item), clock_.toSystem(start));
      --remaining_;
    });
  }
}

void PlannedFeed::replace(std::vector<PlayoutEntry> entries, const std::vector<drivers::WindowInstance>& windows) {
  cancel();
  SysMillis day_ago = clock_.now() - std::chrono::hours(24);
  std::erase_if(handed_over_, [&](const auto& key) { return key.second < day_ago; });
  schedule(std::move(entries), windows);
}

std::optional<SysMillis> PlannedFeed::takePlanned(const std::string& id) {
  for (auto it = planned_.begin(); it != planned_.end(); ++it) {
    if (it->first != id) continue;
    SysMillis start = it->second;
    planned_.erase(it);
    return start;
  }
  return std::nullopt;
}

void PlannedFeed::cancel() {
  ++generation_;
  timers_.clear();  // destroying a timer cancels its wait
  remaining_ = 0;
}

// Runs `action` at `when` (at once, in order, when `when` has passed).
void PlannedFeed::at(SysMillis when, std::function<void()> action) {
  auto& timer = timers_.emplace_back(executor_, clock_.toSystem(when));
  timer.async_wait([this, generation = generation_, action = std::move(action)](boost::system::error_code ec) {
    if (!ec && generation == generation_) action();
  });
}

}  // namespace wardcast::playout
