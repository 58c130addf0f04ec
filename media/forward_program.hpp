#pragma once
// ForwardProgram: a loudspeaker channel on air through the forwarding path.
// Its items are air renditions (air_rendition.hpp: Ogg/Opus, already at the
// station loudness and in the channel's AirFormat), so playing one is only
// reading its packets and sending each at its time:
//
//   rendition file ─ OggOpusReader ─ pacing timer ─ RtpOpusSender ─► rtp:// outputs
//                     (no decode, no gain, no encode, no GStreamer thread)
//
// Between and after items, and before the first, it sends pre-encoded Opus
// silence packets, so receivers keep one RTP stream (same SSRC, contiguous
// sequence numbers and timestamps) from start() to stop(). Items follow one
// another without a gap: the next item's first packet goes in the slot after
// the previous item's last.
//
// What it does not do (use LoudspeakerProgram for these): decode, mix a live
// source, duck, watch the level for dead air, or serve MP3, Icecast, ALSA or
// recordings. forwardFormat() says when a channel's outputs allow it.
//
// Threads: every public method and the event handler run on the owner's
// executor, and so does the pacing (one steady_timer per program). Nothing
// here starts a thread; hundreds of programs share one io_context thread.
// Timing: packet k of the stream is due at start + (samples before k) / 48 kHz
// on the steady clock (no drift); a packet is sent when due. After a stall
// (the thread was not scheduled), the packets that fell due are sent at once
// and the stream is back on its schedule; only a stall longer than
// kMaxCatchUp (a suspended machine) restarts the schedule from now.
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>

#include <chrono>
#include <deque>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "media/air_format.hpp"
#include "media/forward_ogg_reader.hpp"
#include "media/forward_rtp_sender.hpp"
#include "media/output_plan.hpp"
#include "media/program_event.hpp"
#include "media/rtcp_session.hpp"

namespace wardcast::media {

// The AirFormat a channel's outputs can be forwarded in: every output is
// rtp:// (Opus) with the same bit rate and ptime, and none names a multicast
// interface. Empty otherwise (MP3, Icecast, ALSA, files, mixed rates): the
// channel needs a LoudspeakerProgram.
std::optional<AirFormat> forwardFormat(const OutputPlan& plan);

struct ForwardSettings {
  std::string channel_id;
  std::vector<RtpOutput> outputs;  // all in `format`
  AirFormat format;
  // RTCP (rtcp_session.hpp) for every unicast output: Sender Reports to the
  // output's port + 1, receiver reports back as RtpReceiverStats.
  bool rtcp = true;
  std::chrono::milliseconds rtcp_interval{5000};
};

// One queued item: its id and its air rendition.
struct ForwardItem {
  std::string id;
  std::filesystem::path rendition;
};

class ForwardProgram {
 public:
  using EventHandler = std::function<void(const ProgramEvent&)>;

  // Opens every output's socket. Fails when an output is not in `format` or
  // cannot be opened.
  static Result<std::unique_ptr<ForwardProgram>> create(boost::asio::any_io_executor executor,
                                                        ForwardSettings settings);
  ~ForwardProgram();
  ForwardProgram(const ForwardProgram&) = delete;
  ForwardProgram& operator=(const ForwardProgram&) = delete;

  void setEventHandler(EventHandler handler) { handler_ = std::move(handler); }
  // Receiver reports from the outputs' RTCP, on the owner's executor.
  void setReceiverStatsHandler(drivers::RtpReceiverStatsHandler handler) { stats_handler_ = std::move(handler); }

  // Goes on air: silence packets until something is queued.
  Status start();
  // Appends an item; it follows the previous one without a gap. A rendition
  // that cannot be read is reported (kItemFailed) and skipped.
  void enqueue(ForwardItem item);
  // Ends after the item on air (queued items are dropped); kStopped follows.
  void drain();
  // Stops sending at once.
  void stop();

  bool running() const { return running_; }
  std::size_t queued() const { return queue_.size(); }
  // Stream time since start(), from the samples sent.
  std::chrono::nanoseconds streamTime() const;
  const ForwardSettings& settings() const { return settings_; }
  const std::vector<RtpOpusSender>& senders() const { return senders_; }
  // The RTCP sessions (none for multicast outputs or with settings.rtcp off).
  const std::vector<std::unique_ptr<RtcpSession>>& rtcpSessions() const { return rtcp_; }

  // A stall longer than this restarts the schedule instead of a burst.
  static constexpr std::chrono::milliseconds kMaxCatchUp{2000};

 private:
  ForwardProgram(boost::asio::any_io_executor executor, ForwardSettings settings);
  void schedule();
  void onTimer();
  void sendNext();
  bool readItemPacket();  // the next packet of the item on air into packet_
  void beginNextItem();
  void emit(ProgramEvent::Kind kind, std::string item = {}, std::string message = {});
  Status openRtcp(const boost::asio::any_io_executor& executor);

  ForwardSettings settings_;
  EventHandler handler_;
  drivers::RtpReceiverStatsHandler stats_handler_;
  std::vector<RtpOpusSender> senders_;  // never resized after create(): rtcp_ reads them by index
  std::vector<std::unique_ptr<RtcpSession>> rtcp_;
  boost::asio::steady_timer timer_;
  std::deque<ForwardItem> queue_;
  std::optional<OggOpusReader> reader_;  // the item on air
  std::string item_id_;
  bool item_started_ = false;
  std::vector<std::uint8_t> packet_;
  std::vector<std::uint8_t> silence_;
  std::uint32_t silence_samples_ = 0;
  bool running_ = false;
  bool draining_ = false;
  bool idle_reported_ = true;  // kQueueEmpty only after something was queued
  bool first_packet_ = true;
  std::chrono::steady_clock::time_point epoch_;  // when stream sample 0 was due
  std::uint64_t samples_sent_ = 0;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace wardcast::media
