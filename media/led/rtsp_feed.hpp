#pragma once
// RtspFeed: serves the LED program's one H.264 encode on an RTSP mount.
//
// Why this shape (docs/led.md, "RTSP"): the program encodes once and fans out
// with a tee; one branch ends in an appsink (the "tap"). The mount's factory
// is shared (one media for all viewers) and its launch line starts with an
// appsrc, so RTSP viewers get the very buffers the file and SRT outputs get,
// with no second encoder:
//
//   program: ... x264enc ! h264parse ! tee ! queue ! appsink (video tap)
//            ... avenc_aac ! aacparse ! tee ! queue ! appsink (audio tap)
//   mount:   ( appsrc is-live do-timestamp ! rtph264pay name=pay0
//              appsrc is-live do-timestamp ! rtpmp4gpay name=pay1 )
//
// The media stamps buffers on arrival (do-timestamp) in its own running
// time: simple and always valid, at the cost of the encoder's output jitter
// (a millisecond or so) in the RTP timestamps.
//
// An intervideosink/intervideosrc pair into a factory launch line would
// re-encode per media, and a non-shared factory would encode per viewer.
// When a media is configured (first viewer), the feed asks the encoder for a
// key unit and forwards from the next key frame, so a new viewer decodes at
// once; the encoder also repeats SPS/PPS on every IDR (config-interval=-1).
// Likewise when the feed had to drop frames (a media paused between
// DESCRIBE and PLAY, or stalled on a loaded machine) and the media consumes
// again: it asks for a key unit once and resumes from it, instead of
// waiting up to a GOP (2 s) for the next one.
// When no media exists, samples are dropped at the tap.
//
// Threads: the constructor, factory(), attachTap() and the destructor run on
// the owner's executor. The tap callback runs on the program's streaming
// thread; "media-configure" on the RTSP host's context (the owner's executor);
// "unprepared" on gst-rtsp-server's media thread. They share one
// mutex-guarded state, kept alive by every callback that can still fire.
#include <gst/rtsp-server/rtsp-server.h>

#include <cstdint>
#include <memory>

namespace wardcast::media::led {

enum class StreamSet {
  kVideoOnly = 1,
  kVideoAndAudio,
};

class RtspFeed {
 public:
  explicit RtspFeed(StreamSet streams);
  ~RtspFeed();
  RtspFeed(const RtspFeed&) = delete;
  RtspFeed& operator=(const RtspFeed&) = delete;

  // The shared factory to mount (RtspServerHost::mount takes its own ref).
  GstRTSPMediaFactory* factory() const { return factory_; }

  // Connects the program's appsinks: H.264 (byte-stream, au) and, with
  // kVideoAndAudio, AAC (null otherwise). Call before the program starts.
  void attachTaps(GstElement* video_appsink, GstElement* audio_appsink);

  // Buffers handed to an RTSP media so far (for tests and stats).
  std::uint64_t forwardedBuffers() const;

  struct State;  // shared with callbacks; defined in the .cpp

 private:
  GstRTSPMediaFactory* factory_ = nullptr;  // owned
  std::shared_ptr<State> state_;
};

}  // namespace wardcast::media::led
