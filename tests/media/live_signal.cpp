#include "tests/media/live_signal.hpp"

#include <gst/app/gstappsrc.h>

#include <catch2/catch.hpp>

#include <cmath>

namespace wardcast::test {

LiveSignal LiveSignal::tone(double frequency, double amplitude) {
  return LiveSignal([frequency, amplitude](std::uint64_t frame) {
    return float(amplitude * std::sin(2 * M_PI * frequency * double(frame) / 48000.0));
  });
}

LiveSignal LiveSignal::constant(float value) {
  return LiveSignal([value](std::uint64_t) { return value; });
}

void LiveSignal::needData(GstElement* src, guint, gpointer data) {
  auto* self = static_cast<LiveSignal*>(data);
  if (self->base_ == GST_CLOCK_TIME_NONE) {
    media::ClockHandle clock = media::ClockHandle::adopt(gst_element_get_clock(src));
    self->base_ = clock ? gst_clock_get_time(clock.get()) - gst_element_get_base_time(src) : 0;
  }
  constexpr int kFrames = 480;  // 10 ms
  GstBuffer* buffer = gst_buffer_new_allocate(nullptr, kFrames * 2 * sizeof(float), nullptr);
  GstMapInfo map;
  gst_buffer_map(buffer, &map, GST_MAP_WRITE);
  auto* samples = reinterpret_cast<float*>(map.data);
  for (int i = 0; i < kFrames; ++i) {
    float v = self->sample_(self->frames_ + std::uint64_t(i));
    samples[2 * i] = v;
    samples[2 * i + 1] = v;
  }
  gst_buffer_unmap(buffer, &map);
  GST_BUFFER_PTS(buffer) = self->base_ + self->frames_ * GST_SECOND / 48000;
  GST_BUFFER_DURATION(buffer) = kFrames * GST_SECOND / 48000;
  self->frames_ += kFrames;
  gst_app_src_push_buffer(GST_APP_SRC(src), buffer);
}

media::ElementHandle LiveSignal::makeSource() {
  auto src = media::makeElement("appsrc", "live-signal");
  REQUIRE(src.ok());
  g_object_set(src->get(), "is-live", TRUE, "format", GST_FORMAT_TIME, nullptr);
  media::CapsHandle caps = media::CapsHandle::adopt(
      gst_caps_from_string("audio/x-raw,format=F32LE,rate=48000,channels=2,layout=interleaved"));
  g_object_set(src->get(), "caps", caps.get(), nullptr);
  g_signal_connect(src->get(), "need-data", G_CALLBACK(&LiveSignal::needData), this);
  return std::move(*src);
}

}  // namespace wardcast::test
