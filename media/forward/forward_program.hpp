#pragma once
// ForwardProgram: a loudspeaker channel on air through the forwarding path.
// Its items are air renditions (air_rendition.hpp: already at the station
// loudness and in the channel's format), so playing one is only reading its
// packets and sending each at its time:
//
//   Ogg/Opus rendition ─ OggOpusReader ─┐                 ┌ RtpOpusSender ─► rtp:// outputs
//                                       ├ pacing timer ───┤
//   MP3 rendition ──── Mp3FrameReader ──┘  (48 kHz clock)  └ IcecastSource ─► icecast:// .mp3 mounts
//                 (no decode, no gain, no encode, no GStreamer thread)
//
// A program forwards one codec: Opus to rtp:// outputs (settings.outputs, in
// settings.format) or MP3 to Icecast mounts (settings.icecast, all at one
// bit rate: an Mp3AirFormat). renditionFormat() says which renditions to
// queue. A channel with both kinds of output would need two programs (one
// per codec) or the decoding path.
//
// Between and after items, and before the first, it sends pre-encoded
// silence (Opus silence packets, MP3 silence frames), so receivers keep one
// RTP stream (same SSRC, contiguous sequence numbers and timestamps) and
// Icecast keeps the source and its listeners from start() to stop(). Items
// follow one another without a gap: the next item's first packet goes in the
// slot after the previous item's last. (MP3: a decoder hears one frame,
// 24 ms, of LAME's encoder delay and padding at each seam; see
// air_rendition_format.hpp.)
//
// Icecast mounts are sent at real-time pace, frame by frame as they fall
// due, with no burst ahead of time: the server's own burst-on-connect
// (burst-size, 64 KiB by default, ~4 s at 128 kbit/s) fills a new
// listener's buffer. While a mount is down its frames are dropped and the
// program keeps its clock; the mount reconnects on its own (IcecastSource)
// and the program reports kOutputDown / kOutputUp.
//
// What it does not do (use LoudspeakerProgram for these): decode, mix a live
// source, duck, watch the level for dead air, or serve Ogg/Opus Icecast
// mounts, ALSA or recordings. forwardRenditionFormat() says when a channel's
// outputs allow it.
//
// Threads: every public method and the event handler run on the owner's
// executor, and so do the pacing (one steady_timer per program) and the
// Icecast connections. Nothing here starts a thread; hundreds of programs
// share one io_context thread.
// Timing: packet k of the stream is due at start + (samples before k) / 48 kHz
// on the steady clock (no drift); a packet is sent when due. "start" is the
// first wall-clock multiple of a packet's duration after start() (20 ms:
// hh:mm:ss.000, .020, ...), so every program of a station sends on one
// wall-clock grid: an item planned on a whole second starts on a slot, not
// up to a packet late, and the channels of a group start together (their
// first packets within the loop's own time of one another). After a stall
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

#include "media/rendition/air_rendition_format.hpp"
#include "media/forward/icecast_source.hpp"
#include "media/forward/rendition_reader.hpp"
#include "media/forward/rtp_sender.hpp"
#include "media/output_plan.hpp"
#include "media/program_event.hpp"
#include "media/program_status.hpp"
#include "media/rtcp/rtcp_session.hpp"

namespace wardcast::media {

// The rendition format a channel's outputs can all be forwarded in, i.e.
// whether a ForwardProgram can serve the channel:
//  - AirFormat (Opus): every output is rtp:// with the same bit rate and
//    ptime (10, 20, 40 or 60 ms), and none names a multicast interface;
//  - Mp3AirFormat: every output is an icecast:// .mp3 mount, all at the same
//    MPEG-1 Layer III bit rate.
// Empty otherwise (Ogg/Opus Icecast mounts, ALSA, files, RTP and Icecast
// together, mixed rates): the channel needs a LoudspeakerProgram.
std::optional<RenditionFormat> forwardRenditionFormat(const OutputPlan& plan);

// The Opus case of forwardRenditionFormat(): the AirFormat when every output
// is rtp:// and can be forwarded; empty otherwise, including for a channel of
// Icecast MP3 mounts, which forwardRenditionFormat() accepts.
std::optional<AirFormat> forwardFormat(const OutputPlan& plan);

struct ForwardSettings {
  std::string channel_id;
  std::vector<RtpOutput> outputs;  // all in `format`
  AirFormat format;                // of the rtp:// outputs
  // RTCP (rtcp_session.hpp) for every unicast output: Sender Reports to the
  // output's port + 1, receiver reports back as RtpReceiverStats.
  bool rtcp = true;
  std::chrono::milliseconds rtcp_interval{5000};
  // Icecast MP3 mounts, all at one bit rate; only when `outputs` is empty.
  std::vector<IcecastOutput> icecast{};
};

// One queued item: its id and its air rendition; with `start_at`, it starts
// at that wall-clock instant (see ForwardProgram::enqueue()).
struct ForwardItem {
  std::string id;
  std::filesystem::path rendition;
  std::optional<std::chrono::system_clock::time_point> start_at{};
};

class ForwardProgram {
 public:
  using EventHandler = std::function<void(const ProgramEvent&)>;

