#include "media/led/rtsp_feed.hpp"

#include <gst/app/gstappsink.h>
#include <gst/app/gstappsrc.h>
#include <gst/video/video.h>

#include <mutex>
#include <string>

#include "media/gst/gst_handles.hpp"

namespace wardcast::media::led {

struct RtspFeed::State {
  struct Stream {
    ElementHandle appsrc;         // the current media's appsrc; empty when none
    ElementHandle tap;            // the program's appsink
    CapsHandle caps;              // of the last sample, for new appsrcs
    bool need_key_frame = true;   // video only: forward from a key frame
    bool key_unit_asked = false;  // video only: asked the encoder for that key frame
  };
  std::mutex mutex;
  Stream video;
  Stream audio;
  std::uint64_t forwarded = 0;
};

namespace {

constexpr const char* kVideoLaunch =
    "appsrc name=wardcast_video is-live=true format=time do-timestamp=true "
    "block=false max-buffers=100 leaky-type=downstream "
    "! rtph264pay name=pay0 pt=96 config-interval=-1";
constexpr const char* kAudioLaunch =
    "appsrc name=wardcast_audio is-live=true format=time do-timestamp=true "
    "block=false max-buffers=200 leaky-type=downstream "
    "! rtpmp4gpay name=pay1 pt=97";

using StatePtr = std::shared_ptr<RtspFeed::State>;

// Buffers an RTSP media may hold unconsumed before the feed stops filling it
// (about 0.1 s of video, 0.2 s of AAC).
constexpr guint64 kMaxQueued = 3;

// What an appsink callback needs: the shared state and which stream it is.
struct TapContext {
  StatePtr state;
  bool video = true;
};
void freeTapContext(gpointer data) {
  delete static_cast<TapContext*>(data);
}

ElementHandle childByName(GstElement* bin, const char* name) {
  return ElementHandle::adopt(gst_bin_get_by_name_recurse_up(GST_BIN(bin), name));
}

void attachAppsrc(RtspFeed::State::Stream& stream, ElementHandle appsrc) {
  if (appsrc && stream.caps) g_object_set(appsrc.get(), "caps", stream.caps.get(), nullptr);
  stream.appsrc = std::move(appsrc);
  stream.need_key_frame = true;
  stream.key_unit_asked = false;
}

// Asks the encoder for a key unit (SPS, PPS and an IDR frame), through the
// tap. Any thread; call without the state's mutex.
void askKeyUnit(const ElementHandle& tap) {
  if (!tap) return;
  gst_element_send_event(tap.get(),
                         gst_video_event_new_upstream_force_key_unit(GST_CLOCK_TIME_NONE, TRUE, 0));
}

void freeStatePtr(gpointer data, GClosure* /*closure*/) {
  delete static_cast<StatePtr*>(data);
}

void onUnprepared(GstRTSPMedia* /*media*/, gpointer data) {
  auto& state = **static_cast<StatePtr*>(data);
  std::lock_guard lock(state.mutex);
  state.video.appsrc.reset();
  state.audio.appsrc.reset();
}

void onMediaConfigure(GstRTSPMediaFactory* /*factory*/, GstRTSPMedia* media, gpointer data) {
  const StatePtr& state = *static_cast<StatePtr*>(data);
  ElementHandle bin = ElementHandle::adopt(gst_rtsp_media_get_element(media));
  ElementHandle video = childByName(bin.get(), "wardcast_video");
  ElementHandle audio = childByName(bin.get(), "wardcast_audio");
  if (!video) return;
  g_signal_connect_data(media, "unprepared", G_CALLBACK(onUnprepared), new StatePtr(state),
                        freeStatePtr, GConnectFlags{});
  ElementHandle tap;
  {
    std::lock_guard lock(state->mutex);
    attachAppsrc(state->video, std::move(video));
    attachAppsrc(state->audio, std::move(audio));
    state->video.key_unit_asked = true;
    tap = state->video.tap;
  }
  // A new viewer should not wait a whole GOP: ask the encoder for a key unit.
  askKeyUnit(tap);
}

// Streaming thread of the program pipeline.
GstFlowReturn onNewSample(GstAppSink* sink, gpointer data) {
  const auto& context = *static_cast<TapContext*>(data);
  auto& state = *context.state;
  SampleHandle sample = SampleHandle::adopt(gst_app_sink_pull_sample(sink));
  if (!sample) return GST_FLOW_OK;
  GstBuffer* buffer = gst_sample_get_buffer(sample.get());
  GstCaps* caps = gst_sample_get_caps(sample.get());
  std::unique_lock lock(state.mutex);
  auto& stream = context.video ? state.video : state.audio;
  if (caps && (!stream.caps || !gst_caps_is_equal(caps, stream.caps.get()))) {
    stream.caps = CapsHandle::ref(caps);
    if (stream.appsrc) g_object_set(stream.appsrc.get(), "caps", caps, nullptr);
  }
  if (!stream.appsrc || !buffer) return GST_FLOW_OK;
  // A media that does not consume (paused between DESCRIBE and PLAY, or
  // stalled) must not collect stale frames: the appsrc stamps them when they
  // leave, so a backlog would go out as a burst with one timestamp. Stop
  // feeding it, and restart video from a key frame once it drains.
  guint64 queued = 0;
  g_object_get(stream.appsrc.get(), "current-level-buffers", &queued, nullptr);
  if (queued >= kMaxQueued) {
    if (context.video) {
      stream.need_key_frame = true;
      // The key frame asked for is lost too: ask again once it drains.
      if (!GST_BUFFER_FLAG_IS_SET(buffer, GST_BUFFER_FLAG_DELTA_UNIT)) {
        stream.key_unit_asked = false;
      }
    }
    return GST_FLOW_OK;
  }
  if (context.video) {
    const bool key = !GST_BUFFER_FLAG_IS_SET(buffer, GST_BUFFER_FLAG_DELTA_UNIT);
    if (stream.need_key_frame && !key) {
      // The media consumes again after frames were dropped (the backlog of
      // a media paused before PLAY, or a stall on a loaded machine): ask for
      // a key frame now rather than wait up to a GOP (2 s) for the next
      // one. Once per restart, so a stall costs at most one extra IDR.
      if (stream.key_unit_asked) return GST_FLOW_OK;
      stream.key_unit_asked = true;
      ElementHandle tap = stream.tap;
      lock.unlock();
      askKeyUnit(tap);
      return GST_FLOW_OK;
    }
    stream.need_key_frame = false;
    stream.key_unit_asked = false;
  }
  // Shallow copy (memory shared); the media pipeline stamps its own times
  // (do-timestamp) in its running time, for both streams alike.
  GstBuffer* copy = gst_buffer_copy(buffer);
  GST_BUFFER_PTS(copy) = GST_CLOCK_TIME_NONE;
  GST_BUFFER_DTS(copy) = GST_CLOCK_TIME_NONE;
  if (gst_app_src_push_buffer(GST_APP_SRC(stream.appsrc.get()), copy) != GST_FLOW_OK) {
    // The media is not running yet (or any more): the buffer was dropped. If
    // it was the key frame a viewer starts from, wait for the next one.
    if (context.video) stream.need_key_frame = true;
    return GST_FLOW_OK;
  }
  ++state.forwarded;
  return GST_FLOW_OK;
}

void configureTap(GstElement* appsink, const StatePtr& state, bool video) {
  g_object_set(appsink, "sync", FALSE, "async", FALSE, "enable-last-sample", FALSE, "max-buffers",
               8u, "drop", TRUE, nullptr);
  GstAppSinkCallbacks callbacks{};
  callbacks.new_sample = onNewSample;
  gst_app_sink_set_callbacks(GST_APP_SINK(appsink), &callbacks, new TapContext{state, video},
                             freeTapContext);
}

}  // namespace

RtspFeed::RtspFeed(StreamSet streams)
    : factory_(gst_rtsp_media_factory_new()), state_(std::make_shared<State>()) {
  std::string launch = std::string("( ") + kVideoLaunch;
  if (streams == StreamSet::kVideoAndAudio) launch += std::string(" ") + kAudioLaunch;
  launch += " )";
  gst_rtsp_media_factory_set_launch(factory_, launch.c_str());
  gst_rtsp_media_factory_set_shared(factory_, TRUE);
  g_signal_connect_data(factory_, "media-configure", G_CALLBACK(onMediaConfigure),
                        new StatePtr(state_), freeStatePtr, GConnectFlags{});
}

RtspFeed::~RtspFeed() {
  {
    std::lock_guard lock(state_->mutex);
    state_->video = {};
    state_->audio = {};
  }
  g_object_unref(factory_);
}

void RtspFeed::attachTaps(GstElement* video_appsink, GstElement* audio_appsink) {
  {
    std::lock_guard lock(state_->mutex);
    state_->video.tap = ElementHandle::ref(video_appsink);
    state_->audio.tap = ElementHandle::ref(audio_appsink);
  }
  configureTap(video_appsink, state_, true);
  if (audio_appsink) configureTap(audio_appsink, state_, false);
}

std::uint64_t RtspFeed::forwardedBuffers() const {
  std::lock_guard lock(state_->mutex);
  return state_->forwarded;
}

}  // namespace wardcast::media::led
