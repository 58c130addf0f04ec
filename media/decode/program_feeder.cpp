#include "media/decode/program_feeder.hpp"

#include <gst/app/gstappsrc.h>

#include <boost/asio/post.hpp>

#include <algorithm>

#include "media/audio_format.hpp"

namespace wardcast::media {
namespace {

constexpr std::uint64_t kSilenceFrames = kProgramRate / 100;  // 10 ms
constexpr std::chrono::milliseconds kStartLead{20};   // first stamp ahead of the clock
constexpr std::chrono::milliseconds kPullWait{10};    // a decoder that is late gets this long

// Blocks the calling (streaming) thread until the element's running time
// reaches `target`. Returns at once when there is no clock yet.
void waitForRunningTime(GstElement* element, std::chrono::nanoseconds target) {
  ClockHandle clock = ClockHandle::adopt(gst_element_get_clock(element));
  if (!clock) return;
  GstClockTime at = gst_element_get_base_time(element) + GstClockTime(target.count());
  GstClockID id = gst_clock_new_single_shot_id(clock.get(), at);
  gst_clock_id_wait(id, nullptr);
  gst_clock_id_unref(id);
}

BufferHandle silence(std::uint64_t frames) {
  BufferHandle buffer = BufferHandle::adopt(gst_buffer_new_allocate(nullptr, frames * kProgramBytesPerFrame, nullptr));
  gst_buffer_memset(buffer.get(), 0, 0, frames * kProgramBytesPerFrame);
  GST_BUFFER_FLAG_SET(buffer.get(), GST_BUFFER_FLAG_GAP);
  return buffer;
}

// The part of `buffer` that lasts at most `left` (at least one frame).
BufferHandle cutAt(BufferHandle buffer, std::chrono::nanoseconds left) {
  std::uint64_t frames = gst_buffer_get_size(buffer.get()) / kProgramBytesPerFrame;
  std::uint64_t allowed = (std::uint64_t(std::max<std::int64_t>(left.count(), 1)) * kProgramRate + 999'999'999ull) /
                          1'000'000'000ull;
  if (allowed >= frames) return buffer;
  return BufferHandle::adopt(
      gst_buffer_copy_region(buffer.get(), GST_BUFFER_COPY_ALL, 0, allowed * kProgramBytesPerFrame));
}

std::chrono::nanoseconds clockRunningTime(GstElement* element) {
  ClockHandle clock = ClockHandle::adopt(gst_element_get_clock(element));
  if (!clock) return std::chrono::nanoseconds(0);
  GstClockTime now = gst_clock_get_time(clock.get());
  GstClockTime base = gst_element_get_base_time(element);
  return std::chrono::nanoseconds(now > base ? now - base : 0);
}

}  // namespace

ProgramFeeder::ProgramFeeder(boost::asio::any_io_executor executor, GstElement* appsrc,
                             EventHandler handler)
    : executor_(std::move(executor)), appsrc_(appsrc), handler_(std::move(handler)) {}

void ProgramFeeder::attach() {
  // The signal holds a plain pointer: the program stops the pipeline (joining
  // the streaming thread) before it drops the feeder.
  g_signal_connect(appsrc_, "need-data", G_CALLBACK(&ProgramFeeder::needData), this);
}

void ProgramFeeder::needData(GstElement*, guint, gpointer self) {
  static_cast<ProgramFeeder*>(self)->onNeedData();
}

void ProgramFeeder::enqueue(std::shared_ptr<ItemDecoder> decoder, std::optional<WallTime> start_at) {
  std::lock_guard lock(mutex_);
  queue_.push_back(Queued{std::move(decoder), start_at, std::nullopt});
  idle_reported_ = false;
}

void ProgramFeeder::hold(bool held) {
  std::lock_guard lock(mutex_);
  held_ = held;
}

void ProgramFeeder::endOfStream() {
  {
    std::lock_guard lock(mutex_);
    if (ended_) return;
    ended_ = true;
  }
  gst_app_src_end_of_stream(GST_APP_SRC(appsrc_));
}

std::size_t ProgramFeeder::waiting() const {
  std::lock_guard lock(mutex_);
  return queue_.size();
}

bool ProgramFeeder::playing() const {
  std::lock_guard lock(mutex_);
  return current_ != nullptr;
}

std::chrono::nanoseconds ProgramFeeder::nextPts() const {
  return base_pts_ + std::chrono::nanoseconds(frames_pushed_ * 1'000'000'000ull / kProgramRate);
}

void ProgramFeeder::post(FeederEvent event) {
  boost::asio::post(executor_, [weak = weak_from_this(), event = std::move(event)]() {
    if (auto self = weak.lock(); self && self->handler_) self->handler_(event);
  });
}

// Streaming thread, with `lock` held on entry and exit (released while a
// decoder is pulled). Returns an empty handle when there is nothing to play.
BufferHandle ProgramFeeder::nextProgramBuffer(std::unique_lock<std::mutex>& lock) {
  while (!held_) {
    if (!current_) {
      if (queue_.empty()) {
        if (!idle_reported_) post(FeederEvent{FeederEvent::Kind::kIdle, nullptr, nextPts()});
        idle_reported_ = true;
        return {};
      }
      if (framesBeforeScheduledStart() > 0) return {};  // the next item waits for its time
      current_ = std::move(queue_.front().decoder);
      queue_.pop_front();
      current_started_ = false;
      current_end_.reset();
      if (auto length = current_->item().length) current_end_ = nextPts() + *length;
    }
    if (current_end_ && nextPts() >= *current_end_) {
      // Its length is over (a relay's span ended); one that never delivered
      // a sample failed.
      post(FeederEvent{current_started_ ? FeederEvent::Kind::kEnded : FeederEvent::Kind::kFailed,
                       std::move(current_), nextPts()});
      current_.reset();
      continue;
    }
    auto decoder = current_;
    BufferHandle buffer;
    lock.unlock();
    auto result = decoder->pull(buffer, kPullWait);
    lock.lock();
    if (result == ItemDecoder::PullResult::kBuffer) {
      if (!current_started_) post(FeederEvent{FeederEvent::Kind::kStarted, decoder, nextPts()});
      current_started_ = true;
      if (current_end_) buffer = cutAt(std::move(buffer), *current_end_ - nextPts());
      return buffer;
    }
    if (result == ItemDecoder::PullResult::kNotReady) return {};
    bool failed = result == ItemDecoder::PullResult::kFailed;
    // The decoder's last reference travels to the executor with the event.
    post(FeederEvent{failed ? FeederEvent::Kind::kFailed : FeederEvent::Kind::kEnded,
                     std::move(current_), nextPts()});
    current_.reset();
  }
  return {};
}

// Streaming thread, lock held. Frames of silence still to push before the
// next queued decoder's scheduled start; 0 when it may start now (or when
// something else decides: an item playing, a hold, nothing scheduled).
std::uint64_t ProgramFeeder::framesBeforeScheduledStart() {
  if (held_ || current_ || queue_.empty() || !queue_.front().start_at) return 0;
  Queued& next = queue_.front();
  if (!next.start_pts) {
    // Read the two clocks together: the mapping is good to microseconds.
    auto running = clockRunningTime(appsrc_);
    auto wall = std::chrono::system_clock::now();
    // Sound leaves the outputs about kMaxLead before its running time (the
    // sinks do not wait on the clock): stamp it that much later.
    next.start_pts = running + std::chrono::duration_cast<std::chrono::nanoseconds>(*next.start_at - wall) +
                     ProgramFeeder::kMaxLead;
  }
  auto until = *next.start_pts - nextPts();
  if (until.count() <= 0) return 0;
  // Round up: the first sample is stamped at or just after the instant.
  return (std::uint64_t(until.count()) * std::uint64_t(kProgramRate) + 999'999'999ull) / 1'000'000'000ull;
}

void ProgramFeeder::onNeedData() {
  std::unique_lock lock(mutex_);
  if (ended_) return;
  if (!base_set_) {
    base_pts_ = clockRunningTime(appsrc_) + kStartLead;
    base_set_ = true;
  }
  // Real-time pacing: a live mixer does not wait when every pad has data,
  // so the feeder keeps at most ProgramFeeder::kMaxLead ahead of the clock.
  if (auto ahead = nextPts() - clockRunningTime(appsrc_); ahead > ProgramFeeder::kMaxLead) {
    auto target = nextPts() - ProgramFeeder::kMaxLead;
    lock.unlock();
    waitForRunningTime(appsrc_, target);
    lock.lock();
    if (ended_) return;
  }
  BufferHandle buffer;
  bool starting_up = nextPts() < base_pts_ + startup_silence_;
  if (!starting_up && framesBeforeScheduledStart() == 0) buffer = nextProgramBuffer(lock);
  if (!buffer) {
    // Silence, cut short so that a scheduled item starts on its sample.
    std::uint64_t before_start = starting_up ? 0 : framesBeforeScheduledStart();
    buffer = silence(before_start ? std::min(before_start, kSilenceFrames) : kSilenceFrames);
    if (!silence_is_gap_) GST_BUFFER_FLAG_UNSET(buffer.get(), GST_BUFFER_FLAG_GAP);
  }
  else buffer = BufferHandle::adopt(gst_buffer_make_writable(buffer.release()));
  std::uint64_t frames = gst_buffer_get_size(buffer.get()) / kProgramBytesPerFrame;
  GST_BUFFER_PTS(buffer.get()) = GstClockTime(nextPts().count());
  GST_BUFFER_DTS(buffer.get()) = GST_CLOCK_TIME_NONE;
  GST_BUFFER_DURATION(buffer.get()) = frames * GST_SECOND / kProgramRate;
  GST_BUFFER_FLAG_UNSET(buffer.get(), GST_BUFFER_FLAG_DISCONT);
  frames_pushed_ += frames;
  lock.unlock();
  gst_app_src_push_buffer(GST_APP_SRC(appsrc_), buffer.release());
}

}  // namespace wardcast::media
