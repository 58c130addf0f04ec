#include "media/icecast/icecast_sender.hpp"

#include <gst/app/gstappsrc.h>

#include <boost/asio/post.hpp>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>

#include "media/audio_format.hpp"
#include "media/icecast/icecast_backoff.hpp"

namespace wardcast::media {
namespace {

using namespace icecast_backoff;
constexpr std::chrono::milliseconds kStableAfter{1000};    // connection counts as up

}  // namespace

IcecastSender::IcecastSender(boost::asio::any_io_executor executor, IcecastOutput output,
                             StatusHandler handler)
    : executor_(executor),
      output_(std::move(output)),
      handler_(std::move(handler)),
      retry_timer_(executor),
      stable_timer_(executor),
      backoff_(kFirstBackoff) {}

IcecastSender::~IcecastSender() { stop(); }

std::string IcecastSender::description() const {
  std::string head = output_.codec == AudioCodec::kMp3
                         ? "appsrc name=src ! "
                         : fmt::format("appsrc name=src ! audioconvert ! opusenc bitrate={} ! "
                                       "oggmux max-delay=500000000 max-page-delay=500000000 ! ",
                                       output_.bitrate_kbps * 1000);
  return head + "shout2send name=shout sync=false async=false timeout=3000";
}

void IcecastSender::start() {
  running_ = true;
  build();
}

void IcecastSender::stop() {
  running_ = false;
  retry_timer_.cancel();
  stable_timer_.cancel();
  {
    std::lock_guard lock(mutex_);
    appsrc_.reset();
  }
  pipeline_.reset();  // state NULL, threads joined
}

void IcecastSender::build() {
  auto pipeline = Pipeline::fromDescription(executor_, "icecast" + output_.mount, description());
  if (!pipeline) {
    scheduleRetry(pipeline.error().message);
    return;
  }
  pipeline_ = std::move(*pipeline);
  ElementHandle shout = pipeline_->element("shout");
  g_object_set(shout.get(), "ip", output_.host.c_str(), "port", output_.port, "username",
               output_.user.c_str(), "password", output_.password.c_str(), "mount",
               output_.mount.c_str(), "public", gboolean(output_.is_public), nullptr);
  if (!output_.stream_name.empty()) g_object_set(shout.get(), "streamname", output_.stream_name.c_str(), nullptr);
  if (!output_.description.empty()) g_object_set(shout.get(), "description", output_.description.c_str(), nullptr);
  if (!output_.genre.empty()) g_object_set(shout.get(), "genre", output_.genre.c_str(), nullptr);
  ElementHandle src = pipeline_->element("src");
  g_object_set(src.get(), "is-live", TRUE, "format", GST_FORMAT_TIME, "do-timestamp", TRUE,
               "max-bytes", guint64(1u << 20), "block", FALSE, nullptr);
  gst_util_set_object_arg(G_OBJECT(src.get()), "leaky-type", "downstream");
  pipeline_->setEventHandler([this](const PipelineEvent& event) { onEvent(event); });
  if (auto status = pipeline_->play(); !status) {
    scheduleRetry(status.error().message);
    return;
  }
  std::lock_guard lock(mutex_);
  appsrc_ = std::move(src);
  caps_set_ = false;
}

void IcecastSender::onEvent(const PipelineEvent& event) {
  if (auto* error = std::get_if<ErrorEvent>(&event)) {
    // Not from inside the pipeline's own handler: scheduleRetry destroys it.
    boost::asio::post(executor_, [weak = weak_from_this(), failed = pipeline_.get(),
                                  why = error->message]() {
      auto self = weak.lock();
      if (self && self->pipeline_.get() == failed) self->scheduleRetry(why);
    });
    return;
  }
  auto* changed = std::get_if<StateChangedEvent>(&event);
  if (!changed || changed->to != PipelineState::kPlaying) return;
  // shout2send connects with the first buffer; an error within a second
  // means the server is not there.
  stable_timer_.expires_after(kStableAfter);
  stable_timer_.async_wait([weak = weak_from_this()](boost::system::error_code ec) {
    auto self = weak.lock();
    if (ec || !self || !self->pipeline_ || self->pipeline_->state() != PipelineState::kPlaying) return;
    if (!self->up_) {
      self->up_ = true;
      if (self->handler_) self->handler_(self->output_, Link::kUp, "connected");
    }
    self->stable_timer_.expires_after(kResetBackoffAfter - kStableAfter);
    self->stable_timer_.async_wait([weak](boost::system::error_code ec2) {
      if (auto again = weak.lock(); !ec2 && again) again->backoff_ = kFirstBackoff;
    });
  });
}

void IcecastSender::scheduleRetry(const std::string& why) {
  {
    std::lock_guard lock(mutex_);
    appsrc_.reset();
  }
  stable_timer_.cancel();
  pipeline_.reset();
  if (up_ || reconnects_ == 0) {
    if (handler_) handler_(output_, Link::kDown, why);
  }
  up_ = false;
  if (!running_) return;
  spdlog::warn("icecast {}: {}; retrying in {} ms", output_.uri, why, backoff_.count());
  retry_timer_.expires_after(backoff_);
  backoff_ = std::min(backoff_ * 2, kMaxBackoff);
  ++reconnects_;
  retry_timer_.async_wait([weak = weak_from_this()](boost::system::error_code ec) {
    if (auto self = weak.lock(); !ec && self && self->running_) self->build();
  });
}

void IcecastSender::push(GstSample* sample) {
  std::lock_guard lock(mutex_);
  if (!appsrc_) return;
  auto* src = GST_APP_SRC(appsrc_.get());
  if (!caps_set_) {
    gst_app_src_set_caps(src, gst_sample_get_caps(sample));
    caps_set_ = true;
  }
  GstBuffer* buffer = gst_buffer_copy(gst_sample_get_buffer(sample));  // metadata only
  GST_BUFFER_PTS(buffer) = GST_CLOCK_TIME_NONE;  // the appsrc stamps its own running time
  GST_BUFFER_DTS(buffer) = GST_CLOCK_TIME_NONE;
  gst_app_src_push_buffer(src, buffer);
}

}  // namespace wardcast::media
