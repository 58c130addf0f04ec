#pragma once
// Media made on the spot for the ingest tests, with the real tools (sox,
// ffmpeg, espeak-ng), into a TempDir. Each maker REQUIREs that its tool
// succeeded and returns the file's path.
#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

namespace wardcast::test {

struct ToneSpec {
  double seconds = 2.0;
  int sample_rate = 44100;
  int channels = 2;
  double frequency_hz = 1000.0;
  double amplitude = 0.5;  // peak, full scale = 1.0
};

// Integrated loudness of a steady sine per ITU-R BS.1770: a full-scale 1 kHz
// sine in one channel reads -3.01 LUFS (the K-filter's gain at 1 kHz is ~0 dB;
// the -0.691 dB offset cancels it exactly there), each further channel with
// the same signal adds 10*log10(channels).
inline double expectedSineLufs(const ToneSpec& tone) {
  return 20.0 * std::log10(tone.amplitude) - 3.0103 + 10.0 * std::log10(tone.channels);
}

// 16-bit PCM WAV tone made by sox.
std::filesystem::path makeWavTone(const std::filesystem::path& dir, const std::string& name,
                                  const ToneSpec& tone);
// Encodes `source` with ffmpeg: extra_args are the codec arguments.
std::filesystem::path encode(const std::filesystem::path& source, const std::filesystem::path& out,
                             const std::vector<std::string>& codec_args);
// A test-pattern video (testsrc, 320x240 at 25 fps) with an optional 1 kHz
// tone, made by ffmpeg; `codec_args` choose the codecs and container flags.
std::filesystem::path makeVideo(const std::filesystem::path& out, double seconds, bool with_audio,
                                const std::vector<std::string>& codec_args);
// One test-pattern frame as a still image (PNG or JPEG by extension).
std::filesystem::path makeImage(const std::filesystem::path& out);
// Vietnamese speech spoken by the espeak-ng program.
std::filesystem::path makeSpeech(const std::filesystem::path& out, const std::string& text);
// Copies the first `bytes` bytes of `source` to `out`.
std::filesystem::path truncateCopy(const std::filesystem::path& source,
                                   const std::filesystem::path& out, std::uintmax_t bytes);
// What ffmpeg's own ebur128 filter says the integrated loudness is (LUFS).
double ffmpegLoudness(const std::filesystem::path& file);
// sha256sum's digest of a file.
std::string sha256sumOf(const std::filesystem::path& file);
// Every regular file under `dir`, recursively (empty if dir does not exist).
std::vector<std::filesystem::path> filesUnder(const std::filesystem::path& dir);

}  // namespace wardcast::test
