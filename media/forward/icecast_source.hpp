#pragma once
// IcecastSource: one icecast:// MP3 mount of a forwarding program, as an
// Icecast source connection of its own on Boost.Asio/Beast: no GStreamer,
// no thread, no encoder. The program hands it MP3 frames as they fall due
// (send()); it writes them to the server.
//
// Protocol (Icecast 2.4 and later accept HTTP PUT from sources):
//   PUT /ward.mp3 HTTP/1.1
//   Host: HOST:PORT                      Authorization: Basic base64(user:password)
//   Content-Type: audio/mpeg             User-Agent: wardcast
//   Ice-Public: 0|1                      Ice-Name / Ice-Description / Ice-Genre (when set)
//   Ice-Audio-Info: bitrate=128;samplerate=48000;channels=2
// with neither Content-Length nor chunking: the body is the stream and lasts
// as long as the connection. The server answers "200 OK" once it accepts the
// source (401 bad password, 403 mount in use); only then are frames written,
// as raw bytes on the socket.
//
// Link state and reconnection, as IcecastSender does it: on any failure
// (resolve, connect, refused, a write error, or a write still pending when a
// frame falls due kWriteTimeout after it began) the connection is closed and tried again after a back-off
// of 250 ms doubling to 2 s at most, reset once a connection has stayed up
// for 10 s. The status handler hears kUp when the server has accepted the
// source and kDown when it is lost (and on the first failed attempt).
// Frames sent while the link is down are dropped (missed()): the program
// keeps its clock, and the mount resumes with what is due when it is back.
//
// Writes never block: one async_write at a time; frames due while it is
// pending wait in a queue of at most kMaxQueued of audio, beyond which they
// are dropped and counted (dropped()).
//
// Threads: every method, every handler and the status handler on the
// owner's executor. Lifetime: owned through a shared_ptr (pending handlers
// hold it); stop() before releasing it silences the status handler.
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "media/rendition/air_rendition_format.hpp"
#include "media/icecast/icecast_sender.hpp"
#include "media/output_plan.hpp"

namespace wardcast::media {

class IcecastSource : public std::enable_shared_from_this<IcecastSource> {
 public:
  // The same link states and handler as the GStreamer IcecastSender, so a
  // program reports both kinds of mount the same way.
  using Link = IcecastSender::Link;
  using StatusHandler = IcecastSender::StatusHandler;

  IcecastSource(boost::asio::any_io_executor executor, IcecastOutput output,
                Mp3AirFormat format, StatusHandler handler);
  ~IcecastSource();
  IcecastSource(const IcecastSource&) = delete;
  IcecastSource& operator=(const IcecastSource&) = delete;

  // Connects, and reconnects whenever the link is lost, until stop().
  void start();
  // Closes the connection; no status is reported after it.
  void stop();
  // Writes one MP3 frame (queued while a write is pending); dropped while
  // the link is down or when the queue is full.
  void send(const std::uint8_t* frame, std::size_t size);

  const IcecastOutput& output() const { return output_; }
  bool up() const { return up_; }
  int reconnects() const { return reconnects_; }
  std::uint64_t sentBytes() const { return sent_bytes_; }
  std::uint64_t missed() const { return missed_; }    // frames due while down
  std::uint64_t dropped() const { return dropped_; }  // frames beyond the queue

  static constexpr std::chrono::milliseconds kMaxQueued{2000};
  static constexpr std::chrono::seconds kConnectTimeout{5};  // connect + request + answer
  static constexpr std::chrono::seconds kWriteTimeout{5};

 private:
  void connect();
  void onConnected(std::uint64_t attempt);
  void onAnswer(std::uint64_t attempt);
  void flush();
  void fail(std::uint64_t attempt, const std::string& why);
  void close();

  boost::asio::any_io_executor executor_;
  IcecastOutput output_;
  Mp3AirFormat format_;
  StatusHandler handler_;
  boost::asio::ip::tcp::resolver resolver_;
  std::optional<boost::beast::tcp_stream> stream_;
  boost::beast::flat_buffer buffer_;
  boost::beast::http::request<boost::beast::http::empty_body> request_;
  std::optional<boost::beast::http::response_parser<boost::beast::http::empty_body>> answer_;
  boost::asio::steady_timer retry_timer_;
  boost::asio::steady_timer stable_timer_;
  std::chrono::milliseconds backoff_;
  std::uint64_t attempt_ = 0;  // a handler of an older attempt does nothing
  bool running_ = false;
  bool up_ = false;
  bool writing_ = false;
  std::chrono::steady_clock::time_point write_started_;
  int reconnects_ = 0;
  std::vector<std::uint8_t> queued_;
  std::size_t max_queued_bytes_ = 0;
  std::uint64_t sent_bytes_ = 0;
  std::uint64_t missed_ = 0;
  std::uint64_t dropped_ = 0;
};

}  // namespace wardcast::media
