#include "content/ingest/audio_chunk_pool.hpp"

namespace wardcast::ingest_detail {

std::unique_ptr<std::vector<float>> AudioChunkPool::take() {
  std::lock_guard lock(mutex_);
  if (spare_.empty()) return std::make_unique<std::vector<float>>();
  auto buffer = std::move(spare_.back());
  spare_.pop_back();
  return buffer;
}

AudioChunk AudioChunkPool::share(std::unique_ptr<std::vector<float>> filled) {
  return AudioChunk(filled.release(), [this](const std::vector<float>* buffer) {
    giveBack(const_cast<std::vector<float>*>(buffer));
  });
}

void AudioChunkPool::giveBack(std::vector<float>* buffer) {
  std::lock_guard lock(mutex_);
  spare_.emplace_back(buffer);
}

}  // namespace wardcast::ingest_detail
