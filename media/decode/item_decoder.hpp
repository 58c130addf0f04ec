#pragma once
// ItemDecoder: decodes one ProgramItem ahead of air into the program format,
// with its normalisation gain applied, and holds a few buffers ready so the
// feeder can switch items without a gap.
//
//   filesrc ! decodebin ! audioconvert ! audioresample ! volume ! caps ! appsink
//   uridecodebin(stream) ! ... ! caps ! queue(3 s) ! appsink     (relays)
//
// Threads: start(), failed() and destruction on the owner's executor. pull()
// is called by the program feeder on the program's appsrc streaming thread;
// it only touches the appsink (thread-safe) and an atomic flag.
#include <atomic>
#include <chrono>
#include <memory>
#include <string>

#include "media/gst/gst_handles.hpp"
#include "media/gst/pipeline.hpp"
#include "media/program_item.hpp"

namespace wardcast::media {

class ItemDecoder {
 public:
  enum class PullResult { kBuffer = 1, kNotReady, kEnded, kFailed };

  // Builds the decoder and sets it PLAYING; it decodes until its small
  // buffer is full and then waits for pull(). `on_failure` runs on the
  // executor when the decoder reports an error (missing, corrupt or changed
  // file); pull() returns kFailed from then on.
  static Result<std::shared_ptr<ItemDecoder>> start(boost::asio::any_io_executor executor,
                                                    ProgramItem item, double gain_db,
                                                    std::function<void(const std::string&)> on_failure);

  // Streaming-thread safe. Waits at most `wait` for the next buffer.
  PullResult pull(BufferHandle& out, std::chrono::milliseconds wait);

  const ProgramItem& item() const { return item_; }
  double gainDb() const { return gain_db_; }
  bool failed() const { return failed_.load(); }

 private:
  ItemDecoder(ProgramItem item, double gain_db) : item_(std::move(item)), gain_db_(gain_db) {}

  ProgramItem item_;
  double gain_db_;
  std::unique_ptr<Pipeline> pipeline_;
  ElementHandle sink_;
  std::atomic<bool> failed_{false};
};

}  // namespace wardcast::media
