// IcecastSource against a scripted server on loopback (an Asio acceptor in
// the test's own io_context), for what a real icecast2 does not show: the
// exact PUT request and its headers, the back-off between refused attempts,
// and that a server which stops reading never blocks the program's thread
// (frames beyond the queue are dropped and counted, and a write pending for
// kWriteTimeout ends the connection).
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/write.hpp>
#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <istream>

#include "media/forward/icecast_source.hpp"
#include "media/forward/mp3_frame.hpp"
#include "tests/media/media_test_support.hpp"

using namespace wardcast;
using namespace wardcast::test;
using namespace std::chrono_literals;
namespace asio = boost::asio;
using tcp = asio::ip::tcp;

namespace {

// Accepts connections, reads each request's header and answers it with
// `answer`; then reads nothing more (unless `drain`).
class ScriptedServer {
 public:
  ScriptedServer(asio::io_context& io, std::string answer)
      : acceptor_(io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)),
        answer_(std::move(answer)) {
    accept();
  }
  int port() const { return acceptor_.local_endpoint().port(); }
  std::vector<std::string> requests;                            // header blocks
  std::vector<std::chrono::steady_clock::time_point> accepted;  // when each came

 private:
  struct Connection {
    explicit Connection(const asio::any_io_executor& executor) : socket(executor) {}
    tcp::socket socket;
    asio::streambuf buffer;
  };
  void accept() {
    auto connection = std::make_shared<Connection>(acceptor_.get_executor());
    acceptor_.async_accept(connection->socket, [this, connection](boost::system::error_code ec) {
      if (ec) return;
      accepted.push_back(std::chrono::steady_clock::now());
      // A small receive buffer, so that a server that stops reading is
      // felt by the sender soon.
      connection->socket.set_option(asio::socket_base::receive_buffer_size(4096));
      asio::async_read_until(connection->socket, connection->buffer, "\r\n\r\n",
                             [this, connection](boost::system::error_code ec2, std::size_t n) {
                               if (ec2) return;
                               std::string header(asio::buffers_begin(connection->buffer.data()),
                                                  asio::buffers_begin(connection->buffer.data()) + long(n));
                               requests.push_back(header);
                               asio::write(connection->socket, asio::buffer(answer_));
                               connections_.push_back(connection);  // kept open, never read again
                             });
      accept();
    });
  }
  tcp::acceptor acceptor_;
  std::string answer_;
  std::vector<std::shared_ptr<Connection>> connections_;
};

media::IcecastOutput outputFor(int port) {
  media::IcecastOutput output;
  output.uri = fmt::format("icecast://source@127.0.0.1:{}/ward.mp3", port);
  output.host = "127.0.0.1";
  output.port = port;
  output.user = "source";
  output.password = "secret";
  output.mount = "/ward.mp3";
  output.stream_name = "Toàn phường";
  output.description = "Ward bulletins\r\nX-Injected: 1";  // a CR LF must not end the header
  output.genre = "Speech";
  output.is_public = true;
  return output;
}

struct Links {
  std::vector<std::pair<media::IcecastSource::Link, std::string>> all;
  bool up() const { return !all.empty() && all.back().first == media::IcecastSource::Link::kUp; }
  bool down() const { return !all.empty() && all.back().first == media::IcecastSource::Link::kDown; }
};

std::shared_ptr<media::IcecastSource> makeSource(asio::io_context& io, int port, Links& links) {
  return std::make_shared<media::IcecastSource>(
      io.get_executor(), outputFor(port), media::Mp3AirFormat{128},
      [&links](const media::IcecastOutput&, media::IcecastSource::Link link, const std::string& why) {
        links.all.emplace_back(link, why);
      });
}

}  // namespace

TEST_CASE("the Icecast source sends a PUT with its credentials and ice headers, then frames") {
  asio::io_context io;
  ScriptedServer server(io, "HTTP/1.0 200 OK\r\n\r\n");
  Links links;
  auto source = makeSource(io, server.port(), links);
  auto frame = media::mp3SilenceFrame(128);
  source->send(frame.data(), frame.size());  // before the link is up: dropped
  CHECK(source->missed() == 1);
  source->start();
  REQUIRE(runUntil(
      io, [&] { return links.up(); }, 5s));
  REQUIRE(server.requests.size() == 1);
  const std::string& request = server.requests.front();
  INFO(request);
  CHECK(request.rfind("PUT /ward.mp3 HTTP/1.1\r\n", 0) == 0);
  CHECK_THAT(request, Catch::Contains("Authorization: Basic c291cmNlOnNlY3JldA==\r\n"));  // source:secret
  CHECK_THAT(request, Catch::Contains("Content-Type: audio/mpeg\r\n"));
  CHECK_THAT(request, Catch::Contains("Ice-Public: 1\r\n"));
  CHECK_THAT(request, Catch::Contains("Ice-Name: Toàn phường\r\n"));
  CHECK_THAT(request, Catch::Contains("Ice-Description: Ward bulletins  X-Injected: 1\r\n"));
  CHECK_THAT(request, !Catch::Contains("\r\nX-Injected"));
  CHECK_THAT(request, Catch::Contains("Ice-Genre: Speech\r\n"));
  CHECK_THAT(request, Catch::Contains("Ice-Audio-Info: bitrate=128;samplerate=48000;channels=2\r\n"));
  CHECK_THAT(request, !Catch::Contains("Content-Length"));
  CHECK_THAT(request, !Catch::Contains("chunked"));
  source->send(frame.data(), frame.size());
  REQUIRE(runUntil(
      io, [&] { return source->sentBytes() == frame.size(); }, 5s));
  source->stop();
}