  // Opens every rtp:// output's socket (Icecast mounts connect on start()).
  // Fails when an output is not in the channel's format or cannot be
  // opened, or when RTP and Icecast outputs are mixed.
  static Result<std::unique_ptr<ForwardProgram>> create(boost::asio::any_io_executor executor,
                                                        ForwardSettings settings);
  ~ForwardProgram();
  ForwardProgram(const ForwardProgram&) = delete;
  ForwardProgram& operator=(const ForwardProgram&) = delete;

  void setEventHandler(EventHandler handler) { handler_ = std::move(handler); }
  // Receiver reports from the outputs' RTCP, on the owner's executor.
  void setReceiverStatsHandler(RtpReceiverStatsHandler handler) { stats_handler_ = std::move(handler); }

  // Goes on air: silence packets until something is queued; Icecast mounts
  // connect (kOutputUp) and reconnect on their own until stop().
  Status start();
  // Appends an item (a rendition in renditionFormat()); it follows the
  // previous one without a gap. A rendition that cannot be read is reported
  // (kItemFailed) and skipped. An item with a start_at waits (silence) for
  // the packet slot nearest to that instant (within half a packet: 10 ms
  // for 20 ms Opus, 12 ms for MP3), or starts at once when it has passed or
  // the item before it ends later. The wall clock is read against the
  // steady clock when the item's turn comes.
  void enqueue(ForwardItem item);
  // Ends after the item on air (queued items are dropped); kStopped follows.
  void drain();
  // Stops sending at once.
  void stop();

  ProgramStatus status() const { return status_; }
  bool running() const { return isSending(status_); }
  // An item is on air (its packets are being sent).
  bool onAir() const { return reader_.has_value(); }
  std::size_t queued() const { return queue_.size(); }
  // Stream time since start(), from the samples sent.
  std::chrono::nanoseconds streamTime() const;
  const ForwardSettings& settings() const { return settings_; }
  const std::vector<RtpOpusSender>& senders() const { return senders_; }
  const std::vector<std::shared_ptr<IcecastSource>>& icecastSources() const { return icecast_; }
  // What the queued renditions must be: Opus in settings().format, or MP3.
  const RenditionFormat& renditionFormat() const { return rendition_format_; }
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
  bool nextItemWaits() const;  // the next item's start_at is later than this slot
  void emit(ProgramEvent::Kind kind, std::string item = {}, std::string message = {},
            std::string output = {});
  Status openRtp(const boost::asio::any_io_executor& executor);
  Status openIcecast(const boost::asio::any_io_executor& executor);
  Status openRtcp(const boost::asio::any_io_executor& executor);

  ForwardSettings settings_;
  EventHandler handler_;
  RtpReceiverStatsHandler stats_handler_;
  std::vector<RtpOpusSender> senders_;  // never resized after create(): rtcp_ reads them by index
  std::vector<std::unique_ptr<RtcpSession>> rtcp_;
  std::vector<std::shared_ptr<IcecastSource>> icecast_;
  RenditionFormat rendition_format_;
  boost::asio::steady_timer timer_;
  // Queued items with their renditions opened at enqueue(), not at their
  // slot: at one instant a hundred channels start, and opening a hundred
  // files in that slot would start the last one milliseconds after the first.
  struct Queued {
    ForwardItem item;
    Result<RenditionReader> reader;
  };
  std::deque<Queued> queue_;
  std::optional<RenditionReader> reader_;  // the item on air
  std::string item_id_;
  bool item_started_ = false;
  std::vector<std::uint8_t> packet_;
  std::uint32_t packet_samples_ = 0;
  SilencePacket silence_;
  ProgramStatus status_ = ProgramStatus::kIdle;  // program_status.hpp
  bool idle_reported_ = true;  // kQueueEmpty only after something was queued
  bool first_packet_ = true;
  std::chrono::steady_clock::time_point epoch_;  // when stream sample 0 was due
  std::uint64_t samples_sent_ = 0;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace wardcast::media
