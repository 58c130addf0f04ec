#include "content/ingest/chunk_worker.hpp"

#include <utility>

namespace wardcast::ingest_detail {

ChunkWorker::ChunkWorker(Consumer consumer)
    : consumer_(std::move(consumer)), thread_([this] { run(); }) {}

ChunkWorker::~ChunkWorker() {
  {
    std::lock_guard lock(mutex_);
    closed_ = true;
    queue_.clear();
  }
  changed_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void ChunkWorker::push(AudioChunk chunk) {
  if (!chunk || chunk->empty()) return;
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [this] { return queue_.size() < kMaxQueued || closed_; });
  if (closed_) return;
  queue_.push_back(std::move(chunk));
  lock.unlock();
  changed_.notify_all();
}

Status ChunkWorker::finish() {
  {
    std::lock_guard lock(mutex_);
    closed_ = true;
  }
  changed_.notify_all();
  if (thread_.joinable()) thread_.join();
  return status_;
}

void ChunkWorker::run() {
  for (;;) {
    AudioChunk chunk;
    {
      std::unique_lock lock(mutex_);
      changed_.wait(lock, [this] { return !queue_.empty() || closed_; });
      if (queue_.empty()) return;  // closed and drained
      chunk = std::move(queue_.front());
      queue_.pop_front();
    }
    changed_.notify_all();
    if (status_) status_ = consumer_(*chunk);
  }
}

}  // namespace wardcast::ingest_detail
