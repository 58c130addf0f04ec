#include "content/asset.hpp"

namespace wardcast {

const char* toString(AssetKind kind) {
  switch (kind) {
    case AssetKind::kAudio: return "audio";
    case AssetKind::kVideo: return "video";
    case AssetKind::kImage: return "image";
  }
  return "unknown";
}

}  // namespace wardcast
