#include "media/led/rtsp_feed.hpp"

#include <gst/app/gstappsink.h>
#include <gst/app/gstappsrc.h>
#include <gst/video/video.h>

#include <mutex>

#include "media/gst_handles.hpp"

namespace wardcast::media::led {

struct RtspFeed::State {
  std::mutex mutex;
  ElementHandle appsrc;    // the current media's appsrc; empty when none
  ElementHandle tap;       // the program's appsink
  CapsHandle caps;         // of the last sample, for new appsrcs
  bool need_key_frame = true;
  std::uint64_t forwarded = 0;
};

namespace {

constexpr const char* kLaunch =
    "( appsrc name=wardcast_feed is-live=true format=time do-timestamp=true "
    "block=false max-buffers=100 leaky-type=downstream "
    "! rtph264pay name=pay0 pt=96 config-interval=-1 )";

using StatePtr = std::shared_ptr<RtspFeed::State>;

void freeStatePtr(gpointer data, GClosure* /*closure*/) { delete static_cast<StatePtr*>(data); }
void freeStatePtrPlain(gpointer data) { delete static_cast<StatePtr*>(data); }

void onUnprepared(GstRTSPMedia* /*media*/, gpointer data) {
  auto& state = **static_cast<StatePtr*>(data);
  std::lock_guard lock(state.mutex);
  state.appsrc.reset();
}

void onMediaConfigure(GstRTSPMediaFactory* /*factory*/, GstRTSPMedia* media, gpointer data) {
  const StatePtr& state = *static_cast<StatePtr*>(data);
  ElementHandle bin = ElementHandle::adopt(gst_rtsp_media_get_element(media));
  ElementHandle appsrc =
      ElementHandle::adopt(gst_bin_get_by_name_recurse_up(GST_BIN(bin.get()), "wardcast_feed"));
  if (!appsrc) return;
  g_signal_connect_data(media, "unprepared", G_CALLBACK(onUnprepared), new StatePtr(state),
                        freeStatePtr, GConnectFlags{});
  ElementHandle tap;
  {
    std::lock_guard lock(state->mutex);
    if (state->caps) g_object_set(appsrc.get(), "caps", state->caps.get(), nullptr);
    state->appsrc = std::move(appsrc);
    state->need_key_frame = true;
    tap = state->tap;
  }
  // A new viewer should not wait a whole GOP: ask the encoder for a key unit.
  if (tap) {
    gst_element_send_event(
        tap.get(), gst_video_event_new_upstream_force_key_unit(GST_CLOCK_TIME_NONE, TRUE, 0));
  }
}

// Streaming thread of the program pipeline.
GstFlowReturn onNewSample(GstAppSink* sink, gpointer data) {
  auto& state = **static_cast<StatePtr*>(data);
  SampleHandle sample = SampleHandle::adopt(gst_app_sink_pull_sample(sink));
  if (!sample) return GST_FLOW_OK;
  GstBuffer* buffer = gst_sample_get_buffer(sample.get());
  GstCaps* caps = gst_sample_get_caps(sample.get());
  std::lock_guard lock(state.mutex);
  if (caps && (!state.caps || !gst_caps_is_equal(caps, state.caps.get()))) {
    state.caps = CapsHandle::ref(caps);
    if (state.appsrc) g_object_set(state.appsrc.get(), "caps", caps, nullptr);
  }
  if (!state.appsrc || !buffer) return GST_FLOW_OK;
  const bool key = !GST_BUFFER_FLAG_IS_SET(buffer, GST_BUFFER_FLAG_DELTA_UNIT);
  if (state.need_key_frame && !key) return GST_FLOW_OK;
  state.need_key_frame = false;
  // Shallow copy (memory shared); the media pipeline stamps its own times.
  GstBuffer* copy = gst_buffer_copy(buffer);
  GST_BUFFER_PTS(copy) = GST_CLOCK_TIME_NONE;
  GST_BUFFER_DTS(copy) = GST_CLOCK_TIME_NONE;
  gst_app_src_push_buffer(GST_APP_SRC(state.appsrc.get()), copy);
  ++state.forwarded;
  return GST_FLOW_OK;
}

}  // namespace

RtspFeed::RtspFeed()
    : factory_(gst_rtsp_media_factory_new()), state_(std::make_shared<State>()) {
  gst_rtsp_media_factory_set_launch(factory_, kLaunch);
  gst_rtsp_media_factory_set_shared(factory_, TRUE);
  g_signal_connect_data(factory_, "media-configure", G_CALLBACK(onMediaConfigure),
                        new StatePtr(state_), freeStatePtr, GConnectFlags{});
}

RtspFeed::~RtspFeed() {
  {
    std::lock_guard lock(state_->mutex);
    state_->appsrc.reset();
    state_->tap.reset();
  }
  g_object_unref(factory_);
}

void RtspFeed::attachTap(GstElement* appsink) {
  {
    std::lock_guard lock(state_->mutex);
    state_->tap = ElementHandle::ref(appsink);
  }
  g_object_set(appsink, "sync", FALSE, "async", FALSE, "enable-last-sample", FALSE, "max-buffers",
               8u, "drop", TRUE, nullptr);
  GstAppSinkCallbacks callbacks{};
  callbacks.new_sample = onNewSample;
  gst_app_sink_set_callbacks(GST_APP_SINK(appsink), &callbacks, new StatePtr(state_),
                             freeStatePtrPlain);
}

std::uint64_t RtspFeed::forwardedBuffers() const {
  std::lock_guard lock(state_->mutex);
  return state_->forwarded;
}

}  // namespace wardcast::media::led
