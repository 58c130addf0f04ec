#pragma once
// LedChannel: a ChannelProgram for an LED screen (media::led::LedProgram).
// A screen loops: every item enqueued joins the loop, shown next after the
// clip on screen (the newest first, then the older ones in turn), and stays
// in it until the program drains. An item enqueued with a `start` ahead
// (the planned feed hands items over kPrepareLead early) joins the loop at
// that start, not before, so a screen never shows a clip ahead of its
// planned second; kQueueEmpty is
// reported each time the loop has come round with every item shown at
// least once, so that an owner that has nothing more to add can drain.
// Stills (PNG, JPEG) stay [station] image_duration.
//
// The screen's rtsp:// output is served by the RtspServerHost at the
// address and port the URI names, taken from `rtsp_hosts` so that screens of
// one process share it (a host of its own when no pool is given).
//
// Threads: as ChannelProgram. LedProgram reports steady-clock instants;
// they are turned into system-clock ones when the event is handled.
#include <list>
#include <set>
#include <vector>

#include <boost/asio/system_timer.hpp>

#include "media/led/led_program.hpp"
#include "media/led/rtsp_host_pool.hpp"
#include "scheduler/playout/channel_program.hpp"

namespace wardcast::playout {

class LedChannel final : public ChannelProgram {
 public:
  static Result<std::unique_ptr<LedChannel>> create(boost::asio::any_io_executor executor,
                                                    const StationConfig& config, const Channel& channel,
                                                    media::led::RtspHostPool* rtsp_hosts);

  std::string path() const override { return "LED screen"; }
  media::ProgramStatus status() const override { return program_->status(); }
  void setEventHandler(EventHandler handler) override { handler_ = std::move(handler); }
  Status start() override;
  void enqueue(media::ProgramItem item, std::optional<SystemTime> start) override;
  void drain() override;
  void stop() override { program_->stop(); }
  std::size_t queued() const override { return unseen_.size(); }
  bool playing() const override { return on_screen_; }

  // rtsp://HOST:PORT/PATH of the screen, when it has an rtsp:// output.
  std::optional<std::string> rtspUrl() const { return program_->rtspUrl(); }

 private:
  LedChannel() = default;
  void join(media::ProgramItem item);
  void onEvent(const media::led::LedEvent& event);
  void emit(media::ProgramEvent::Kind kind, std::string item, std::string message, SystemTime at);

  std::shared_ptr<media::led::RtspServerHost> rtsp_;  // outlives program_
  std::unique_ptr<media::led::LedProgram> program_;
  EventHandler handler_;
  std::vector<media::led::PlaylistItem> loop_;  // newest first
  std::set<std::string> unseen_;                // enqueued, not shown yet
  boost::asio::any_io_executor executor_;
  std::list<boost::asio::system_timer> joins_;  // items waiting for their start
  // Expires with the channel: a wait that completed just before it was
  // destroyed finds it gone and does nothing.
  std::shared_ptr<int> alive_ = std::make_shared<int>(0);
  bool on_screen_ = false;
  std::chrono::milliseconds still_duration_{10000};
};

}  // namespace wardcast::playout
