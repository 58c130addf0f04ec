#pragma once
// AsRunRecorder: one channel's as-run log, written as it happens (SPEC §6).
// It turns the channel's PlayoutEvents into records: an airing is opened in
// the store when its first packet leaves and closed when it ends, so a
// crash leaves it open for the next start to close as interrupted
// (recoverInterrupted()). Entries the playout will not air are recorded
// once each as skipped or missed, with the reason.
//
// Off the moment of air: a write is never made while the event that causes
// it is handled, but kWriteDelay later, from a timer. When every channel of
// a group starts at one instant, the loop sends each channel's first packet
// first and writes afterwards; a synchronous write (an SQLite commit) in
// between would delay the next channel's start by its cost, and 200
// channels by 200 of them (bench/daemon's group spread). Writes keep their
// order; the destructor and flush() make the pending ones at once. A kill
// -9 within kWriteDelay of a start loses that start's record: the next
// start logs the entry as missed instead of interrupted.
//
// Threads: the daemon's loop; it writes through the daemon's Store.
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>

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
  static constexpr std::chrono::milliseconds kWriteDelay{50};

  AsRunRecorder(boost::asio::any_io_executor executor, Store& store, std::string channel)
      : store_(store), channel_(std::move(channel)), flush_timer_(std::move(executor)) {}
  ~AsRunRecorder();
  AsRunRecorder(const AsRunRecorder&) = delete;
  AsRunRecorder& operator=(const AsRunRecorder&) = delete;
  // Makes every pending write now.
  void flush();

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
  void later(std::function<void()> write);
  void append(AsRunEntry entry);

  Store& store_;
  std::string channel_;
  std::map<Key, PlannedEntry> expected_;
  std::set<std::int64_t> recorded_skips_;  // program log entry ids
  // The airing on air: its record's id once the deferred open is written.
  std::shared_ptr<std::optional<std::int64_t>> open_;
  std::vector<std::function<void()>> pending_;
  boost::asio::steady_timer flush_timer_;
  std::shared_ptr<int> alive_ = std::make_shared<int>(0);
  std::optional<OnAir> on_air_;
};

}  // namespace wardcast::daemon
