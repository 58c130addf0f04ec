#pragma once
// IcecastSender: one Icecast mount, in a pipeline of its own so that the
// server going away tears down and rebuilds only this output. The program's
// main pipeline is never disturbed: it hands buffers to push() from a tap
// (appsink behind a leaky queue), and they are dropped while we are down.
//
//   MP3:       appsrc(audio/mpeg, encoded once by the program) ! shout2send
//   Ogg/Opus:  appsrc(program PCM) ! audioconvert ! opusenc ! oggmux ! shout2send
// (Ogg is encoded per connection: every new source connection must start a
// fresh Ogg stream with its own headers.)
//
// Reconnection: on any error (connect refused, send failed) the pipeline is
// stopped and rebuilt after a back-off of 250 ms, doubling to 2 s at most;
// the back-off resets once a connection has stayed up for 10 s.
//
// Threads: start(), stop() and status callbacks on the owner's executor;
// push() on a streaming thread of the program's pipeline (takes a mutex,
// never blocks on the network: the appsrc is leaky).
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>

#include "media/gst/gst_handles.hpp"
#include "media/output_plan.hpp"
#include "media/gst/pipeline.hpp"

namespace wardcast::media {

class IcecastSender : public std::enable_shared_from_this<IcecastSender> {
 public:
  enum class Link { kUp = 1, kDown };
  using StatusHandler = std::function<void(const IcecastOutput&, Link, const std::string& why)>;

  IcecastSender(boost::asio::any_io_executor executor, IcecastOutput output, StatusHandler handler);
  ~IcecastSender();

  void start();
  void stop();
  // Streaming thread: forwards one sample of the tap (encoded MP3, or raw
  // program audio for Ogg/Opus). Dropped while disconnected.
  void push(GstSample* sample);

  const IcecastOutput& output() const { return output_; }
  bool up() const { return up_; }
  int reconnects() const { return reconnects_; }

 private:
  void build();
  void onEvent(const PipelineEvent& event);
  void scheduleRetry(const std::string& why);
  std::string description() const;

  boost::asio::any_io_executor executor_;
  IcecastOutput output_;
  StatusHandler handler_;
  std::unique_ptr<Pipeline> pipeline_;
  boost::asio::steady_timer retry_timer_;
  boost::asio::steady_timer stable_timer_;
  std::chrono::milliseconds backoff_;
  bool running_ = false;
  bool up_ = false;
  int reconnects_ = 0;

  std::mutex mutex_;     // guards appsrc_ and caps_set_ (push() vs executor)
  ElementHandle appsrc_;
  bool caps_set_ = false;
};

}  // namespace wardcast::media
