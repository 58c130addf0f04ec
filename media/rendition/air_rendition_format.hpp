#pragma once
// RenditionFormat: which air rendition a forwarded channel needs. RTP/Opus
// channels forward Ogg/Opus in their AirFormat (air_format.hpp); Icecast MP3
// channels forward MP3 in an Mp3AirFormat. Plain values; callable from any
// thread.
//
// MP3 renditions are MPEG-1 Layer III, CBR, 48 kHz stereo, as LAME makes
// them (lamemp3enc). 48 kHz, not 44.1: it is the program format
// (audio_format.hpp), so rendering needs no resampling beyond the decoder's,
// the forwarded mount sounds like the decoding path's (which also encodes at
// 48 kHz), every frame at a bit rate has the same length (144 * bitrate / 48
// bytes, no padding slots) and a frame is exactly 24 ms on the same 48 kHz
// clock as Opus, so the program paces both the same way.
#include <string>
#include <variant>

#include "media/rendition/air_format.hpp"

namespace wardcast::media {

struct Mp3AirFormat {
  int bitrate_kbps = 128;  // an MPEG-1 Layer III CBR rate (mp3BitrateIndex)
  bool operator==(const Mp3AirFormat&) const = default;
};

// Sample rate and frame length of MP3 renditions.
constexpr int kMp3AirRate = 48000;
constexpr int kMp3FrameSamples = 1152;  // MPEG-1 Layer III

using RenditionFormat = std::variant<AirFormat, Mp3AirFormat>;

// Samples (48 kHz) of one packet or frame of a rendition.
inline int renditionFrameSamples(const RenditionFormat& format) {
  if (const auto* opus = std::get_if<AirFormat>(&format)) return airFrameSamples(*opus);
  return kMp3FrameSamples;
}

// Samples the encoder adds in front that RenderJob counts when it cuts an
// item's end to whole frames. Opus: its look-ahead, so the last packet ends
// on the item's last sample. MP3: none: LAME (3.100, as lamemp3enc drives it)
// writes ceil((samples + 1152) / 1152) frames, 576 samples of encoder delay
// in front and at least 576 of padding behind; cutting the item to a whole
// number of frames makes that exactly one frame more, so a decoder hears one
// frame (24 ms) of encoder delay and padding at each seam between items.
inline int renditionCutLookahead(const RenditionFormat& format) {
  return std::holds_alternative<AirFormat>(format) ? kAirLookaheadSamples : 0;
}

}  // namespace wardcast::media
