#include "media/gst/pipeline.hpp"

#include <boost/asio/post.hpp>
#include <fmt/format.h>

namespace wardcast::media {

Result<std::unique_ptr<Pipeline>> Pipeline::create(boost::asio::any_io_executor executor,
                                                   const std::string& name) {
  if (auto status = ensureGstreamer(); !status) return status.error();
  ElementHandle pipeline = sinkElement(gst_pipeline_new(name.c_str()));
  if (!pipeline) return makeError(ErrorKind::kInternal, "cannot create pipeline " + name);
  std::unique_ptr<Pipeline> result(new Pipeline(std::move(executor), name, std::move(pipeline)));
  return result;
}

Result<std::unique_ptr<Pipeline>> Pipeline::fromDescription(boost::asio::any_io_executor executor,
                                                            const std::string& name,
                                                            const std::string& description) {
  auto pipeline = create(std::move(executor), name);
  if (!pipeline) return pipeline.error();
  auto parsed = parseLaunch(description);
  if (!parsed) return parsed.error();
  // The description becomes one child bin of our own named pipeline.
  if (auto status = (*pipeline)->add(std::move(*parsed)); !status) return status.error();
  return std::move(*pipeline);
}

Pipeline::Pipeline(boost::asio::any_io_executor executor, std::string name, ElementHandle pipeline)
    : executor_(std::move(executor)),
      name_(std::move(name)),
      pipeline_(std::move(pipeline)),
      anchor_(std::make_shared<Anchor>(Anchor{this})) {
  installBusHandler();
}

Pipeline::~Pipeline() {
  anchor_.reset();  // handlers already posted find us gone
  gst_element_set_state(pipeline_.get(), GST_STATE_NULL);  // joins streaming threads
  BusHandle bus = BusHandle::adopt(gst_pipeline_get_bus(get()));
  gst_bus_set_sync_handler(bus.get(), nullptr, nullptr, nullptr);
}

void Pipeline::installBusHandler() {
  BusHandle bus = BusHandle::adopt(gst_pipeline_get_bus(get()));
  auto* bridge = new BusBridge{executor_, anchor_};
  gst_bus_set_sync_handler(bus.get(), &Pipeline::onSyncMessage, bridge,
                           [](gpointer data) { delete static_cast<BusBridge*>(data); });
}

// Runs on the thread that posted the message (often a streaming thread).
// Forwards the messages we act on to the executor and drops the rest.
GstBusSyncReply Pipeline::onSyncMessage(GstBus*, GstMessage* message, gpointer data) {
  auto* bridge = static_cast<BusBridge*>(data);
  switch (GST_MESSAGE_TYPE(message)) {
    case GST_MESSAGE_STATE_CHANGED: {
      // Only the pipeline's own state matters; element states are noise.
      auto anchor = bridge->anchor.lock();
      if (!anchor || GST_MESSAGE_SRC(message) != GST_OBJECT(anchor->self->pipeline_.get()))
        return GST_BUS_DROP;
      break;
    }
    case GST_MESSAGE_ERROR:
    case GST_MESSAGE_WARNING:
    case GST_MESSAGE_EOS:
    case GST_MESSAGE_ELEMENT:
    case GST_MESSAGE_LATENCY:
    case GST_MESSAGE_CLOCK_LOST:
      break;
    default:
      return GST_BUS_DROP;
  }
  MessageHandle held = MessageHandle::ref(message);
  boost::asio::post(bridge->executor, [anchor = bridge->anchor, held]() {
    if (auto alive = anchor.lock()) alive->self->onMessage(held.get());
  });
  return GST_BUS_DROP;
}

namespace {

std::string sourceName(GstMessage* message) {
  return GST_MESSAGE_SRC(message) ? GST_OBJECT_NAME(GST_MESSAGE_SRC(message)) : "";
}

}  // namespace

void Pipeline::onMessage(GstMessage* message) {
  switch (GST_MESSAGE_TYPE(message)) {
    case GST_MESSAGE_STATE_CHANGED: {
      GstState old_state, new_state, pending;
      gst_message_parse_state_changed(message, &old_state, &new_state, &pending);
      if (state_ == PipelineState::kError || state_ == PipelineState::kDraining ||
          state_ == PipelineState::kDrained || state_ == PipelineState::kUnprepared)
        return;
      if (new_state == GST_STATE_PLAYING) setState(PipelineState::kPlaying);
      else if (new_state == GST_STATE_PAUSED && pending == GST_STATE_VOID_PENDING)
        setState(PipelineState::kPrepared);
      return;
    }
    case GST_MESSAGE_ERROR: {
      GError* raw = nullptr;
      gchar* raw_debug = nullptr;
      gst_message_parse_error(message, &raw, &raw_debug);
      GErrorHandle error = GErrorHandle::adopt(raw);
      GCharHandle debug = GCharHandle::adopt(raw_debug);
      setState(PipelineState::kError);
      emit(ErrorEvent{sourceName(message), errorText(error.get()),
                      debug ? std::string(debug.get()) : std::string()});
      return;
    }
    case GST_MESSAGE_WARNING: {
      GError* raw = nullptr;
      gst_message_parse_warning(message, &raw, nullptr);
      GErrorHandle error = GErrorHandle::adopt(raw);
      emit(WarningEvent{sourceName(message), errorText(error.get())});
      return;
    }
    case GST_MESSAGE_EOS:
      if (state_ == PipelineState::kDraining) setState(PipelineState::kDrained);
      emit(EndOfStreamEvent{});
      return;
    case GST_MESSAGE_ELEMENT: {
      const GstStructure* structure = gst_message_get_structure(message);
      if (!structure) return;
      emit(ElementMessageEvent{sourceName(message),
                               StructureHandle::adopt(gst_structure_copy(structure))});
      return;
    }
    case GST_MESSAGE_LATENCY:
      gst_bin_recalculate_latency(bin());
      return;
    case GST_MESSAGE_CLOCK_LOST:
      // Select a new clock: PAUSED then PLAYING again (GStreamer's recipe).
      if (state_ == PipelineState::kPlaying) {
        gst_element_set_state(pipeline_.get(), GST_STATE_PAUSED);
        gst_element_set_state(pipeline_.get(), GST_STATE_PLAYING);
      }
      return;
    default:
      return;
  }
}

void Pipeline::setState(PipelineState next) {
  if (next == state_) return;
  PipelineState previous = std::exchange(state_, next);
  emit(StateChangedEvent{previous, next});
}

void Pipeline::emit(const PipelineEvent& event) {
  if (handler_) handler_(event);
}

Result<GstElement*> Pipeline::add(const char* factory, const std::string& name) {
  auto element = makeElement(factory, name);
  if (!element) return element.error();
  GstElement* borrowed = element->get();
  if (auto status = add(std::move(*element)); !status) return status.error();
  return borrowed;
}

Status Pipeline::add(ElementHandle element) {
  if (!element) return makeError(ErrorKind::kInternal, "null element added to " + name_);
  // gst_bin_add takes its own reference (it sinks a floating one, ours is not).
  if (!gst_bin_add(bin(), element.get()))
    return makeError(ErrorKind::kInternal,
                     fmt::format("cannot add {} to {}", GST_OBJECT_NAME(element.get()), name_));
  return okStatus();
}

ElementHandle Pipeline::element(const std::string& name) const {
  return ElementHandle::adopt(gst_bin_get_by_name(bin(), name.c_str()));
}

Status Pipeline::requestState(GstState target) {
  if (state_ == PipelineState::kError)
    return makeError(ErrorKind::kInternal, name_ + " is in error; stop() it first");
  setState(PipelineState::kPreparing);
  GstStateChangeReturn ret = gst_element_set_state(pipeline_.get(), target);
  if (ret == GST_STATE_CHANGE_FAILURE) {
    setState(PipelineState::kError);
    return makeError(ErrorKind::kInternal,
                     fmt::format("{} refused to go to {}", name_, gst_element_state_get_name(target)));
  }
  return okStatus();
}

Status Pipeline::prepare() { return requestState(GST_STATE_PAUSED); }
Status Pipeline::play() { return requestState(GST_STATE_PLAYING); }

Status Pipeline::drain() {
  if (state_ != PipelineState::kPlaying && state_ != PipelineState::kPrepared)
    return makeError(ErrorKind::kInternal, name_ + " is not running; nothing to drain");
  setState(PipelineState::kDraining);
  gst_element_send_event(pipeline_.get(), gst_event_new_eos());
  return okStatus();
}

void Pipeline::stop() {
  gst_element_set_state(pipeline_.get(), GST_STATE_NULL);
  setState(PipelineState::kUnprepared);
}

std::chrono::nanoseconds Pipeline::runningTime() const {
  ClockHandle clock = ClockHandle::adopt(gst_element_get_clock(pipeline_.get()));
  if (!clock) return std::chrono::nanoseconds(0);
  GstClockTime now = gst_clock_get_time(clock.get());
  GstClockTime base = gst_element_get_base_time(pipeline_.get());
  return std::chrono::nanoseconds(now > base ? now - base : 0);
}

}  // namespace wardcast::media
