#pragma once
// StreamDecoder: decodes one stream of an open container, packet by packet,
// and reports how much it decoded. Decoders run with AV_EF_EXPLODE, and a
// frame flagged corrupt counts as a decode error, so damage is refused rather
// than concealed. Not thread-safe (libav may use its own frame threads for
// video inside one call).
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

#include "content/ingest/av_handles.hpp"
#include "util/result.hpp"

namespace wardcast::ingest_detail {

enum class DecoderThreads { kSingle = 1, kAuto };

class StreamDecoder {
 public:
  using FrameSink = std::function<Status(const AVFrame&)>;

  static Result<StreamDecoder> open(const AVStream& stream, DecoderThreads threads);

  // Sends `packet` (nullptr flushes) and hands every finished frame to `sink`.
  // Fails with libav's reason on a decode error.
  Status decode(const AVPacket* packet, const FrameSink& sink);

  AVCodecContext& context() { return *codec_.get(); }
  std::int64_t framesDecoded() const { return frames_; }
  // Audio: samples decoded / rate. Video: end of the last frame, from the
  // stream's start.
  std::chrono::microseconds decodedDuration() const;

 private:
  StreamDecoder(CodecContextHandle codec, const AVStream& stream);
  Status drain(const FrameSink& sink);
  void account(const AVFrame& frame);

  CodecContextHandle codec_;
  FrameHandle frame_;  // reused for every decoded frame
  AVRational time_base_{};
  std::int64_t start_pts_ = 0;
  std::int64_t end_pts_ = 0;  // in time_base_, max over frames of pts + duration
  std::int64_t samples_ = 0;
  std::int64_t frames_ = 0;
};

}  // namespace wardcast::ingest_detail
