#pragma once
// SrtOutput: sends the LED program's MPEG-TS to one srt:// URI from a
// pipeline of its own (appsrc ! srtsink), so an SRT peer that fails, leaves
// or is not there never stops the program or its other outputs. When the
// sender pipeline fails (peer gone, socket error), it is rebuilt after a
// back-off: kFirstBackoff, doubling to kMaxBackoff, back to the first once
// it plays again. A listener is thus back within a second after a caller
// leaves.
//
// Threads: every method runs on the owner's executor, as do the sender
// pipeline's events. The tap callback (program streaming thread) pushes into
// the current appsrc under a mutex.
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>

#include <chrono>
#include <memory>
#include <string>

#include "media/led/led_launch.hpp"
#include "media/gst/pipeline.hpp"

namespace wardcast::media::led {

class SrtOutput {
 public:
  static constexpr std::chrono::milliseconds kFirstBackoff{1000};
  static constexpr std::chrono::milliseconds kMaxBackoff{30000};

  SrtOutput(boost::asio::any_io_executor executor, std::string channel_id,
            LaunchPlan::SrtTarget target);
  ~SrtOutput();
  SrtOutput(const SrtOutput&) = delete;
  SrtOutput& operator=(const SrtOutput&) = delete;

  // Connects the program's appsink (MPEG-TS). Before the program starts.
  void attachTap(GstElement* appsink);
  // Builds and plays the sender; on failure, retries after the back-off.
  void start();
  void stop();
  // Times the sender pipeline was rebuilt after a failure.
  int restarts() const { return restarts_; }

  struct Shared;  // appsrc + caps, shared with the tap callback

 private:
  struct Anchor {
    SrtOutput* self;
  };
  Status build();
  void onEvent(const PipelineEvent& event);
  void restartLater();

  boost::asio::any_io_executor executor_;
  std::string channel_id_;
  LaunchPlan::SrtTarget target_;
  std::shared_ptr<Shared> shared_;
  std::unique_ptr<Pipeline> sender_;
  boost::asio::steady_timer timer_;
  std::chrono::milliseconds backoff_ = kFirstBackoff;
  bool running_ = false;
  int restarts_ = 0;
  std::shared_ptr<Anchor> anchor_;
};

}  // namespace wardcast::media::led
