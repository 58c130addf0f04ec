#include "drivers/icecast_stats_poller.hpp"

#include <fmt/format.h>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "drivers/driver_uri.hpp"
#include "util/base64.hpp"

namespace wardcast::drivers {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
using tcp = boost::asio::ip::tcp;

constexpr std::uint64_t kBodyLimit = 4 << 20;  // bytes; statistics are small

SysMillis nowMillis() {
  return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
}

}  // namespace

Result<IcecastOutputTarget> icecastTargetFor(std::string_view output_uri) {
  auto uri = parseDriverUri(output_uri);
  if (!uri) return uri.error();
  if (uri->scheme != "icecast") {
    return makeError(ErrorKind::kInvalidInput, "not an icecast:// output URI");
  }
  if (uri->host.empty() || uri->path.size() < 2) {
    return makeError(
        ErrorKind::kInvalidInput,
        "an icecast output needs a host and a mount, e.g. icecast://HOST:8000/ward.mp3");
  }
  IcecastOutputTarget target;
  target.server.host = uri->host;
  target.server.port = uri->port.value_or(8000);
  target.mount = uri->path;
  return target;
}

// One poll at a time: resolve, connect, write, read, report, wait, repeat.
class IcecastStatsPoller::Impl : public std::enable_shared_from_this<Impl> {
 public:
  Impl(boost::asio::any_io_executor executor, IcecastPollerConfig config, ReportHandler handler)
      : resolver_(executor),
        stream_(executor),
        timer_(executor),
        config_(std::move(config)),
        handler_(std::move(handler)),
        server_(fmt::format("{}:{}", config_.host, config_.port)) {}

  void start() {
    running_ = true;
    if (!busy_) poll();
  }
  void stop() {
    running_ = false;
    timer_.cancel();
    resolver_.cancel();
    stream_.cancel();
  }

 private:
  bool admin() const { return config_.admin_user && config_.admin_password; }
  void poll();
  void onConnected(beast::error_code ec);
  void onRead(beast::error_code ec);
  void finish(const IcecastListenerReport& report);
  void fail(std::string_view step, beast::error_code ec) {
    finish(
        {server_, nowMillis(), {}, fmt::format("{}: {} failed: {}", server_, step, ec.message())});
  }

  tcp::resolver resolver_;
  beast::tcp_stream stream_;
  boost::asio::steady_timer timer_;
  IcecastPollerConfig config_;
  ReportHandler handler_;
  std::string server_;
  bool running_ = false;
  bool busy_ = false;
  http::request<http::empty_body> request_;
  beast::flat_buffer buffer_;
  std::optional<http::response_parser<http::string_body>> parser_;
};

void IcecastStatsPoller::Impl::poll() {
  busy_ = true;
  request_ = {http::verb::get, admin() ? "/admin/stats" : "/status-json.xsl", 11};
  request_.set(http::field::host, server_);
  request_.set(http::field::user_agent, "wardcast");
  request_.set(http::field::connection, "close");
  if (admin()) {
    request_.set(http::field::authorization,
                 "Basic " + base64(*config_.admin_user + ":" + *config_.admin_password));
  }
  stream_.expires_after(config_.timeout);
  resolver_.async_resolve(
      config_.host, std::to_string(config_.port),
      [self = shared_from_this()](beast::error_code ec,
                                  const tcp::resolver::results_type& results) {
        if (ec) return self->fail("resolve", ec);
        self->stream_.async_connect(
            results, [self](beast::error_code ec, const tcp::endpoint&) { self->onConnected(ec); });
      });
}

void IcecastStatsPoller::Impl::onConnected(beast::error_code ec) {
  if (ec) return fail("connect", ec);
  http::async_write(
      stream_, request_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
        if (ec) return self->fail("request", ec);
        self->buffer_.clear();
        self->parser_.emplace();
        self->parser_->body_limit(kBodyLimit);
        http::async_read(self->stream_, self->buffer_, *self->parser_,
                         [self](beast::error_code ec, std::size_t) { self->onRead(ec); });
      });
}

void IcecastStatsPoller::Impl::onRead(beast::error_code ec) {
  if (ec) return fail("reading the answer", ec);
  const auto& response = parser_->get();
  IcecastListenerReport report{server_, nowMillis(), {}, {}};
  if (response.result() == http::status::unauthorized) {
    report.error = fmt::format("{}: the admin user or password was refused", server_);
  } else if (response.result() != http::status::ok) {
    const auto target = request_.target();
    const auto reason = response.reason();
    report.error = fmt::format(
        "{}: GET {} answered {} {}", server_, std::string_view(target.data(), target.size()),
        response.result_int(), std::string_view(reason.data(), reason.size()));
  } else {
    auto mounts = admin() ? parseAdminStats(response.body()) : parseStatusJson(response.body());
    if (mounts) {
      report.mounts = std::move(*mounts);
    } else {
      report.error = fmt::format("{}: {}", server_, mounts.error().message);
    }
  }
  finish(report);
}

void IcecastStatsPoller::Impl::finish(const IcecastListenerReport& report) {
  beast::error_code ignored;
  stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
  stream_.close();
  busy_ = false;
  if (!running_) return;  // stopped: the handler is not called any more
  handler_(report);
  if (!running_) return;  // the handler stopped us
  timer_.expires_after(config_.interval);
  timer_.async_wait([weak = weak_from_this()](const beast::error_code& ec) {
    auto self = weak.lock();
    if (ec || !self || !self->running_ || self->busy_) return;
    self->poll();
  });
}

IcecastStatsPoller::IcecastStatsPoller(boost::asio::any_io_executor executor,
                                       IcecastPollerConfig config, ReportHandler on_report)
    : impl_(std::make_shared<Impl>(std::move(executor), std::move(config), std::move(on_report))) {}

IcecastStatsPoller::~IcecastStatsPoller() {
  impl_->stop();
}

void IcecastStatsPoller::start() {
  impl_->start();
}
void IcecastStatsPoller::stop() {
  impl_->stop();
}

}  // namespace wardcast::drivers
