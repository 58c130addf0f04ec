#include "cli/daemon_client.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

namespace wardcast::cli {

namespace http = boost::beast::http;
using Local = boost::asio::local::stream_protocol;

Result<DaemonReply> DaemonClient::request(http::verb method, const std::string& target, const std::string& user,
                                          const std::string& body) const {
  boost::asio::io_context io;
  Local::socket socket(io);
  boost::system::error_code ec;
  socket.connect(Local::endpoint(socket_.string()), ec);
  if (ec)
    return makeError(ErrorKind::kNotFound,
                     "wardcastd is not running for this station (nothing answers on " + socket_.string() + ": " +
                         ec.message() + "); start it with `wardcastd --config FILE` or `systemctl start wardcastd`");
  http::request<http::string_body> req(method, target, 11);
  req.set(http::field::host, "wardcastd");
  req.set("X-Wardcast-User", user);
  if (!body.empty()) req.set(http::field::content_type, "application/json");
  req.body() = body;
  req.prepare_payload();
  boost::beast::flat_buffer buffer;
  http::response<http::string_body> res;
  bool done = false;
  http::async_write(socket, req, [&](boost::system::error_code wec, std::size_t) {
    if (wec) {
      ec = wec;
      done = true;
      return;
    }
    http::async_read(socket, buffer, res, [&](boost::system::error_code rec, std::size_t) {
      ec = rec;
      done = true;
    });
  });
  io.run_for(kTimeout);
  if (!done) return makeError(ErrorKind::kIo, "wardcastd did not answer within 10 s on " + socket_.string());
  if (ec) return makeError(ErrorKind::kIo, "talking to wardcastd on " + socket_.string() + ": " + ec.message());
  return DaemonReply{res.result_int(), res.body()};
}

}  // namespace wardcast::cli
