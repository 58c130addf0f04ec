#include "media/led/playlist.hpp"

namespace wardcast::media::led {

PlaylistItem PlaylistItem::clip(std::filesystem::path file, std::string id) {
  return PlaylistItem{ItemKind::kClip, std::move(file), std::chrono::milliseconds{0},
                      std::move(id)};
}

PlaylistItem PlaylistItem::still(std::filesystem::path file, std::chrono::milliseconds duration,
                                 std::string id) {
  return PlaylistItem{ItemKind::kStill, std::move(file), duration, std::move(id)};
}

void Playlist::replace(std::vector<PlaylistItem> items) {
  items_ = std::move(items);
  cursor_ = 0;
}

std::optional<PlaylistItem> Playlist::next() {
  if (items_.empty()) return std::nullopt;
  if (cursor_ >= items_.size()) {
    cursor_ = 0;
    ++loops_;
  }
  return items_[cursor_++];
}

}  // namespace wardcast::media::led
