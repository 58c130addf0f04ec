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
// the pipeline clock so that it is never more than 40 ms ahead. When nothing is queued, or while
// held (a live source has taken over), the feeder pushes silence (GAP
// buffers) and the held item's position does not advance.
#include <boost/asio/any_io_executor.hpp>

#include <chrono>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>

#include "media/gst_handles.hpp"
#include "media/item_decoder.hpp"

namespace wardcast::media {

struct FeederEvent {
  enum class Kind { kStarted = 1, kEnded, kFailed, kIdle };
  Kind kind = Kind::kStarted;
  std::shared_ptr<ItemDecoder> decoder;  // empty for kIdle
  std::chrono::nanoseconds running_time{0};  // stamp of the item's first/last sample
};

class ProgramFeeder : public std::enable_shared_from_this<ProgramFeeder> {
 public:
  using EventHandler = std::function<void(const FeederEvent&)>;

  // `appsrc` is borrowed from the program's pipeline, which outlives the
  // feeder's use of it (the program stops the pipeline before dropping us).
  ProgramFeeder(boost::asio::any_io_executor executor, GstElement* appsrc, EventHandler handler);

  // Connects the appsrc callbacks. Call once, before the pipeline plays.
  void attach();

  void enqueue(std::shared_ptr<ItemDecoder> decoder);
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
  BufferHandle nextProgramBuffer(std::unique_lock<std::mutex>& lock);
  void post(FeederEvent event);
  std::chrono::nanoseconds nextPts() const;

  boost::asio::any_io_executor executor_;
  GstElement* appsrc_;
  EventHandler handler_;

  mutable std::mutex mutex_;
  std::deque<std::shared_ptr<ItemDecoder>> queue_;
  std::shared_ptr<ItemDecoder> current_;
  bool current_started_ = false;
  bool held_ = false;
  bool ended_ = false;
  bool idle_reported_ = true;  // kIdle only after something was queued
  bool base_set_ = false;
  std::chrono::nanoseconds base_pts_{0};
  std::uint64_t frames_pushed_ = 0;
};

}  // namespace wardcast::media
