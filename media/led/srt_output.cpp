#include "media/led/srt_output.hpp"

#include <gst/app/gstappsink.h>
#include <gst/app/gstappsrc.h>

#include <spdlog/spdlog.h>
#include <boost/asio/post.hpp>

#include <mutex>

namespace wardcast::media::led {

struct SrtOutput::Shared {
  std::mutex mutex;
  ElementHandle appsrc;  // the running sender's; empty between attempts
  CapsHandle caps;
};

namespace {

using SharedPtr = std::shared_ptr<SrtOutput::Shared>;

void freeShared(gpointer data) {
  delete static_cast<SharedPtr*>(data);
}

// Program streaming thread.
GstFlowReturn onNewSample(GstAppSink* sink, gpointer data) {
  auto& shared = **static_cast<SharedPtr*>(data);
  SampleHandle sample = SampleHandle::adopt(gst_app_sink_pull_sample(sink));
  if (!sample) return GST_FLOW_OK;
  GstCaps* caps = gst_sample_get_caps(sample.get());
  GstBuffer* buffer = gst_sample_get_buffer(sample.get());
  std::lock_guard lock(shared.mutex);
  if (caps && (!shared.caps || !gst_caps_is_equal(caps, shared.caps.get()))) {
    shared.caps = CapsHandle::ref(caps);
    if (shared.appsrc) g_object_set(shared.appsrc.get(), "caps", caps, nullptr);
  }
  if (!shared.appsrc || !buffer) return GST_FLOW_OK;
  GstBuffer* copy = gst_buffer_copy(buffer);  // shallow; the sender stamps times
  GST_BUFFER_PTS(copy) = GST_CLOCK_TIME_NONE;
  GST_BUFFER_DTS(copy) = GST_CLOCK_TIME_NONE;
  gst_app_src_push_buffer(GST_APP_SRC(shared.appsrc.get()), copy);
  return GST_FLOW_OK;
}

}  // namespace

SrtOutput::SrtOutput(boost::asio::any_io_executor executor, std::string channel_id,
                     LaunchPlan::SrtTarget target)
    : executor_(executor),
      channel_id_(std::move(channel_id)),
      target_(std::move(target)),
      shared_(std::make_shared<Shared>()),
      timer_(executor),
      anchor_(std::make_shared<Anchor>(Anchor{this})) {}

SrtOutput::~SrtOutput() {
  stop();
  anchor_.reset();
}

void SrtOutput::attachTap(GstElement* appsink) {
  g_object_set(appsink, "sync", FALSE, "async", FALSE, "enable-last-sample", FALSE, "max-buffers",
               64u, "drop", TRUE, nullptr);
  GstAppSinkCallbacks callbacks{};
  callbacks.new_sample = onNewSample;
  gst_app_sink_set_callbacks(GST_APP_SINK(appsink), &callbacks, new SharedPtr(shared_), freeShared);
}

void SrtOutput::start() {
  running_ = true;
  if (auto ok = build(); !ok) {
    spdlog::warn("LED {}: SRT output {}: {}", channel_id_, target_.label, ok.error().message);
    restartLater();
  }
}

void SrtOutput::stop() {
  running_ = false;
  timer_.cancel();
  {
    std::lock_guard lock(shared_->mutex);
    shared_->appsrc.reset();
  }
  sender_.reset();
}

Status SrtOutput::build() {
  auto made =
      Pipeline::fromDescription(executor_, "led-" + channel_id_ + "-srt", srtSenderLaunch());
  if (!made) return made.error();
  for (const auto& property : target_.sink_properties) {
    ElementHandle element = (*made)->element(property.element);
    if (element) {
      gst_util_set_object_arg(G_OBJECT(element.get()), property.name.c_str(),
                              property.value.c_str());
    }
  }
  (*made)->setEventHandler([this](const PipelineEvent& event) { onEvent(event); });
  ElementHandle appsrc = (*made)->element("src");
  if (auto ok = (*made)->play(); !ok) return ok;
  sender_ = std::move(*made);
  std::lock_guard lock(shared_->mutex);
  if (shared_->caps) g_object_set(appsrc.get(), "caps", shared_->caps.get(), nullptr);
  shared_->appsrc = std::move(appsrc);
  return okStatus();
}

void SrtOutput::onEvent(const PipelineEvent& event) {
  if (const auto* changed = std::get_if<StateChangedEvent>(&event)) {
    if (changed->to == PipelineState::kPlaying) backoff_ = kFirstBackoff;
    return;
  }
  const auto* error = std::get_if<ErrorEvent>(&event);
  if (!error) return;
  spdlog::warn("LED {}: SRT output {} failed ({}: {}); retrying in {} ms", channel_id_,
               target_.label, error->element, error->message, backoff_.count());
  {
    std::lock_guard lock(shared_->mutex);
    shared_->appsrc.reset();
  }
  // Destroy the failed sender after its handler has returned.
  boost::asio::post(executor_, [anchor = std::weak_ptr<Anchor>(anchor_)] {
    auto alive = anchor.lock();
    if (!alive) return;
    alive->self->sender_.reset();
    alive->self->restartLater();
  });
}

void SrtOutput::restartLater() {
  if (!running_) return;
  timer_.expires_after(backoff_);
  backoff_ = std::min(backoff_ * 2, kMaxBackoff);
  timer_.async_wait([anchor = std::weak_ptr<Anchor>(anchor_)](const boost::system::error_code& ec) {
    if (ec) return;
    auto alive = anchor.lock();
    if (!alive || !alive->self->running_) return;
    ++alive->self->restarts_;
    alive->self->start();
  });
}

}  // namespace wardcast::media::led
