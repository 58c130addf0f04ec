#pragma once
// LoudspeakerProgram: one loudspeaker channel on air. It plays a queue of
// ingested items gaplessly, each brought to the station's loudness target
// from its ingest measurement, watches the output for dead air, encodes once
// per codec and fans out to the channel's outputs; a live or emergency
// source can take over (or duck) the program without touching the outputs.
//
//   appsrc(program, fed by ProgramFeeder) ─┐
//   live source (LiveInput, optional) ─────┴─ audiomixer ! caps ! level ! tee
//      tee ─ queue ! opusenc ─ tee ─ rtpopuspay ! udpsink      (per RTP output)
//                                └─ oggmux ! filesink          (.ogg/.opus file)
//      tee ─ queue ! lamemp3enc ─ tee ─ filesink (.mp3) / tap ─► IcecastSender
//      tee ─ tap ─► IcecastSender (Ogg/Opus mounts) / wavenc ! filesink / alsasink
//
// Threading model (see media/gst/pipeline.hpp): every public method runs on the
// owner's executor, and so do event handlers. The feeder (appsrc need-data),
// Icecast taps (appsink) and the live EOS probe run on GStreamer streaming
// threads and only post to the executor. A program is a plain object: one
// process can run hundreds on one io_context; nothing is global.
//
// The program runs in real time: the feeder keeps its stamps at most 40 ms
// ahead of the clock (a live aggregator does not wait when every pad has
// data, so pacing must come from upstream); live sources pace themselves.
// Destroying a program stops it at once; drain() first to complete
// recordings.
//
// Scheduled items: enqueueAt() puts an item's first sample at a wall-clock
// instant (to the sample, in the program's running time); until then the
// outputs carry silence, so receivers and Icecast connections stay up.
#include <boost/asio/any_io_executor.hpp>

#include <chrono>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "config/station_config.hpp"
#include "media/decode/dead_air_detector.hpp"
#include "media/decode/live_input.hpp"
#include "media/loudness_gain.hpp"
#include "media/decode/output_branches.hpp"
#include "media/gst/pipeline.hpp"
#include "media/program_event.hpp"
#include "media/program_status.hpp"
#include "media/decode/program_feeder.hpp"
#include "media/program_item.hpp"
#include "media/rtcp/rtcp_session.hpp"

namespace wardcast::media {

struct ProgramSettings {
  std::string channel_id;
  std::vector<std::string> outputs;  // URIs (SPEC §2)
  LoudnessTarget loudness;
  DeadAirSettings dead_air;
  std::chrono::milliseconds mixer_latency{30};  // live mixer's allowance for late input
  double duck_db = -15.0;                       // program level under a ducking source
  // RTCP (rtcp_session.hpp) for every unicast rtp:// output: Sender Reports
  // to the output's port + 1, receiver reports back as RtpReceiverStats.
  bool rtcp = true;
  std::chrono::milliseconds rtcp_interval{5000};
};

// The settings of a configured loudspeaker channel.
ProgramSettings programSettings(const StationConfig& config, const Channel& channel);

// When silence on the output is dead air.
enum class DeadAirWatch {
  kAlways = 1,  // any silence longer than DeadAirSettings::after (inside air time)
  kWhileOnAir,  // only while an item or a live source is on air (between windows)
};

enum class LiveMode {
  kTakeOver = 1,  // the program stops and its position is held, to the sample
  kDuck,          // the program continues under the source at duck_db
};

class LoudspeakerProgram {
 public:
  using EventHandler = std::function<void(const ProgramEvent&)>;
  // A program with an ALSA output starts with this much silence before any
  // item, and its silence is real samples (not GAP buffers): alsasink loses
  // the first ~buffer-time (200 ms) of real samples it gets, at start and
  // after a stretch of GAP buffers (docs/media.md, "ALSA output"). So the
  // loss falls on this silence. Every output gets the same silence, so the
  // outputs stay in step.
  static constexpr std::chrono::milliseconds kAlsaStartupSilence{300};

  static Result<std::unique_ptr<LoudspeakerProgram>> create(boost::asio::any_io_executor executor,
                                                            ProgramSettings settings);
  ~LoudspeakerProgram();
  LoudspeakerProgram(const LoudspeakerProgram&) = delete;
  LoudspeakerProgram& operator=(const LoudspeakerProgram&) = delete;

