#pragma once
// AsRunRecorder: one channel's as-run log, written as it happens (SPEC §6).
// It turns the channel's PlayoutEvents into records: an airing is opened in
// the store when its first packet leaves and closed when it ends, so a
// crash leaves it open for the next start to close as interrupted
// (recoverInterrupted()). Entries the playout will not air are recorded
// once each as skipped or missed, with the reason.
//
// Threads: the daemon's loop; it writes through the daemon's Store.
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "content/store.hpp"
#include "scheduler/playout/day_program.hpp"
#include "scheduler/playout/playout_event.hpp"

namespace wardcast::daemon {

// What a channel has on air now, for the status route.
struct OnAir {
  std::string item;
  SysMillis since{};
  std::optional<SysMillis> planned;
  std::optional<std::chrono::milliseconds> length;
};

class AsRunRecorder {
 public:
  AsRunRecorder(Store& store, std::string channel) : store_(store), channel_(std::move(channel)) {}

  // The entries handed to the playout: their airings name the program log
  // entry (item, planned start) they come from.
  void expect(const std::vector<playout::PlayoutEntry>& entries);
  // Entries left out of the schedule: each recorded once.
  void skipped(const std::vector<playout::SkippedEntry>& entries, AsRunStatus status, const std::string& why);
  void record(const playout::PlayoutEvent& event);
  // The daemon stops, or the channel is rebuilt: what is on air is cut off.
  void interrupt(SysMillis at, const std::string& reason);

  const std::optional<OnAir>& onAir() const { return on_air_; }

  // At start: closes every record a previous run left open as interrupted,
  // ending at `last_alive` (its last sign of life) or at its own start.
  static void recoverInterrupted(Store& store, std::optional<SysMillis> last_alive);

 private:
  using Key = std::pair<std::string, SysMillis>;  // item id, planned start
  AsRunEntry entryFor(const std::string& item, std::optional<SysMillis> planned) const;
  void warnIfFailed(const Status& status, const char* doing) const;

  Store& store_;
  std::string channel_;
  std::map<Key, PlannedEntry> expected_;
  std::set<std::int64_t> recorded_skips_;  // program log entry ids
  std::optional<std::int64_t> open_id_;
  std::optional<OnAir> on_air_;
};

}  // namespace wardcast::daemon
