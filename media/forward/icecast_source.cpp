#include "media/forward/icecast_source.hpp"

#include <boost/asio/write.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include "media/icecast/icecast_backoff.hpp"
#include "util/base64.hpp"

namespace wardcast::media {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;

// IcecastSender's back-off, so both kinds of mount behave alike.
using namespace icecast_backoff;

// A configured text as a header value: control characters (a CR or LF
// would end the header early) become spaces.
std::string headerValue(std::string text) {
  for (char& c : text)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
  return text;
}

}  // namespace

IcecastSource::IcecastSource(boost::asio::any_io_executor executor, IcecastOutput output,
                             Mp3AirFormat format, StatusHandler handler)
    : executor_(executor),
      output_(std::move(output)),
      format_(format),
      handler_(std::move(handler)),
      resolver_(executor),
      retry_timer_(executor),
      stable_timer_(executor),
      backoff_(kFirstBackoff),
      max_queued_bytes_(std::size_t(format.bitrate_kbps) * 1000 / 8 *
                        std::size_t(kMaxQueued.count()) / 1000) {
  request_.method(http::verb::put);
  request_.target(output_.mount);
  request_.version(11);
  request_.set(http::field::host, fmt::format("{}:{}", output_.host, output_.port));
  request_.set(http::field::authorization,
               "Basic " + base64(output_.user + ":" + output_.password));
  request_.set(http::field::user_agent, "wardcast");
  request_.set(http::field::content_type, "audio/mpeg");
  request_.set("Ice-Public", output_.is_public ? "1" : "0");
  if (!output_.stream_name.empty()) request_.set("Ice-Name", headerValue(output_.stream_name));
  if (!output_.description.empty())
    request_.set("Ice-Description", headerValue(output_.description));
  if (!output_.genre.empty()) request_.set("Ice-Genre", headerValue(output_.genre));
  request_.set("Ice-Audio-Info", fmt::format("bitrate={};samplerate={};channels=2",
                                             format_.bitrate_kbps, kMp3AirRate));
}

IcecastSource::~IcecastSource() { stop(); }

void IcecastSource::start() {
  if (running_) return;
  running_ = true;
  connect();
}

void IcecastSource::stop() {
  running_ = false;
  ++attempt_;
  retry_timer_.cancel();
  stable_timer_.cancel();
  close();
}

void IcecastSource::close() {
  resolver_.cancel();
  if (stream_) {
    boost::system::error_code ignored;
    stream_->socket().shutdown(boost::asio::ip::tcp::socket::shutdown_both, ignored);
    stream_->close();
  }
  up_ = false;
  writing_ = false;
  queued_.clear();
}

void IcecastSource::connect() {
  std::uint64_t attempt = ++attempt_;
  stream_.emplace(executor_);
  buffer_.clear();
  stream_->expires_after(kConnectTimeout);
  auto connected = [self = shared_from_this(), attempt](boost::system::error_code ec, const auto&) {
    if (attempt != self->attempt_) return;
    if (ec) return self->fail(attempt, "cannot connect: " + ec.message());
    self->onConnected(attempt);
  };
  // A literal address needs no resolver (whose asynchronous form runs a
  // thread of its own behind the io_context).
  boost::system::error_code literal;
  auto address = boost::asio::ip::make_address(output_.host, literal);
  if (!literal) {
    std::array<boost::asio::ip::tcp::endpoint, 1> endpoints{
        boost::asio::ip::tcp::endpoint(address, std::uint16_t(output_.port))};
    stream_->async_connect(endpoints, std::move(connected));
    return;
  }
  resolver_.async_resolve(
      output_.host, std::to_string(output_.port),
      [self = shared_from_this(), attempt, connected = std::move(connected)](
          boost::system::error_code ec, boost::asio::ip::tcp::resolver::results_type results) mutable {
        if (attempt != self->attempt_) return;
        if (ec) return self->fail(attempt, "cannot resolve " + self->output_.host + ": " + ec.message());
        self->stream_->async_connect(results, std::move(connected));
      });
}

