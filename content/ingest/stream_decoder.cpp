#include "content/ingest/stream_decoder.hpp"

#include <algorithm>

extern "C" {
#include <libavutil/mathematics.h>
}

namespace wardcast::ingest_detail {

StreamDecoder::StreamDecoder(CodecContextHandle codec, const AVStream& stream)
    : codec_(std::move(codec)),
      frame_(FrameHandle::adopt(av_frame_alloc())),
      time_base_(stream.time_base),
      start_pts_(stream.start_time == AV_NOPTS_VALUE ? 0 : stream.start_time),
      end_pts_(start_pts_) {}

Result<StreamDecoder> StreamDecoder::open(const AVStream& stream, DecoderThreads threads) {
  const AVCodec* codec = avcodec_find_decoder(stream.codecpar->codec_id);
  if (codec == nullptr) {
    return makeError(ErrorKind::kInvalidInput, std::string("no decoder for codec ") +
                                                   avcodec_get_name(stream.codecpar->codec_id));
  }
  auto ctx = CodecContextHandle::adopt(avcodec_alloc_context3(codec));
  if (!ctx) return makeError(ErrorKind::kInternal, "out of memory for a decoder");
  int ret = avcodec_parameters_to_context(ctx.get(), stream.codecpar);
  if (ret >= 0) {
    ctx.get()->pkt_timebase = stream.time_base;
    ctx.get()->err_recognition |= AV_EF_EXPLODE;
    ctx.get()->thread_count = threads == DecoderThreads::kAuto ? 0 : 1;
    ret = avcodec_open2(ctx.get(), codec, nullptr);
  }
  if (ret < 0) {
    return makeError(ErrorKind::kInvalidInput, std::string("the ") + codec->name +
                                                   " decoder refuses the stream (" +
                                                   avErrorText(ret) + ")");
  }
  return StreamDecoder(std::move(ctx), stream);
}

Status StreamDecoder::decode(const AVPacket* packet, const FrameSink& sink) {
  int ret = avcodec_send_packet(codec_.get(), packet);
  if (ret == AVERROR(EAGAIN)) {
    if (Status st = drain(sink); !st) return st;
    ret = avcodec_send_packet(codec_.get(), packet);
  }
  if (ret < 0 && ret != AVERROR_EOF) {
    return makeError(ErrorKind::kInvalidInput, avErrorText(ret));
  }
  return drain(sink);
}

Status StreamDecoder::drain(const FrameSink& sink) {
  if (!frame_) return makeError(ErrorKind::kInternal, "out of memory for a frame");
  AVFrame* frame = frame_.get();
  for (;;) {
    int ret = avcodec_receive_frame(codec_.get(), frame);
    if (ret == AVERROR(EAGAIN) || ret == AVERROR_EOF) return okStatus();
    if (ret < 0) return makeError(ErrorKind::kInvalidInput, avErrorText(ret));
    if ((frame->flags & AV_FRAME_FLAG_CORRUPT) != 0 || frame->decode_error_flags != 0) {
      return makeError(ErrorKind::kInvalidInput, "a frame decoded with errors");
    }
    account(*frame);
    Status st = sink(*frame);
    av_frame_unref(frame);
    if (!st) return st;
  }
}

void StreamDecoder::account(const AVFrame& frame) {
  ++frames_;
  samples_ += frame.nb_samples;
  std::int64_t pts = frame.best_effort_timestamp;
  if (pts == AV_NOPTS_VALUE) return;
  std::int64_t duration = frame.pkt_duration;
  if (duration <= 0 && codec_.get()->framerate.num > 0) {
    duration = av_rescale_q(1, av_inv_q(codec_.get()->framerate), time_base_);
  }
  end_pts_ = std::max(end_pts_, pts + std::max<std::int64_t>(duration, 0));
}

std::chrono::microseconds StreamDecoder::decodedDuration() const {
  if (codec_.get()->codec_type == AVMEDIA_TYPE_AUDIO && codec_.get()->sample_rate > 0) {
    return std::chrono::microseconds(av_rescale(samples_, 1000000, codec_.get()->sample_rate));
  }
  return std::chrono::microseconds(
      av_rescale_q(end_pts_ - start_pts_, time_base_, AVRational{1, 1000000}));
}

}  // namespace wardcast::ingest_detail
