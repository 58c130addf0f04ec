#pragma once
// The one raw format inside a loudspeaker program: every item is decoded,
// resampled and gain-adjusted to it, the mixer runs in it, encoders take it.
// 32-bit float so that mixing a live source over a ducked program never clips
// before the encoders; 48 kHz because Opus runs at 48 kHz; stereo so that
// stereo items keep their measured loudness (see loudness_gain.hpp).
#include <cstddef>
#include <string>

namespace wardcast::media {

constexpr int kProgramRate = 48000;
constexpr int kProgramChannels = 2;
constexpr std::size_t kProgramBytesPerFrame = sizeof(float) * kProgramChannels;

inline std::string programCapsString() {
  return "audio/x-raw,format=F32LE,layout=interleaved,rate=48000,channels=2";
}

}  // namespace wardcast::media
