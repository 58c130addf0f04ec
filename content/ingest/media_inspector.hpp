#pragma once
// MediaInspector: everything ingest learns from a file's content, without
// storing it. Opens the file with libavformat, checks it is what the caller
// expects (a bulletin needs audio, a clip needs video or is a still image),
// demuxes every packet and decodes every frame of the streams it uses, checks
// the decoded length against what the container claims, and measures the
// audio's EBU R128 loudness and true peak.
//
// Threads: run() blocks its caller, which demuxes and decodes; the R128
// measurement runs on one LoudnessWorker thread for the duration of the call
// (video decoders may add libav's own frame threads).
//
// Refusals are kInvalidInput errors whose message starts with the file name
// and says what is wrong.
#include <filesystem>
#include <memory>
#include <string>

#include "content/asset.hpp"
#include "content/ingest/ingest.hpp"

namespace wardcast::ingest_detail {

class MediaInspector {
 public:
  MediaInspector(std::filesystem::path file, IngestExpect expect, IngestLimits limits);
  ~MediaInspector();
  MediaInspector(const MediaInspector&) = delete;
  MediaInspector& operator=(const MediaInspector&) = delete;

  // Fills every AssetInfo field except sha256, relative_path and size_bytes.
  Result<AssetInfo> run();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// The extension the stored copy gets, chosen from the content (container and
// codecs), never from the source name, so equal bytes get equal paths:
// "mp3", "wav", "opus", "ogg", "m4a", "mp4", "webm", "mkv", "png", "jpg"...
std::string storedExtension(const AssetInfo& info);

}  // namespace wardcast::ingest_detail
