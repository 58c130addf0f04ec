#pragma once
// LiveInput: a live or emergency source patched into a program's mixer as a
// second pad, in front of the program (SPEC §6). The program's encoders,
// payloaders and Icecast connections are untouched, so receivers keep the
// same stream (same RTP SSRC, same Icecast connection).
//
//   source ! audioconvert ! audioresample ! caps ! mixer.sink_N
//
// The source should be live (timestamps in running time, pushed in real
// time): an appsrc with is-live=true, format=time, or any live GstElement.
//
// Threads: constructed, detach()ed and destroyed on the owner's executor.
// An EOS from the source is caught by a pad probe (streaming thread), dropped,
// and reported by posting `on_end` to the executor.
#include <boost/asio/any_io_executor.hpp>

#include <functional>
#include <memory>

#include "media/gst/gst_handles.hpp"
#include "media/gst/pipeline.hpp"

namespace wardcast::media {

class LiveInput {
 public:
  static Result<std::unique_ptr<LiveInput>> attach(Pipeline& pipeline, GstElement* mixer,
                                                   ElementHandle source,
                                                   std::function<void()> on_end);
  ~LiveInput();  // detaches
  LiveInput(const LiveInput&) = delete;
  LiveInput& operator=(const LiveInput&) = delete;

 private:
  struct Anchor {
    boost::asio::any_io_executor executor;
    std::function<void()> on_end;
  };
  LiveInput(Pipeline& pipeline, GstElement* mixer) : pipeline_(pipeline), mixer_(mixer) {}
  static GstPadProbeReturn onEvent(GstPad* pad, GstPadProbeInfo* info, gpointer data);
  void detach();
  // The bin that holds the mixer: the live elements go beside it, since
  // pads can only link within one bin.
  GstBin* bin() const { return GST_BIN(GST_OBJECT_PARENT(mixer_)); }

  Pipeline& pipeline_;
  GstElement* mixer_;
  ElementHandle source_;
  ElementHandle convert_;  // the audioconvert ! audioresample ! caps bin
  PadHandle mixer_pad_;
  gulong probe_ = 0;
  std::shared_ptr<Anchor> anchor_;
};

}  // namespace wardcast::media
