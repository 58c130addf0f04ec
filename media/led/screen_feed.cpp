#include "media/led/screen_feed.hpp"

#include <gst/app/gstappsink.h>
#include <gst/app/gstappsrc.h>

namespace wardcast::media::led {
namespace {

void freeAppsrc(gpointer data) {
  delete static_cast<ElementHandle*>(data);
}

// An item's streaming thread.
GstFlowReturn onNewSample(GstAppSink* sink, gpointer data) {
  const auto& appsrc = *static_cast<ElementHandle*>(data);
  SampleHandle sample = SampleHandle::adopt(gst_app_sink_pull_sample(sink));
  if (!sample) return GST_FLOW_OK;
  GstBuffer* buffer = gst_sample_get_buffer(sample.get());
  if (!buffer) return GST_FLOW_OK;
  GstBuffer* copy = gst_buffer_copy(buffer);  // shallow: the memory is shared
  GST_BUFFER_PTS(copy) = GST_CLOCK_TIME_NONE;
  GST_BUFFER_DTS(copy) = GST_CLOCK_TIME_NONE;
  GST_BUFFER_DURATION(copy) = GST_CLOCK_TIME_NONE;
  // A stopped program refuses the buffer (flushing); the item does not care.
  gst_app_src_push_buffer(GST_APP_SRC(appsrc.get()), copy);
  return GST_FLOW_OK;
}

}  // namespace

ScreenFeed::ScreenFeed(ElementHandle video, ElementHandle audio)
    : video_(std::move(video)), audio_(std::move(audio)) {}

void ScreenFeed::connectVideo(GstElement* appsink) const {
  connect(appsink, video_);
}

void ScreenFeed::connectAudio(GstElement* appsink) const {
  connect(appsink, audio_);
}

void ScreenFeed::connect(GstElement* appsink, const ElementHandle& appsrc) {
  if (!appsink || !appsrc) return;
  g_object_set(appsink, "sync", TRUE, "enable-last-sample", FALSE, "max-buffers", 4u, nullptr);
  GstAppSinkCallbacks callbacks{};
  callbacks.new_sample = onNewSample;
  gst_app_sink_set_callbacks(GST_APP_SINK(appsink), &callbacks, new ElementHandle(appsrc),
                             freeAppsrc);
}

}  // namespace wardcast::media::led
