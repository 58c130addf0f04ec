#pragma once
// ProgramFeeder: feeds a loudspeaker program's appsrc from a queue of
// ItemDecoders, back to back, with continuous timestamps, so consecutive
// items join without a gap or a click (the seam is sample-exact: the next
// item's first sample follows the previous item's last).
//
// Threads: enqueue(), hold(), endOfStream() and the destructor run on the
// owner's executor. onNeedData() runs on the appsrc's streaming thread; it
// shares only `mutex_`-guarded state with the executor side and reports
// through events posted to the executor (never calls the owner directly).
//
// Timing: the appsrc is live; buffers carry running-time stamps starting a
// little ahead of the clock when the program starts; the feeder waits on
// the pipeline clock so that it is never more than 40 ms ahead. When nothing
// is queued, or while held (a live source has taken over), the feeder pushes
// silence (GAP buffers) and the held item's position does not advance.
//
// Scheduled starts: a decoder queued with a wall-clock start waits (silence)
// until then; its first sample is stamped with the running time of that
// instant plus kMaxLead, to the sample, so that it leaves the outputs at that
// instant. The wall clock is mapped to running time when the
// decoder reaches the head of the queue (system_clock against the pipeline
// clock, read together), so a start hours away does not suffer from the
// two clocks drifting apart meanwhile. A start already past plays at once.
//
// Lengths: an item with a ProgramItem::length ends when that much stream
// time has passed since it was due (silence while a stream stalls counts),
// its last buffer cut to the sample; one that delivered nothing by then is
// reported failed. That is how a relay ends on time.
//
// Hold is exact: the held item stops at the first sample not yet pushed
// (at most 40 ms after hold(true); what was pushed before plays out) and
// resumes from that very sample after hold(false): nothing is skipped.
#include <boost/asio/any_io_executor.hpp>

#include <chrono>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>

#include "media/gst/gst_handles.hpp"
#include "media/decode/item_decoder.hpp"

namespace wardcast::media {

using WallTime = std::chrono::system_clock::time_point;

struct FeederEvent {
  enum class Kind { kStarted = 1, kEnded, kFailed, kIdle };
  Kind kind = Kind::kStarted;
  std::shared_ptr<ItemDecoder> decoder;  // empty for kIdle
  std::chrono::nanoseconds running_time{0};  // stamp of the item's first/last sample
};

class ProgramFeeder : public std::enable_shared_from_this<ProgramFeeder> {
 public:
  using EventHandler = std::function<void(const FeederEvent&)>;
  // How far ahead of the pipeline clock the feeder stamps (and pushes) its
  // buffers. The program's sinks send at once (sync=false), so sound leaves
  // the outputs this much before its running time; scheduled starts and
  // LoudspeakerProgram::wallClockAt() account for it.
  static constexpr std::chrono::milliseconds kMaxLead{40};

  // `appsrc` is borrowed from the program's pipeline, which outlives the
  // feeder's use of it (the program stops the pipeline before dropping us).
  ProgramFeeder(boost::asio::any_io_executor executor, GstElement* appsrc, EventHandler handler);

  // Connects the appsrc callbacks. Call once, before the pipeline plays.
  void attach();
  // No item starts before this much stream time has passed since the
  // first buffer: silence goes out meanwhile (an ALSA output's start-up,
  // see LoudspeakerProgram::kAlsaStartupSilence). Call before the pipeline plays.
  void setStartupSilence(std::chrono::nanoseconds silence) { startup_silence_ = silence; }
  // Whether silence buffers carry the GAP flag (the default: encoders and
  // sinks may skip them). An ALSA output needs real samples: alsasink loses
  // the first ~200 ms of real samples after a stretch of GAP buffers.
  void setSilenceIsGap(bool gap) { silence_is_gap_ = gap; }

  // Queues a decoder after the others; with `start_at`, its first sample
  // goes out at that wall-clock instant (or at once when it is past, or
  // when the decoder before it ends later than that).
  void enqueue(std::shared_ptr<ItemDecoder> decoder, std::optional<WallTime> start_at = std::nullopt);
  // Held: push silence and keep the current item's position (takeover).
  void hold(bool held);
  // Ends the stream after what was already pushed (drain at stop).
  void endOfStream();
  // Decoders waiting behind the current one.
  std::size_t waiting() const;
  bool playing() const;

 private:
  static void needData(GstElement* appsrc, guint length, gpointer self);
  void onNeedData();  // streaming thread
  struct Queued {
    std::shared_ptr<ItemDecoder> decoder;
    std::optional<WallTime> start_at;
    std::optional<std::chrono::nanoseconds> start_pts;  // start_at mapped to running time
  };
  BufferHandle nextProgramBuffer(std::unique_lock<std::mutex>& lock);
  std::uint64_t framesBeforeScheduledStart();
  void post(FeederEvent event);
  std::chrono::nanoseconds nextPts() const;

  boost::asio::any_io_executor executor_;
  GstElement* appsrc_;
  EventHandler handler_;

  mutable std::mutex mutex_;
  std::deque<Queued> queue_;
  std::shared_ptr<ItemDecoder> current_;
  bool current_started_ = false;
  // Running time at which the current item's length is over (ProgramItem::length).
  std::optional<std::chrono::nanoseconds> current_end_;
  bool held_ = false;
  bool ended_ = false;
  bool idle_reported_ = true;  // kIdle only after something was queued
  bool base_set_ = false;
  std::chrono::nanoseconds base_pts_{0};
  std::uint64_t frames_pushed_ = 0;
  std::chrono::nanoseconds startup_silence_{0};
  bool silence_is_gap_ = true;
};

}  // namespace wardcast::media