void IcecastSource::onConnected(std::uint64_t attempt) {
  boost::system::error_code ignored;
  stream_->socket().set_option(boost::asio::ip::tcp::no_delay(true), ignored);
  http::async_write(*stream_, request_,
                    [self = shared_from_this(), attempt](boost::system::error_code ec, std::size_t) {
                      if (attempt != self->attempt_) return;
                      if (ec) return self->fail(attempt, "cannot send the request: " + ec.message());
                      self->answer_.emplace();
                      http::async_read_header(
                          *self->stream_, self->buffer_, *self->answer_,
                          [self, attempt](boost::system::error_code ec2, std::size_t) {
                            if (attempt != self->attempt_) return;
                            if (ec2) return self->fail(attempt, "no answer: " + ec2.message());
                            self->onAnswer(attempt);
                          });
                    });
}

void IcecastSource::onAnswer(std::uint64_t attempt) {
  const auto& answer = answer_->get();
  if (answer.result() != http::status::ok)
    return fail(attempt, fmt::format("the server refused the source: {} {}",
                                     answer.result_int(), std::string(answer.reason())));
  stream_->expires_never();
  up_ = true;
  spdlog::info("icecast {}: source connected", output_.uri);
  if (handler_) handler_(output_, Link::kUp, "connected");
  stable_timer_.expires_after(kResetBackoffAfter);
  stable_timer_.async_wait([self = shared_from_this(), attempt](boost::system::error_code ec) {
    if (!ec && attempt == self->attempt_) self->backoff_ = kFirstBackoff;
  });
}

void IcecastSource::send(const std::uint8_t* frame, std::size_t size) {
  if (!up_) {
    ++missed_;
    return;
  }
  // A write that has not completed for this long means a server that no
  // longer reads: the connection is given up (and tried again).
  if (writing_ && std::chrono::steady_clock::now() - write_started_ > kWriteTimeout) {
    ++missed_;
    return fail(attempt_, fmt::format("a write has not completed for {} s", kWriteTimeout.count()));
  }
  if (queued_.size() + size > max_queued_bytes_) {
    ++dropped_;
    return;
  }
  queued_.insert(queued_.end(), frame, frame + size);
  if (!writing_) flush();
}

// One write at a time, on the bare socket (no per-write timer: send()
// watches how long it has been pending). Its buffer is owned by the
// handler, so closing the connection meanwhile never leaves the write
// pointing at freed memory.
void IcecastSource::flush() {
  auto data = std::make_shared<std::vector<std::uint8_t>>(std::move(queued_));
  queued_ = {};
  writing_ = true;
  write_started_ = std::chrono::steady_clock::now();
  boost::asio::async_write(
      stream_->socket(), boost::asio::buffer(*data),
      [self = shared_from_this(), attempt = attempt_, data](boost::system::error_code ec,
                                                            std::size_t written) {
        if (attempt != self->attempt_) return;
        self->writing_ = false;
        self->sent_bytes_ += written;
        if (ec) return self->fail(attempt, "the connection was lost: " + ec.message());
        if (!self->queued_.empty()) self->flush();
      });
}

void IcecastSource::fail(std::uint64_t attempt, const std::string& why) {
  if (attempt != attempt_ || !running_) return;
  bool was_up = up_;
  ++attempt_;  // handlers of this connection are stale from now on
  stable_timer_.cancel();
  close();
  if (was_up || reconnects_ == 0) {
    if (handler_) handler_(output_, Link::kDown, why);
  }
  spdlog::warn("icecast {}: {}; retrying in {} ms", output_.uri, why, backoff_.count());
  retry_timer_.expires_after(backoff_);
  backoff_ = std::min(backoff_ * 2, kMaxBackoff);
  ++reconnects_;
  retry_timer_.async_wait([self = shared_from_this(), attempt = attempt_](boost::system::error_code ec) {
    if (!ec && attempt == self->attempt_ && self->running_) self->connect();
  });
}

}  // namespace wardcast::media
