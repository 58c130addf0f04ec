#pragma once
// ChunkWorker: a thread that runs one consumer over a stream of audio chunks,
// so that decoding (on the caller's thread), integrated loudness and true
// peak each get a thread and the two cores share them. Chunks pass through a
// bounded queue (kMaxQueued; push() blocks while it is full).
// Threads: push() and finish() are called by one producer thread; the
// consumer runs only on the worker thread, and its first error stops it
// (later chunks are dropped). The destructor stops and joins the worker if
// finish() was not called.
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

#include "content/ingest/audio_chunk_pool.hpp"
#include "util/result.hpp"

namespace wardcast::ingest_detail {

class ChunkWorker {
 public:
  using Consumer = std::function<Status(const std::vector<float>& interleaved)>;

  explicit ChunkWorker(Consumer consumer);
  ~ChunkWorker();
  ChunkWorker(const ChunkWorker&) = delete;
  ChunkWorker& operator=(const ChunkWorker&) = delete;

  void push(AudioChunk chunk);
  // Waits until every queued chunk is consumed; returns the consumer's first
  // error, if any.
  Status finish();

 private:
  static constexpr std::size_t kMaxQueued = 8;
  void run();

  Consumer consumer_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<AudioChunk> queue_;  // guarded by mutex_
  bool closed_ = false;           // guarded by mutex_
  Status status_ = okStatus();    // written by the worker, read after join
  std::thread thread_;
};

}  // namespace wardcast::ingest_detail
