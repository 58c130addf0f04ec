#pragma once
// ChannelRunner: one channel of the station on air in the daemon. It owns
// the channel's ChannelPlayout (scheduler/playout, the same run-time
// `wardcast play` uses) and its as-run recorder, and keeps the playout fed
// from the program log: today's and tomorrow's entries, re-read when the
// store changes (refresh()) and every minute, so the day's rollover,
// late approvals and pins need no restart.
//
// It reacts to "the schedule changed"; it knows nothing of HTTP or the
// console. When its program fails it is rebuilt after kRebuildDelay.
//
// Threads: every method runs on the daemon's loop.
#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/system_timer.hpp>

#include "content/store.hpp"
#include "daemon/as_run_recorder.hpp"
#include "media/led/rtsp_host_pool.hpp"
#include "scheduler/playout/channel_lock.hpp"
#include "scheduler/playout/channel_playout.hpp"
#include "util/wall_clock.hpp"

namespace wardcast::daemon {

struct OutputState {
  bool up = false;
  std::string message;
  SysMillis since{};
};

// A channel as the status route shows it.
struct ChannelState {
  std::string id;
  std::string name;
  ChannelKind kind = ChannelKind::kLoudspeaker;
  std::string path;  // which program kind plays it
  media::ProgramStatus status = media::ProgramStatus::kIdle;
  std::optional<OnAir> on_air;
  std::optional<playout::PlayoutEntry> next;  // the next planned entry
  std::map<std::string, OutputState> outputs;
  bool dead_air = false;
  std::string last_error;
};

class ChannelRunner {
 public:
  static constexpr std::chrono::seconds kRefreshEvery{60};
  static constexpr std::chrono::seconds kRebuildDelay{2};

  // `config` is the station the channel belongs to; `channel` one of its
  // channels. Fails with kConflict when another process plays the channel
  // (playout::ChannelLock). `store`, `zone` and `clock` outlive the runner.
  static Result<std::unique_ptr<ChannelRunner>> create(boost::asio::any_io_executor executor,
                                                       std::shared_ptr<const StationConfig> config,
                                                       const Channel& channel, Store& store, const TimeZone& zone,
                                                       const WallClock& clock,
                                                       std::shared_ptr<media::led::RtspHostPool> rtsp_hosts);
  ~ChannelRunner();

  // Puts the channel on air and schedules what the program log holds.
  // `record_missed`: entries that ended before now with no as-run record
  // are logged as missed (the first start after the daemon was down).
  Status start(bool record_missed);
  // The program log changed: re-reads it and reschedules.
  void refresh();
  // SIGHUP: the station was reloaded and this channel's definition is the
  // same: the runner keeps its program (nothing on air is cut) and takes
  // the new station's windows and relays from the next refresh.
  void adopt(std::shared_ptr<const StationConfig> config, const Channel& channel);
  // Takes the channel off air; what is on air is logged as interrupted.
  void stop(const std::string& reason);

  const Channel& channel() const { return *channel_; }
  ChannelState state() const;

 private:
  ChannelRunner(boost::asio::any_io_executor executor, std::shared_ptr<const StationConfig> config,
                const Channel& channel, Store& store, const TimeZone& zone, const WallClock& clock,
                playout::ChannelLock lock);
  Status buildPlayout();
  void onEvent(const playout::PlayoutEvent& event);
  void recordMissed(const std::vector<playout::SkippedEntry>& skipped);
  void refreshLater();
  void recordSkipsAtTheirStart(std::vector<playout::SkippedEntry> cannot_play);
  void rebuildLater();

  boost::asio::any_io_executor executor_;
  playout::ChannelLock lock_;  // held while the runner lives
  std::shared_ptr<const StationConfig> config_;
  const Channel* channel_;  // in *config_
  Store& store_;
  const TimeZone& zone_;
  const WallClock& clock_;
  std::shared_ptr<media::led::RtspHostPool> rtsp_hosts_;  // shared by the station's screens
  std::unique_ptr<playout::ChannelPlayout> playout_;
  AsRunRecorder recorder_;
  std::vector<playout::PlayoutEntry> scheduled_;
  std::map<std::string, OutputState> outputs_;
  boost::asio::steady_timer refresh_timer_;
  boost::asio::steady_timer rebuild_timer_;
  // Entries that cannot be played, logged as skipped when their start
  // comes (an approval before then puts them on air instead).
  std::vector<playout::SkippedEntry> pending_skips_;
  boost::asio::system_timer skip_timer_;
  bool dead_air_ = false;
  bool stopping_ = false;
  std::string last_error_;
};

}  // namespace wardcast::daemon