  void setEventHandler(EventHandler handler) { handler_ = std::move(handler); }
  // Receiver reports from the outputs' RTCP, on the owner's executor.
  void setReceiverStatsHandler(RtpReceiverStatsHandler handler) { stats_handler_ = std::move(handler); }

  // Goes on air: outputs open, silence until something is queued.
  Status start();
  // Appends an item; it follows the previous one without a gap.
  void enqueue(ProgramItem item);
  // Appends an item that starts at `start` (wall clock): silence until then,
  // or at once if `start` has passed or the item before it ends later.
  // Call a few seconds ahead (the decoder prepares meanwhile).
  void enqueueAt(ProgramItem item, std::chrono::system_clock::time_point start);
  // Default kAlways. Switching resets the silence count; leaving a watched
  // span while dead air is raised reports kDeadAirEnded.
  void setDeadAirWatch(DeadAirWatch watch);
  // Puts a live source on air within the mixer's latency (~30 ms plus one
  // encoder frame). Only one at a time. The source ending (EOS) or
  // stopLive() gives the air back to the program.
  Status startLive(ElementHandle source, LiveMode mode);
  void stopLive();
  bool liveActive() const { return live_ != nullptr; }
  // Ends the stream after what is already playing: recordings are finalised
  // and kStopped follows. Queued items that have not started are dropped.
  void drain();
  // Stops at once (state NULL). Recordings may lack their trailer.
  void stop();

  ProgramStatus status() const { return status_; }
  PipelineState state() const { return pipeline_->state(); }
  std::chrono::nanoseconds runningTime() const { return pipeline_->runningTime(); }
  // The wall-clock instant at which the sound of a running time (of an
  // event) leaves the outputs: the pipeline clock and the system clock read
  // now, less the feeder's lead (ProgramFeeder::kMaxLead).
  std::chrono::system_clock::time_point wallClockAt(std::chrono::nanoseconds running_time) const;
  std::size_t queued() const { return pending_.size() + feeder_->waiting(); }
  // An item is being fed to the mixer now. (An item that fails before it
  // reaches the feeder is reported as kItemFailed, and no kQueueEmpty
  // follows it: check queued() and playing() there.)
  bool playing() const { return feeder_->playing(); }
  const ProgramSettings& settings() const { return settings_; }
  // Icecast senders, for status pages and tests.
  const std::vector<std::shared_ptr<IcecastSender>>& icecastSenders() const { return outputs_.senders; }
  // The RTCP sessions, one per unicast rtp:// output (none with settings.rtcp off).
  const std::vector<std::unique_ptr<RtcpSession>>& rtcpSessions() const { return rtcp_; }

 private:
  struct Pending {
    ProgramItem item;
    std::optional<WallTime> start_at;
  };
  LoudspeakerProgram(boost::asio::any_io_executor executor, ProgramSettings settings);
  bool deadAirWatched() const;
  // Items may still be queued: not draining, stopped or failed.
  bool accepting() const { return status_ == ProgramStatus::kIdle || status_ == ProgramStatus::kOnAir; }
  Status build(const OutputPlan& plan);
  Status openRtcp();
  void topUp();
  void onFeederEvent(const FeederEvent& event);
  void onPipelineEvent(const PipelineEvent& event);
  void onLevel(const GstStructure* level);
  void emit(ProgramEvent::Kind kind, std::string item = {}, std::string message = {},
            std::string output = {}, std::chrono::nanoseconds when = std::chrono::nanoseconds(-1));

  boost::asio::any_io_executor executor_;
  ProgramSettings settings_;
  EventHandler handler_;
  std::unique_ptr<Pipeline> pipeline_;
  GstElement* mixer_ = nullptr;   // borrowed from the pipeline
  PadHandle program_pad_;         // the mixer pad the feeder's appsrc feeds
  std::shared_ptr<ProgramFeeder> feeder_;
  BuiltOutputs outputs_;
  RtpReceiverStatsHandler stats_handler_;
  std::vector<std::unique_ptr<RtcpSession>> rtcp_;  // read outputs_.rtp_taps: destroyed first
  std::deque<Pending> pending_;  // not yet handed to a decoder
  std::unique_ptr<LiveInput> live_;
  DeadAirDetector dead_air_;
  DeadAirWatch dead_air_watch_ = DeadAirWatch::kAlways;
  bool dead_air_watched_ = true;  // whether the last level was watched
  bool item_on_air_ = false;      // between an item's start and its end
  ProgramStatus status_ = ProgramStatus::kIdle;  // program_status.hpp
};

}  // namespace wardcast::media
