#pragma once
// Pipeline: owns one GstPipeline and its bus, and turns bus messages into
// typed PipelineEvents delivered on the owner's executor.
//
// Threading model (read this before using anything in media/):
// - Every public method of Pipeline is called on the owner's executor (an
//   io_context run by one thread, or a strand). The event handler runs there
//   too. Nothing in media/ starts a thread or a GMainLoop.
// - GStreamer runs its own streaming threads (one per source, queue and
//   aggregator). Our code runs on them in exactly two places: pad probes and
//   appsrc/appsink callbacks (feeding and forwarding data). Such code never
//   touches owner state directly: it uses its own mutex-guarded state or
//   posts to the owner's executor.
// - Bus messages are caught by a synchronous bus handler (runs on whatever
//   thread posted the message), which takes a reference and posts the message
//   to the executor, then drops it from the bus. No bus watch, no GLib main
//   context.
// - Lifetime: handlers already posted when the Pipeline is destroyed find it
//   gone (weak anchor) and do nothing. The destructor sets the pipeline to
//   NULL, which joins its streaming threads, so no callback of ours runs after
//   it returns. Destroy on the owner's executor.
#include <boost/asio/any_io_executor.hpp>

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "media/gst/gst_handles.hpp"
#include "media/gst/pipeline_event.hpp"
#include "media/gst/pipeline_state.hpp"
#include "util/result.hpp"

namespace wardcast::media {

class Pipeline {
 public:
  using EventHandler = std::function<void(const PipelineEvent&)>;

  // An empty pipeline named `name` (used in log and error messages).
  static Result<std::unique_ptr<Pipeline>> create(boost::asio::any_io_executor executor,
                                                  const std::string& name);
  // A pipeline built from a gst-launch description (elements in a GstBin).
  static Result<std::unique_ptr<Pipeline>> fromDescription(
      boost::asio::any_io_executor executor, const std::string& name,
      const std::string& description);

  ~Pipeline();
  Pipeline(const Pipeline&) = delete;
  Pipeline& operator=(const Pipeline&) = delete;

  // The handler receives every event; set it before prepare()/play().
  void setEventHandler(EventHandler handler) { handler_ = std::move(handler); }

  GstPipeline* get() const { return GST_PIPELINE(pipeline_.get()); }
  GstBin* bin() const { return GST_BIN(pipeline_.get()); }
  const std::string& name() const { return name_; }
  PipelineState state() const { return state_; }
  const boost::asio::any_io_executor& executor() const { return executor_; }

  // Makes an element and adds it to the bin. The bin owns it; the returned
  // pointer is borrowed and valid while it stays in the bin.
  Result<GstElement*> add(const char* factory, const std::string& name = {});
  // Adds an element the caller made (floating or owned; the bin takes a ref).
  Status add(ElementHandle element);
  // The element named `name` in the bin, with a reference.
  ElementHandle element(const std::string& name) const;

  // Asynchronous state changes; completion is a StateChangedEvent.
  Status prepare();  // towards PAUSED
  Status play();     // towards PLAYING
  // Sends EOS into the pipeline (kDraining); EndOfStreamEvent when done.
  Status drain();
  // Synchronous: state NULL, streaming threads joined, back to kUnprepared.
  void stop();

  // Running time of the pipeline now (clock time - base time), or zero when
  // it has no clock yet. Safe from any thread.
  std::chrono::nanoseconds runningTime() const;

 private:
  struct Anchor {
    Pipeline* self;
  };
  struct BusBridge {
    boost::asio::any_io_executor executor;
    std::weak_ptr<Anchor> anchor;
  };
  static GstBusSyncReply onSyncMessage(GstBus* bus, GstMessage* message, gpointer data);
  Pipeline(boost::asio::any_io_executor executor, std::string name, ElementHandle pipeline);
  void installBusHandler();
  void onMessage(GstMessage* message);  // on the executor
  void setState(PipelineState next);
  Status requestState(GstState target);
  void emit(const PipelineEvent& event);

  boost::asio::any_io_executor executor_;
  std::string name_;
  ElementHandle pipeline_;
  PipelineState state_ = PipelineState::kUnprepared;
  EventHandler handler_;
  std::shared_ptr<Anchor> anchor_;
};

}  // namespace wardcast::media
