#include "daemon/http_server.hpp"

#include <sys/stat.h>

#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <spdlog/spdlog.h>

namespace wardcast::daemon {
namespace {

namespace http = boost::beast::http;
using Local = boost::asio::local::stream_protocol;

// One connection: reads requests one after another and answers each.
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(Local::socket socket, const ApiRouter& router)
      : socket_(std::move(socket)), timer_(socket_.get_executor()), router_(router) {}

  void read() {
    parser_.emplace();
    parser_->body_limit(HttpServer::kBodyLimit);
    timer_.expires_after(HttpServer::kIdleTimeout);
    timer_.async_wait([self = shared_from_this()](boost::system::error_code ec) {
      if (!ec) self->socket_.close();
    });
    http::async_read(socket_, buffer_, *parser_,
                     [self = shared_from_this()](boost::system::error_code ec, std::size_t) { self->onRead(ec); });
  }

 private:
  void onRead(boost::system::error_code ec) {
    timer_.cancel();
    if (ec == http::error::body_limit) return reply(jsonError(413, "the request body is over 1 MiB"), false);
    if (ec) return;  // closed, or not HTTP: nothing to answer
    const auto& request = parser_->get();
    ApiResponse response;
    auto target = splitTarget(std::string(request.target()));
    if (!target) {
      response = jsonError(400, "malformed request target");
    } else {
      ApiRequest api;
      api.method = request.method();
      api.path = target->first;
      api.query = target->second;
      api.body = request.body();
      api.user = std::string(request["X-Wardcast-User"]);
      response = router_.handle(api);
    }
    reply(std::move(response), request.keep_alive());
  }

  void reply(ApiResponse response, bool keep_alive) {
    auto message = std::make_shared<http::response<http::string_body>>(http::status(response.status), 11);
    message->set(http::field::server, "wardcastd");
    message->set(http::field::content_type, response.content_type);
    message->keep_alive(keep_alive);
    message->body() = std::move(response.body);
    message->prepare_payload();
    http::async_write(socket_, *message,
                      [self = shared_from_this(), message, keep_alive](boost::system::error_code ec, std::size_t) {
                        if (!ec && keep_alive) self->read();
                        else self->socket_.close();
                      });
  }

  Local::socket socket_;
  boost::asio::steady_timer timer_;
  const ApiRouter& router_;
  boost::beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
};

// A socket file nobody answers on is left from a daemon that died.
bool someoneListens(boost::asio::any_io_executor executor, const std::filesystem::path& path) {
  Local::socket probe(executor);
  boost::system::error_code ec;
  probe.connect(Local::endpoint(path.string()), ec);
  return !ec;
}

}  // namespace

Result<std::unique_ptr<HttpServer>> HttpServer::listenUnix(boost::asio::any_io_executor executor,
                                                           const std::filesystem::path& socket_path,
                                                           const ApiRouter& router) {
  std::error_code fs_ec;
  if (std::filesystem::exists(socket_path, fs_ec)) {
    if (someoneListens(executor, socket_path))
      return makeError(ErrorKind::kConflict, "another wardcastd already serves this station on " + socket_path.string());
    std::filesystem::remove(socket_path, fs_ec);
  }
  if (socket_path.string().size() >= sizeof(sockaddr_un{}.sun_path))
    return makeError(ErrorKind::kInvalidInput, "the API socket path is too long for a Unix socket (" +
                                                   std::to_string(sizeof(sockaddr_un{}.sun_path) - 1) +
                                                   " bytes at most): " + socket_path.string());
  std::filesystem::create_directories(socket_path.parent_path(), fs_ec);
  Local::acceptor acceptor(executor);
  boost::system::error_code ec;
  acceptor.open(Local(), ec);
  if (!ec) acceptor.bind(Local::endpoint(socket_path.string()), ec);
  if (!ec) acceptor.listen(Local::socket::max_listen_connections, ec);
  if (ec) return makeError(ErrorKind::kIo, "cannot listen on " + socket_path.string() + ": " + ec.message());
  ::chmod(socket_path.c_str(), 0660);
  return std::unique_ptr<HttpServer>(new HttpServer(std::move(acceptor), socket_path, router));
}

HttpServer::HttpServer(Local::acceptor acceptor, std::filesystem::path path, const ApiRouter& router)
    : acceptor_(std::move(acceptor)), path_(std::move(path)), router_(router) {}

HttpServer::~HttpServer() { stop(); }

void HttpServer::start() { accept(); }

void HttpServer::stop() {
  if (stopped_) return;
  stopped_ = true;
  boost::system::error_code ec;
  acceptor_.close(ec);
  std::error_code fs_ec;
  std::filesystem::remove(path_, fs_ec);
}

void HttpServer::accept() {
  acceptor_.async_accept([this](boost::system::error_code ec, Local::socket socket) {
    if (ec == boost::asio::error::operation_aborted) return;  // stopped: `this` may be gone
    if (ec) {
      if (stopped_) return;
      spdlog::warn("API socket: {}", ec.message());
    } else {
      std::make_shared<Session>(std::move(socket), router_)->read();
    }
    accept();
  });
}

}  // namespace wardcast::daemon
