#pragma once
// Ingest: probe a media file with libav, decode it end to end to prove it is
// whole, measure loudness and true peak (EBU R128, libebur128) of its audio,
// and store it content-addressed under the data directory.
//
// Crash safety: the file is copied to data_dir/tmp/, fsynced, renamed to
// data_dir/assets/<sha[0:2]>/<sha>.<ext> and the directory fsynced, all
// BEFORE the caller writes the database row. A crash therefore leaves at most
// an unreferenced file in tmp/ (removed by sweepIngestTemp) or a complete
// asset file with no row (found and removed by the store's orphan sweep);
// never a row without its file or a half-written asset.
//
// Threads: probeMedia() and ingestFile() block their caller; for the call's
// duration they use helper threads (copy+hash, integrated loudness, true
// peak; libav's video frame threads) that have ended when they return. Both
// may be called from several threads at once. See docs/ingest.md.
#include <filesystem>

#include "content/asset.hpp"
#include "util/result.hpp"

namespace wardcast {

enum class IngestExpect {
  kBulletin = 1,  // needs an audio stream (video streams are ignored)
  kClip,          // needs a video stream, or is a still image (PNG/JPEG)
};

struct IngestLimits {
  std::uint64_t max_bytes = 2ull << 30;
  std::chrono::milliseconds image_duration{10000};  // shown time of a still image
};

// Probes and measures `file` without storing anything.
Result<AssetInfo> probeMedia(const std::filesystem::path& file, IngestExpect expect,
                             const IngestLimits& limits);

// Probes, measures and stores `file` under `data_dir`. The same content
// ingested twice yields the same AssetInfo (and one file on disk).
Result<AssetInfo> ingestFile(const std::filesystem::path& file, IngestExpect expect,
                             const std::filesystem::path& data_dir, const IngestLimits& limits);

// Removes leftovers of interrupted ingests from data_dir/tmp.
void sweepIngestTemp(const std::filesystem::path& data_dir);

}  // namespace wardcast
