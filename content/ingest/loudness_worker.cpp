#include "content/ingest/loudness_worker.hpp"

#include <utility>

namespace wardcast::ingest_detail {

LoudnessWorker::LoudnessWorker(LoudnessMeter meter)
    : meter_(std::move(meter)), channels_(meter_.channels()), thread_([this] { run(); }) {}

LoudnessWorker::~LoudnessWorker() {
  {
    std::lock_guard lock(mutex_);
    closed_ = true;
    queue_.clear();
  }
  changed_.notify_all();
  if (thread_.joinable()) thread_.join();
}

std::vector<float> LoudnessWorker::takeBuffer() {
  std::lock_guard lock(mutex_);
  if (spare_.empty()) return {};
  std::vector<float> buffer = std::move(spare_.back());
  spare_.pop_back();
  buffer.clear();
  return buffer;
}

void LoudnessWorker::push(std::vector<float> chunk) {
  if (chunk.empty()) return;
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [this] { return queue_.size() < kMaxQueued || closed_; });
  if (closed_) return;
  queue_.push_back(std::move(chunk));
  lock.unlock();
  changed_.notify_all();
}

Result<LoudnessFigures> LoudnessWorker::finish() {
  {
    std::lock_guard lock(mutex_);
    closed_ = true;
  }
  changed_.notify_all();
  if (thread_.joinable()) thread_.join();
  if (!status_) return status_.error();
  return meter_.finish();
}

void LoudnessWorker::run() {
  for (;;) {
    std::vector<float> chunk;
    {
      std::unique_lock lock(mutex_);
      changed_.wait(lock, [this] { return !queue_.empty() || closed_; });
      if (queue_.empty()) return;  // closed and drained
      chunk = std::move(queue_.front());
      queue_.pop_front();
    }
    changed_.notify_all();
    if (status_) {
      status_ = meter_.add(chunk.data(), chunk.size() / static_cast<std::size_t>(channels_));
    }
    std::lock_guard lock(mutex_);
    spare_.push_back(std::move(chunk));
  }
}

}  // namespace wardcast::ingest_detail
