#pragma once
// Helpers for the media tests: generated tones, ffmpeg loudness measurement,
// WAV reading, tone detection, and running an io_context under a watchdog.
#include <boost/asio/io_context.hpp>

#include <chrono>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "media/program_item.hpp"

namespace wardcast::test {

// Runs `io` until `done()` or the deadline; returns done().
bool runUntil(boost::asio::io_context& io, const std::function<bool()>& done,
              std::chrono::milliseconds deadline);

// A sine tone file made by ffmpeg: `seconds` long at `frequency` Hz,
// `channels` channels, amplitude `amplitude` (0..1). Format from the extension.
std::filesystem::path makeTone(const std::filesystem::path& file, double frequency, double seconds,
                               double amplitude, int channels = 2);
// Digital silence.
std::filesystem::path makeSilence(const std::filesystem::path& file, double seconds);

// The item for a file with its loudness measured the way ingest stores it
// (integrated LUFS and true peak, here by ffmpeg's ebur128 filter).
media::ProgramItem measuredItem(const std::string& id, const std::filesystem::path& file,
                                int channels = 2);

struct Loudness {
  double integrated_lufs = 0;
  double true_peak_dbtp = 0;
};
// ffmpeg's ebur128 filter over a whole file.
Loudness measureWithFfmpeg(const std::filesystem::path& file);

struct Pcm {
  int rate = 0;
  int channels = 0;
  std::vector<float> samples;  // interleaved, -1..1
  std::size_t frames() const { return channels ? samples.size() / std::size_t(channels) : 0; }
};
// Decodes any audio file to 48 kHz stereo float with ffmpeg.
Pcm decodeWithFfmpeg(const std::filesystem::path& file);

// Power of `frequency` in mono samples (Goertzel), normalised by length.
double tonePower(const float* mono, std::size_t count, int rate, double frequency);
// RMS in dBFS of the first channel over [begin, end) frames.
double rmsDb(const Pcm& pcm, std::size_t begin, std::size_t end);

}  // namespace wardcast::test
