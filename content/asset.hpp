#pragma once
// What ingest learns about a media file. Stored in the `assets` table; the
// file itself lives at data_dir/assets/<sha256[0:2]>/<sha256>.<ext>.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace wardcast {

enum class AssetKind { kAudio = 1, kVideo, kImage };

struct AssetInfo {
  std::string sha256;         // hex, 64 chars: the asset's id
  AssetKind kind = AssetKind::kAudio;
  std::string relative_path;  // under data_dir, e.g. "assets/ab/ab12...mp3"
  std::uint64_t size_bytes = 0;
  std::string container;      // libav short name: "mp3", "ogg", "mov,mp4,..."
  std::string audio_codec;    // empty when there is no audio stream
  std::string video_codec;    // empty when there is no video stream
  std::chrono::milliseconds duration{0};
  int sample_rate = 0;
  int channels = 0;
  int width = 0;
  int height = 0;
  double frame_rate = 0.0;
  std::optional<double> loudness_lufs;   // integrated, EBU R128 (audio only)
  std::optional<double> true_peak_dbtp;  // audio only
};

const char* toString(AssetKind kind);

}  // namespace wardcast
