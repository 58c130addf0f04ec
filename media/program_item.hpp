#pragma once
// One entry of a loudspeaker program's queue: an ingested audio asset and the
// measurement ingest made of it.
#include <filesystem>
#include <string>

#include "content/asset.hpp"
#include "media/loudness_gain.hpp"

namespace wardcast::media {

struct ProgramItem {
  std::string id;                // the caller's id (item id, or a file name)
  std::filesystem::path path;    // absolute path of the audio file
  MeasuredLoudness loudness;     // from ingest; empty = play at unity gain
};

// The item for an ingested asset stored under `data_dir`.
ProgramItem itemFromAsset(std::string id, const AssetInfo& asset,
                          const std::filesystem::path& data_dir);

}  // namespace wardcast::media
