#pragma once
// Playlist: the LED program's looping list of clips and still images.
// A plain value with a cursor; LedProgram owns one and uses it on its
// executor only (not thread-safe by itself).
#include <chrono>
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace wardcast::media::led {

enum class ItemKind {
  kClip = 1,  // a video file, with or without audio; plays to its end
  kStill,     // a PNG or JPEG shown for `duration`
};

struct PlaylistItem {
  ItemKind kind = ItemKind::kClip;
  std::filesystem::path file;
  std::chrono::milliseconds duration{0};  // stills only; > 0
  std::string id;                         // the caller's name for it (as-run log)

  static PlaylistItem clip(std::filesystem::path file, std::string id = {});
  static PlaylistItem still(std::filesystem::path file, std::chrono::milliseconds duration,
                            std::string id = {});
};

class Playlist {
 public:
  Playlist() = default;
  explicit Playlist(std::vector<PlaylistItem> items) : items_(std::move(items)) {}

  // Replaces the items; the next call to next() returns the first one.
  void replace(std::vector<PlaylistItem> items);
  bool empty() const { return items_.empty(); }
  std::size_t size() const { return items_.size(); }
  const std::vector<PlaylistItem>& items() const { return items_; }

  // The item to play now, advancing the cursor and wrapping at the end (the
  // playlist loops). Empty when there are no items.
  std::optional<PlaylistItem> next();
  // How many times the cursor wrapped from the last item to the first.
  std::size_t loops() const { return loops_; }

 private:
  std::vector<PlaylistItem> items_;
  std::size_t cursor_ = 0;
  std::size_t loops_ = 0;
};

}  // namespace wardcast::media::led