TEST_CASE("a refused Icecast source retries after 250, 500, 1000 ms and reports down once") {
  asio::io_context io;
  ScriptedServer server(io, "HTTP/1.0 401 Authentication Required\r\n\r\n");
  Links links;
  auto source = makeSource(io, server.port(), links);
  source->start();
  REQUIRE(runUntil(
      io, [&] { return server.accepted.size() >= 4; }, 10s));
  source->stop();
  REQUIRE(links.all.size() == 1);  // the first failure; not every retry
  CHECK(links.down());
  CHECK_THAT(links.all.front().second, Catch::Contains("401"));
  auto gap = [&](std::size_t i) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(server.accepted[i] - server.accepted[i - 1]);
  };
  INFO("gaps " << gap(1).count() << ", " << gap(2).count() << ", " << gap(3).count() << " ms");
  // Never sooner than the back-off; later by up to half a second on a
  // loaded machine, which still tells each step from the next doubling.
  CHECK(gap(1) >= 250ms);
  CHECK(gap(1) < 750ms);
  CHECK(gap(2) >= 500ms);
  CHECK(gap(2) < 1000ms);
  CHECK(gap(3) >= 1000ms);
  CHECK(gap(3) < 1500ms);
}

TEST_CASE("a server that stops reading never blocks the sender: frames are dropped, then it reconnects") {
  asio::io_context io;
  ScriptedServer server(io, "HTTP/1.0 200 OK\r\n\r\n");
  Links links;
  auto source = makeSource(io, server.port(), links);
  source->start();
  REQUIRE(runUntil(
      io, [&] { return links.up(); }, 5s));
  auto frame = media::mp3SilenceFrame(128);
  // Frames handed over as fast as the loop turns: the socket takes what
  // the kernel's buffers hold (megabytes on loopback), then the write stays
  // pending; the queue behind it holds at most 2 s of audio, and the next
  // frame is dropped and counted. Every send() returns at once.
  constexpr int kMost = 200000;  // 77 MB: more than any socket buffers
  auto begin = std::chrono::steady_clock::now();
  int handed = 0;
  for (; handed < kMost && source->dropped() == 0; ++handed) {
    source->send(frame.data(), frame.size());
    io.poll();  // completed writes finish, the next one starts
  }
  auto took = std::chrono::steady_clock::now() - begin;
  INFO("handed " << handed << " frames, " << source->sentBytes() << " bytes written, in "
                 << std::chrono::duration_cast<std::chrono::milliseconds>(took).count() << " ms");
  REQUIRE(source->dropped() == 1);
  CHECK(took < 5s);
  CHECK(source->sentBytes() < std::uint64_t(handed) * frame.size());  // the rest waits, queued
  // Not yet written: what is left of the write in flight and the queue
  // behind it, each at most 2 s at 128 kbit/s.
  auto waiting = std::uint64_t(handed - 1) * frame.size() - source->sentBytes();
  CHECK(waiting <= 2 * (2 * 128000 / 8));
  CHECK(links.up());
  // A frame due while the write has been stuck for kWriteTimeout ends the
  // connection, and the source connects again.
  auto stuck = std::chrono::steady_clock::now();
  REQUIRE(runUntil(
      io,
      [&] {
        source->send(frame.data(), frame.size());
        return links.down();
      },
      media::IcecastSource::kWriteTimeout + 3s));
  // Not at the first frame that found the write pending: only once it had
  // been pending for kWriteTimeout (it began during the burst above).
  CHECK(std::chrono::steady_clock::now() - stuck >= media::IcecastSource::kWriteTimeout - 2s);
  CHECK_THAT(links.all.back().second, Catch::Contains("has not completed"));
  REQUIRE(runUntil(
      io, [&] { return links.up(); }, 5s));
  CHECK(server.requests.size() == 2);
  source->stop();
}
