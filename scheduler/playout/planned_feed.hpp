#pragma once
// PlannedFeed: hands a channel's planned entries to its program
// kPrepareLead before their starts (so that the decoder is ready, or the
// rendition found, and the first packet leaves on time) and switches dead-air
// watching on inside the channel's windows and off outside them.
//
// Entries and windows are on the station's WallClock; the timers and the
// program run on the system clock (WallClock::toSystem()).
//
// Threads: runs on the executor it is given; owns its timers, which it
// cancels when destroyed.
#include <chrono>
#include <deque>
#include <functional>
#include <list>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/system_timer.hpp>

#include "drivers/amplifier_scheduler.hpp"
#include "scheduler/playout/channel_program.hpp"
#include "scheduler/playout/day_program.hpp"
#include "util/wall_clock.hpp"

namespace wardcast::playout {

class PlannedFeed {
 public:
  static constexpr std::chrono::seconds kPrepareLead{3};

  PlannedFeed(boost::asio::any_io_executor executor, ChannelProgram& program, const WallClock& clock)
      : executor_(std::move(executor)), program_(program), clock_(clock) {}

  // Entries in order of start; an entry whose lead has passed is handed
  // over at once (in order).
  void schedule(std::vector<PlayoutEntry> entries, const std::vector<drivers::WindowInstance>& windows);
  // The schedule changed (the daemon re-read the program log): entries not
  // yet handed over are dropped and `entries` scheduled instead, except
  // those already handed over (same item, same start), which are on air or
  // queued and stay so. Windows are replaced too.
  void replace(std::vector<PlayoutEntry> entries, const std::vector<drivers::WindowInstance>& windows);
  // Every entry handed over, and none waiting in the program.
  bool done() const { return remaining_ == 0 && program_.queued() == 0; }
  // The planned start of an item that just started or failed (the earliest
  // handed over under that id), removed from the list.
  std::optional<SysMillis> takePlanned(const std::string& id);
  void cancel();

 private:
  void at(SysMillis when, std::function<void()> action);

  boost::asio::any_io_executor executor_;
  ChannelProgram& program_;
  const WallClock& clock_;
  std::list<boost::asio::system_timer> timers_;
  std::deque<std::pair<std::string, SysMillis>> planned_;
  // Every entry handed over since the last replace() older than a day was
  // pruned: (item id, planned start).
  std::set<std::pair<std::string, SysMillis>> handed_over_;
  std::size_t remaining_ = 0;
  // Bumped by replace(): a timer of an older schedule that had already
  // fired when it was cancelled does nothing.
  std::uint64_t generation_ = 0;
};

}  // namespace wardcast::playout
