#pragma once
// RtspServerHost: one gst-rtsp-server listening on ADDRESS:PORT, with one
// mount per LED screen (rtsp://127.0.0.1:8554/led-sanh).
//
// Event loop (STYLE.md, "One owner for the event loop"): gst-rtsp-server
// needs a GMainContext dispatched somewhere. This class owns that context and
// dispatches it on the executor it is given, nowhere else: a steady_timer
// fires every kDispatchInterval and runs every GSource that is ready
// (g_main_context_iteration(ctx, FALSE) until none is). No thread and no
// GMainLoop are started. The server's thread pool is set to zero client
// threads, so every RTSP request, every client callback and every factory
// "media-configure" signal runs on the owner's executor. Cost: 100 wake-ups
// per second per host; an RTSP request waits at most 10 ms to be read.
// gst-rtsp-server still runs one internal thread per prepared media (its
// media bus), as GStreamer runs streaming threads: library-internal, never
// calling our code except through RtspFeed, which is thread-safe.
//
// Threads: create(), mount(), unmount() and the destructor run on the
// executor. port() is safe anywhere.
#include <gst/rtsp-server/rtsp-server.h>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "util/result.hpp"

namespace wardcast::media::led {

class RtspServerHost {
 public:
  static constexpr std::chrono::milliseconds kDispatchInterval{10};

  // Binds `address`:`port` (port 0: the system picks one, see port()) and
  // starts dispatching on `executor`. Fails when the port cannot be bound.
  static Result<std::unique_ptr<RtspServerHost>> create(boost::asio::any_io_executor executor,
                                                        const std::string& address, int port);
  ~RtspServerHost();
  RtspServerHost(const RtspServerHost&) = delete;
  RtspServerHost& operator=(const RtspServerHost&) = delete;

  const std::string& address() const { return address_; }
  int port() const { return port_; }

  // Serves `factory` at `path` ("/led-sanh"). The host takes its own
  // reference. Fails when the path is taken or malformed.
  Status mount(const std::string& path, GstRTSPMediaFactory* factory);
  // Removes the mount; clients already playing keep their session until it
  // ends. Unknown paths are ignored.
  void unmount(const std::string& path);

  // Runs every GSource of the context that is ready now, then returns.
  // The timer calls it; tests may too.
  void dispatchReady();

 private:
  struct Anchor {
    RtspServerHost* self;
  };
  RtspServerHost(boost::asio::any_io_executor executor, std::string address);
  Status start(int port);
  void scheduleDispatch();

  boost::asio::any_io_executor executor_;
  boost::asio::steady_timer timer_;
  std::string address_;
  int port_ = 0;
  GMainContext* context_ = nullptr;     // owned
  GstRTSPServer* server_ = nullptr;     // owned
  guint server_source_ = 0;             // gst_rtsp_server_attach's source id
  GSource* session_cleanup_ = nullptr;  // owned; expires idle RTSP sessions
  std::vector<std::string> mounted_;    // paths, removed by the destructor
  std::shared_ptr<Anchor> anchor_;
};

}  // namespace wardcast::media::led
