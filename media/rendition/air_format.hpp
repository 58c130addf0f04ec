#pragma once
// AirFormat: how a station's loudspeaker audio goes on air when it is
// forwarded rather than encoded at playout: Opus at one bit rate and frame
// length. Renditions are made for one AirFormat and can be forwarded only to
// outputs that ask for exactly it. A plain value.
#include <string>

namespace wardcast::media {

struct AirFormat {
  int bitrate_kbps = 64;  // the station's rtp:// bit rate (output_plan.hpp's default)
  int frame_ms = 20;      // Opus frame = RTP ptime: 10, 20, 40 or 60
  bool operator==(const AirFormat&) const = default;
};

// Opus encoder delay of a rendition in 48 kHz samples: the CELT-only
// "restricted low delay" mode looks 2.5 ms ahead (libopus: Fs/400).
constexpr int kAirLookaheadSamples = 120;

// Samples of one Opus frame at 48 kHz.
constexpr int airFrameSamples(const AirFormat& format) {
  return format.frame_ms * 48;
}

}  // namespace wardcast::media
