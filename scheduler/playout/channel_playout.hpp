#pragma once
// ChannelPlayout: one channel on air. It owns the channel's program (one of
// the program kinds behind ChannelProgram) and its feed of planned entries,
// turns the program's events into PlayoutEvents on the station clock, with
// the planned start of each item, and decides when the program ends.
// `wardcast play` is a thin front end on it; the daemon runs one per
// channel; bench/schedule measures it.
//
// It neither prints nor throws: failures come back as results, and what
// happens on air as events.
//
// Threads: every method and the event handler run on the executor given to
// create(). Nothing here starts a thread or a loop.
#include <functional>
#include <memory>
#include <vector>

#include <boost/asio/any_io_executor.hpp>

#include "config/station_config.hpp"
#include "drivers/amplifier_scheduler.hpp"
#include "scheduler/playout/channel_program.hpp"
#include "scheduler/playout/day_program.hpp"
#include "scheduler/playout/planned_feed.hpp"
#include "scheduler/playout/playout_event.hpp"
#include "util/wall_clock.hpp"

namespace wardcast::playout {

// What the playout does once every entry and item it was given has played.
enum class WhenDone {
  kFinish = 1,  // drains the program: kFinished follows (`wardcast play`)
  kStayOnAir,   // silence until more is given (the daemon)
};

struct PlayoutSettings {
  ProgramPath path = ProgramPath::kCheapest;
  WhenDone when_done = WhenDone::kFinish;
  // playNow(): the first item starts this long after start(), so that a
  // receiver joining the stream and an Icecast listener connecting after
  // the source miss silence, not the item.
  std::chrono::milliseconds lead_in{500};
  // Where an LED screen gets its RTSP server: the daemon's screens share
  // one per address and port. Null: the screen starts its own.
  std::shared_ptr<media::led::RtspHostPool> rtsp_hosts;
};

class ChannelPlayout {
 public:
  using EventHandler = std::function<void(const PlayoutEvent&)>;

  // The program for `channel`. `clock` must outlive the playout. Entries
  // that need decoding at playout (relays) need ProgramPath::kDecode; see
  // pathFor().
  static Result<std::unique_ptr<ChannelPlayout>> create(boost::asio::any_io_executor executor,
                                                        const StationConfig& config, const Channel& channel,
                                                        const WallClock& clock, PlayoutSettings settings);
  // kDecode when `requested` is or an entry is a relay; `requested` otherwise.
  static ProgramPath pathFor(const std::vector<PlayoutEntry>& entries, ProgramPath requested);

  void setEventHandler(EventHandler handler) { handler_ = std::move(handler); }

  // Planned entries at their starts; dead air is watched inside `windows`.
  void schedule(std::vector<PlayoutEntry> entries, const std::vector<drivers::WindowInstance>& windows);
  // The schedule changed: replaces every entry not yet handed to the
  // program (PlannedFeed::replace(); those within the prepare lead of
  // their start stay).
  void reschedule(std::vector<PlayoutEntry> entries, const std::vector<drivers::WindowInstance>& windows);
  // Items at once, back to back (the first after settings.lead_in).
  void playNow(std::vector<media::ProgramItem> items);
  Status start();
  // Ends after the item on air: kFinished follows.
  void drain();
  void stop();

  std::string path() const { return program_->path(); }
  media::ProgramStatus status() const { return program_->status(); }
  ChannelProgram& program() { return *program_; }

 private:
  ChannelPlayout(const Channel& channel, const WallClock& clock, PlayoutSettings settings,
                 std::unique_ptr<ChannelProgram> program, boost::asio::any_io_executor executor);
  void onProgramEvent(const media::ProgramEvent& event, SystemTime at);
  bool nothingLeft() const;
  void emit(PlayoutEvent event);

  std::string channel_id_;
  const WallClock& clock_;
  PlayoutSettings settings_;
  std::unique_ptr<ChannelProgram> program_;
  PlannedFeed feed_;
  std::vector<media::ProgramItem> now_items_;  // playNow() before start()
  EventHandler handler_;
};

}  // namespace wardcast::playout
