#pragma once
// LoudnessWorker: runs a LoudnessMeter on a thread of its own so that
// decoding (on the caller's thread) and the R128 measurement (mostly the 4x
// oversampled true-peak filter) use both cores. Chunks of interleaved float
// audio pass through a bounded queue (kMaxQueued chunks; push() blocks when
// it is full), and spent buffers come back for reuse through takeBuffer().
// Threads: push(), takeBuffer() and finish() are called by one producer
// thread; the meter runs only on the worker thread. The destructor stops and
// joins the worker if finish() was not called.
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

#include "content/ingest/loudness_meter.hpp"

namespace wardcast::ingest_detail {

class LoudnessWorker {
 public:
  explicit LoudnessWorker(LoudnessMeter meter);
  ~LoudnessWorker();
  LoudnessWorker(const LoudnessWorker&) = delete;
  LoudnessWorker& operator=(const LoudnessWorker&) = delete;

  int channels() const { return channels_; }
  // An empty buffer, possibly with capacity left from an earlier chunk.
  std::vector<float> takeBuffer();
  // Queues whole interleaved frames for measurement.
  void push(std::vector<float> chunk);
  // Waits until every queued chunk is measured and returns the figures.
  Result<LoudnessFigures> finish();

 private:
  static constexpr std::size_t kMaxQueued = 8;
  void run();

  LoudnessMeter meter_;
  int channels_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::vector<float>> queue_;  // guarded by mutex_
  std::vector<std::vector<float>> spare_; // guarded by mutex_
  bool closed_ = false;                   // guarded by mutex_
  Status status_ = okStatus();            // written by the worker, read after join
  std::thread thread_;
};

}  // namespace wardcast::ingest_detail
