#include "media/program_item.hpp"

namespace wardcast::media {

ProgramItem itemFromAsset(std::string id, const AssetInfo& asset,
                          const std::filesystem::path& data_dir) {
  ProgramItem item;
  item.id = std::move(id);
  item.path = data_dir / asset.relative_path;
  item.loudness.loudness_lufs = asset.loudness_lufs;
  item.loudness.true_peak_dbtp = asset.true_peak_dbtp;
  item.loudness.channels = asset.channels;
  return item;
}

}  // namespace wardcast::media
