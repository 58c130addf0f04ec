#pragma once
// RenderJob: renders one item into an "air rendition", the Ogg/Opus or MP3
// file the forwarding path sends as it is (see air_rendition.hpp). Decoding,
// gain and encoding happen here once, as fast as the machine allows, instead
// of in real time on every play.
//
//   filesrc ! decodebin ! audioconvert ! audioresample ! volume ! F32 48k stereo ! appsink
//   appsrc ! opusenc (CELT, restricted low delay) ! oggmux ! filesink     (AirFormat)
//   appsrc ! audioconvert ! lamemp3enc (CBR, 48 kHz) ! filesink           (Mp3AirFormat)
//
// Between the two halves the job holds back the last frame of audio so that,
// at the end, it can cut the item to whole frames (renditionCutLookahead()):
// the Opus encoder then pads nothing, and the next item's first packet
// follows this item's last sample; LAME adds exactly one frame of delay and
// padding. At most one frame (<= 24 ms) is cut from the item's end. The MP3
// file is bare frames: no ID3 tag, no Xing/Info frame.
//
// Threads: start() and destruction on the owner's executor; `done` runs
// there. The appsink callbacks run on the decoding streaming thread and touch
// only the job's carry-over buffer (that thread's alone) and the appsrc.
#include <gst/app/gstappsink.h>

#include <boost/asio/any_io_executor.hpp>

#include <filesystem>
#include <functional>
#include <memory>
#include <vector>

#include "media/rendition/air_rendition_format.hpp"
#include "media/gst/pipeline.hpp"

namespace wardcast::media {

class RenderJob {
 public:
  using Done = std::function<void(Status)>;

  // Renders `source` with `gain_db` into `destination` (written whole or not
  // at all: a temporary file is renamed when the encoder has finished).
  static Result<std::unique_ptr<RenderJob>> start(boost::asio::any_io_executor executor,
                                                  const std::filesystem::path& source,
                                                  double gain_db, const RenditionFormat& format,
                                                  const std::filesystem::path& destination,
                                                  Done done);
  ~RenderJob();
  RenderJob(const RenderJob&) = delete;
  RenderJob& operator=(const RenderJob&) = delete;

  // Samples (48 kHz) handed to the encoder, and cut from the end.
  std::uint64_t samplesEncoded() const { return frames_pushed_; }
  std::uint64_t samplesCut() const { return frames_cut_; }

 private:
  RenderJob(const RenditionFormat& format, std::filesystem::path destination, Done done);
  Status build(boost::asio::any_io_executor executor, const std::filesystem::path& source,
               double gain_db);
  void onPipelineEvent(const PipelineEvent& event);
  void finish(Status status);
  // Decoding streaming thread:
  static GstFlowReturn onSample(GstAppSink* sink, gpointer self);
  static void onEos(GstAppSink* sink, gpointer self);
  void pushFrames(std::size_t frames);

  RenditionFormat format_;
  std::filesystem::path destination_;
  std::filesystem::path temporary_;
  Done done_;
  std::unique_ptr<Pipeline> pipeline_;
  ElementHandle appsrc_;
  std::vector<float> held_;  // interleaved stereo, not yet handed to the encoder
  std::uint64_t frames_pushed_ = 0;
  std::uint64_t frames_cut_ = 0;
  bool finished_ = false;
};

}  // namespace wardcast::media
