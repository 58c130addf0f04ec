#pragma once
// AudioChunkPool: recycles the buffers of interleaved float audio that the
// decoding thread hands to the measuring threads. A chunk is shared
// (read-only) by every consumer; when the last one lets go, its buffer goes
// back to the pool instead of to the allocator, so a 30-minute file costs a
// handful of allocations instead of thousands of page-faulting ones.
// Thread-safe: take() on the producer, releases on any thread. The pool must
// outlive every chunk it handed out.
#include <memory>
#include <mutex>
#include <vector>

namespace wardcast::ingest_detail {

using AudioChunk = std::shared_ptr<const std::vector<float>>;

class AudioChunkPool {
 public:
  AudioChunkPool() = default;
  AudioChunkPool(const AudioChunkPool&) = delete;
  AudioChunkPool& operator=(const AudioChunkPool&) = delete;

  // A buffer to fill: new and empty, or a used one with its old contents
  // and size (so that sizing it again does not zero it all).
  std::unique_ptr<std::vector<float>> take();
  // Shares a filled buffer; it returns here when the last holder drops it.
  AudioChunk share(std::unique_ptr<std::vector<float>> filled);

 private:
  void giveBack(std::vector<float>* buffer);
  std::mutex mutex_;
  std::vector<std::unique_ptr<std::vector<float>>> spare_;  // guarded by mutex_
};

}  // namespace wardcast::ingest_detail
