#include "content/ingest/loudness_meter.hpp"

#include <cmath>
#include <string>

namespace wardcast::ingest_detail {
namespace {

int ebur128Channel(AVChannel channel) {
  switch (channel) {
    case AV_CHAN_FRONT_LEFT:
      return EBUR128_LEFT;
    case AV_CHAN_FRONT_RIGHT:
      return EBUR128_RIGHT;
    case AV_CHAN_FRONT_CENTER:
      return EBUR128_CENTER;
    case AV_CHAN_LOW_FREQUENCY:
    case AV_CHAN_LOW_FREQUENCY_2:
      return EBUR128_UNUSED;
    case AV_CHAN_BACK_LEFT:
    case AV_CHAN_SIDE_LEFT:
      return EBUR128_LEFT_SURROUND;
    case AV_CHAN_BACK_RIGHT:
    case AV_CHAN_SIDE_RIGHT:
      return EBUR128_RIGHT_SURROUND;
    case AV_CHAN_FRONT_LEFT_OF_CENTER:
      return EBUR128_MpSC;
    case AV_CHAN_FRONT_RIGHT_OF_CENTER:
      return EBUR128_MmSC;
    case AV_CHAN_BACK_CENTER:
      return EBUR128_Mp180;
    default:
      return EBUR128_CENTER;  // unknown position: weight 1, never dropped
  }
}

}  // namespace

Result<LoudnessMeter> LoudnessMeter::create(const AVChannelLayout& layout, int sample_rate) {
  int channels = layout.nb_channels;
  if (channels <= 0 || sample_rate <= 0) {
    return makeError(ErrorKind::kInvalidInput, "audio stream has no channels or no sample rate");
  }
  auto state = Ebur128Handle::adopt(ebur128_init(
      static_cast<unsigned>(channels), static_cast<unsigned long>(sample_rate), EBUR128_MODE_I));
  if (!state) {
    return makeError(ErrorKind::kInvalidInput, "loudness cannot be measured for " +
                                                   std::to_string(channels) + " channels at " +
                                                   std::to_string(sample_rate) + " Hz");
  }
  // Mono and unspecified stereo keep libebur128's default map (L, R, C, ...).
  if (layout.order == AV_CHANNEL_ORDER_NATIVE && channels > 2) {
    for (int i = 0; i < channels; ++i) {
      AVChannel ch = av_channel_layout_channel_from_index(&layout, static_cast<unsigned>(i));
      ebur128_set_channel(state.get(), static_cast<unsigned>(i), ebur128Channel(ch));
    }
  }
  return LoudnessMeter(std::move(state), channels);
}

Status LoudnessMeter::add(const float* interleaved, std::size_t frames) {
  if (ebur128_add_frames_float(state_.get(), interleaved, frames) != EBUR128_SUCCESS) {
    return makeError(ErrorKind::kInternal, "libebur128 failed to take audio frames");
  }
  return okStatus();
}

std::optional<double> LoudnessMeter::integrated() const {
  double lufs = 0.0;
  if (ebur128_loudness_global(state_.get(), &lufs) == EBUR128_SUCCESS && std::isfinite(lufs)) {
    return lufs;
  }
  return std::nullopt;
}

}  // namespace wardcast::ingest_detail
