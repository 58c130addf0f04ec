#include "content/ingest/audio_interleaver.hpp"

#include <cstring>

namespace wardcast::ingest_detail {

Status AudioInterleaver::configure(const AVFrame& frame) {
  if (swr_ && frame.format == format_ && frame.sample_rate == rate_ &&
      av_channel_layout_compare(&frame.ch_layout, &layout_) == 0) {
    return okStatus();
  }
  SwrContext* raw = nullptr;
  // libswresample 4 takes non-const layouts but only reads them.
  auto* layout = const_cast<AVChannelLayout*>(&frame.ch_layout);
  int ret =
      swr_alloc_set_opts2(&raw, layout, AV_SAMPLE_FMT_FLT, frame.sample_rate, layout,
                          static_cast<AVSampleFormat>(frame.format), frame.sample_rate, 0, nullptr);
  swr_ = SwrHandle::adopt(raw);
  if (ret < 0 || (ret = swr_init(swr_.get())) < 0) {
    swr_.reset();
    return makeError(ErrorKind::kInvalidInput,
                     "audio sample format cannot be converted (" + avErrorText(ret) + ")");
  }
  format_ = frame.format;
  rate_ = frame.sample_rate;
  av_channel_layout_uninit(&layout_);
  av_channel_layout_copy(&layout_, &frame.ch_layout);
  return okStatus();
}

Status AudioInterleaver::convert(const AVFrame& frame, float* dest) {
  const auto channels = static_cast<std::size_t>(frame.ch_layout.nb_channels);
  const auto samples = static_cast<std::size_t>(frame.nb_samples);
  if (frame.format == AV_SAMPLE_FMT_FLT) {
    std::memcpy(dest, frame.extended_data[0], channels * samples * sizeof(float));
    return okStatus();
  }
  if (Status st = configure(frame); !st) return st;
  auto* dest_bytes = reinterpret_cast<uint8_t*>(dest);
  int converted = swr_convert(swr_.get(), &dest_bytes, frame.nb_samples,
                              const_cast<const uint8_t**>(frame.extended_data), frame.nb_samples);
  if (converted != frame.nb_samples) {
    return makeError(ErrorKind::kInvalidInput, "audio samples could not be converted");
  }
  return okStatus();
}

}  // namespace wardcast::ingest_detail
