// RtcpSession against a real receiver: GStreamer's rtpbin (in this process,
// its own streaming threads) receives our RTP/Opus from an RtpOpusSender on
// 127.0.0.1:P and our Sender Reports on P+1, and sends its receiver reports
// from send_rtcp_src_0 to the session's port. Between sender and rtpbin a
// relay in the test stands for the network and can lose packets on demand.
//
// What a user of the health view would check: reports arrive, they are about
// our SSRC, nothing is lost on a clean link, jitter is small, the round trip
// is known once rtpbin has our SR; after the link loses 10 packets, the
// cumulative loss is exactly 10 and the fraction lost of that report is
// above zero; rtpbin itself read our SR's counts as we sent them.
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/udp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <gio/gio.h>
#include <gst/gst.h>
#include <unistd.h>

#include <algorithm>

#include "media/forward/opus_packet.hpp"
#include "media/forward/forward_program.hpp"
#include "media/decode/loudspeaker_program.hpp"
#include "media/forward/rtp_sender.hpp"
#include "media/gst/pipeline.hpp"
#include "media/rtcp/rtcp_session.hpp"
#include "tests/media/media_test_support.hpp"
#include "tests/support/test_support.hpp"
#include "tests/support/udp_port.hpp"

using namespace wardcast;
using namespace wardcast::test;
using namespace std::chrono_literals;
namespace asio = boost::asio;
using asio::ip::udp;

namespace {

const auto kLoopback = asio::ip::make_address("127.0.0.1");

// An RTP/RTCP port pair on 127.0.0.1: P even and P + 1, bound here and held
// until rtpbin's udpsrcs take the sockets over (startReceiver), so that no
// other process can take a port between the choice and rtpbin's start. A
// pair of which either port is taken (EADDRINUSE) is let go for a fresh one.
struct PortPair {
  explicit PortPair(asio::io_context& io) : rtp(io), rtcp(io) {
    for (int attempt = 0; attempt < 100; ++attempt) {
      const int port = freePort(Protocol::kUdp);
      if (port >= 65534 || port % 2) continue;
      boost::system::error_code ec;
      for (udp::socket* s : {&rtp, &rtcp}) {
        if (s->is_open()) s->close(ec);
        s->open(udp::v4(), ec);
      }
      rtp.bind(udp::endpoint(kLoopback, std::uint16_t(port)), ec);
      if (!ec) rtcp.bind(udp::endpoint(kLoopback, std::uint16_t(port + 1)), ec);
      if (!ec) {
        rtp_port = port;
        return;
      }
      if (ec != asio::error::address_in_use) FAIL("cannot bind a UDP port pair: " << ec.message());
    }
    FAIL("no free UDP port pair on 127.0.0.1");
  }
  int rtp_port = 0;
  udp::socket rtp;
  udp::socket rtcp;
};

// Hands a duplicate of `socket`'s descriptor to udpsrc `element`, which then
// receives on it instead of binding a port of its own.
void useSocket(const media::ElementHandle& element, udp::socket& socket) {
  GError* error = nullptr;
  GSocket* gsocket = g_socket_new_from_fd(::dup(socket.native_handle()), &error);
  if (!gsocket) FAIL("g_socket_new_from_fd: " << (error ? error->message : "?"));
  g_object_set(element.get(), "socket", gsocket, nullptr);
  g_object_unref(gsocket);
}

// The network between sender and loudspeaker: forwards each datagram it
// receives on 127.0.0.1:port() (a free port, bound with a retry) to
// 127.0.0.1:out, except the next `drop` ones.
class LossyLink {
 public:
  LossyLink(asio::io_context& io, int out)
      : socket_(io), in_(bindLoopbackUdp(socket_)), out_(kLoopback, std::uint16_t(out)) {
    receive();
  }
  int port() const { return in_; }
  void dropNext(int count) { drop_ = count; }
  int dropped() const { return dropped_; }

 private:
  void receive() {
    socket_.async_receive(asio::buffer(buffer_), [this](boost::system::error_code ec, std::size_t n) {
      if (ec) return;
      if (drop_ > 0) {
        --drop_;
        ++dropped_;
      } else {
        socket_.send_to(asio::buffer(buffer_.data(), n), out_, 0, ec);
      }
      receive();
    });
  }
  udp::socket socket_;
  int in_;
  udp::endpoint out_;
  std::array<std::uint8_t, 2048> buffer_{};
  int drop_ = 0;
  int dropped_ = 0;
};

// Sends a 20 ms Opus silence packet every 20 ms of the steady clock through
// an RtpOpusSender, and tells the tally about every packet that left: the
// hook a forwarding program gives its RtcpSession.
class PacedSender {
 public:
  PacedSender(asio::io_context& io, media::RtpOpusSender sender)
      : sender_(std::move(sender)), timer_(io), packet_(media::opusSilencePacket(20)) {}
  void start() {
    due_ = std::chrono::steady_clock::now();
    tick();
  }
  void stop() { timer_.cancel(); }
  const media::RtpOpusSender& sender() const { return sender_; }
  const media::RtpSenderTally& tally() const { return tally_; }
  std::size_t packetSize() const { return packet_.size(); }

 private:
  void tick() {
    auto timestamp = sender_.nextTimestamp();
    auto dropped = sender_.dropped();
    sender_.send(packet_.data(), packet_.size(), 960, first_);
    first_ = false;
    if (sender_.dropped() == dropped) tally_.onSent(sender_.ssrc(), timestamp, packet_.size(), due_);
    due_ += 20ms;
    timer_.expires_at(due_);
    timer_.async_wait([this](boost::system::error_code ec) {
      if (!ec) tick();
    });
  }
  media::RtpOpusSender sender_;
  asio::steady_timer timer_;
  std::vector<std::uint8_t> packet_;
  media::RtpSenderTally tally_;
  std::chrono::steady_clock::time_point due_;
  bool first_ = true;
};

// rtpbin receiving RTP on `ports.rtp`, RTCP on `ports.rtcp`, and sending its
// RTCP to `report_port`; reports every 300 ms or so instead of 5 s, and
// counts from the first packet (no probation).
std::unique_ptr<media::Pipeline> startReceiver(asio::io_context& io, PortPair& ports, int report_port,
                                               std::vector<std::string>& errors) {
  auto description = fmt::format(
      "rtpbin name=rtpbin latency=100 "
      "udpsrc name=rtp_in caps=\"application/x-rtp,media=(string)audio,"
      "clock-rate=(int)48000,encoding-name=(string)OPUS,payload=(int)96\" ! rtpbin.recv_rtp_sink_0 "
      "udpsrc name=rtcp_in caps=\"application/x-rtcp\" ! rtpbin.recv_rtcp_sink_0 "
      "rtpbin. ! rtpopusdepay ! opusdec ! fakesink sync=false async=false "
      "rtpbin.send_rtcp_src_0 ! udpsink host=127.0.0.1 port={0} sync=false async=false",
      report_port);
  auto pipeline = media::Pipeline::fromDescription(io.get_executor(), "rtcp-receiver", description);
  if (!pipeline) FAIL(pipeline.error().message);
  useSocket((*pipeline)->element("rtp_in"), ports.rtp);
  useSocket((*pipeline)->element("rtcp_in"), ports.rtcp);
  (*pipeline)->setEventHandler([&errors](const media::PipelineEvent& event) {
    if (auto* error = std::get_if<media::ErrorEvent>(&event))
      errors.push_back(error->element + ": " + error->message);
  });
  auto rtpbin = (*pipeline)->element("rtpbin");
  REQUIRE(rtpbin.get());
  GObject* session = nullptr;
  g_signal_emit_by_name(rtpbin.get(), "get-internal-session", 0u, &session);
  REQUIRE(session);
  // probation 0: with the default (2 packets) rtpbin 1.22 counts one packet
  // more received than expected and reports -1 lost for the whole stream.
  g_object_set(session, "rtcp-min-interval", guint64(300 * GST_MSECOND), "probation", guint(0),
               nullptr);
  g_object_unref(session);
  REQUIRE((*pipeline)->play().ok());
  return std::move(*pipeline);
}

// What rtpbin's session knows of `ssrc`'s last SR: {packets, octets}, or
// {-1, -1} when it has none.
std::pair<long, long> receiverSawReport(media::Pipeline& pipeline, std::uint32_t ssrc) {
  auto rtpbin = pipeline.element("rtpbin");
  GObject* session = nullptr;
  g_signal_emit_by_name(rtpbin.get(), "get-internal-session", 0u, &session);
  REQUIRE(session);
  GObject* source = nullptr;
  g_signal_emit_by_name(session, "get-source-by-ssrc", guint(ssrc), &source);
  g_object_unref(session);
  if (!source) return {-1, -1};
  GstStructure* stats = nullptr;
  g_object_get(source, "stats", &stats, nullptr);
  g_object_unref(source);
  REQUIRE(stats);
  gboolean have_sr = FALSE;
  guint packets = 0, octets = 0;
  gst_structure_get_boolean(stats, "have-sr", &have_sr);
  gst_structure_get_uint(stats, "sr-packet-count", &packets);
  gst_structure_get_uint(stats, "sr-octet-count", &octets);
  gst_structure_free(stats);
  if (!have_sr) return {-1, -1};
  return {long(packets), long(octets)};
}

// rtpbin listening to `program`'s single rtp:// output on `ports` and
// reporting to its RTCP session; the program's receiver stats go to `stats`.
template <class Program>
std::unique_ptr<media::Pipeline> reportToProgram(asio::io_context& io, PortPair& ports, Program& program,
                                                 std::vector<media::RtpReceiverStats>& stats,
                                                 std::vector<std::string>& errors) {
  REQUIRE(program.rtcpSessions().size() == 1);
  program.setReceiverStatsHandler([&stats](const media::RtpReceiverStats& s) { stats.push_back(s); });
  return startReceiver(io, ports, program.rtcpSessions().front()->localEndpoint().port(), errors);
}

}  // namespace

TEST_CASE("rtpbin's receiver reports reach the session as RtpReceiverStats", "[rtcp][integration]") {
  asio::io_context io;
  PortPair ports(io);
  const int rtp_port = ports.rtp_port;
  LossyLink link(io, rtp_port);
  const int link_port = link.port();

  auto output = media::planOutputs({fmt::format("rtp://127.0.0.1:{}?codec=opus", link_port)});
  REQUIRE(output.ok());
  auto sender = media::RtpOpusSender::open(io.get_executor(), output->rtp.at(0));
  if (!sender) FAIL(sender.error().message);
  PacedSender paced(io, std::move(*sender));

  // The session reports to rtpbin's RTCP port directly (RTCP is not lost).
  media::RtcpSessionSettings settings;
  settings.channel = "ward";
  settings.output_uri = output->rtp.at(0).uri;
  settings.remote = udp::endpoint(kLoopback, std::uint16_t(rtp_port + 1));
  settings.local = udp::endpoint(kLoopback, 0);
  settings.interval = 500ms;
  std::vector<media::RtpReceiverStats> stats;
  auto session = media::RtcpSession::open(
      io.get_executor(), settings, [&paced] { return paced.tally().counters(); },
      [&stats](const media::RtpReceiverStats& s) { stats.push_back(s); });
  if (!session) FAIL(session.error().message);

  std::vector<std::string> errors;
  auto receiver = startReceiver(io, ports, (*session)->localEndpoint().port(), errors);
  paced.start();
  (*session)->start();
  const auto ssrc = paced.sender().ssrc();

  SECTION("clean link: no loss, small jitter, a round trip") {
    auto withRoundTrip = [&] {
      return std::any_of(stats.begin(), stats.end(), [](const auto& s) { return s.round_trip; });
    };
    REQUIRE(runUntil(io, withRoundTrip, 10s));
    INFO("errors: " << (errors.empty() ? "" : errors[0]));
    CHECK(errors.empty());
    for (const auto& s : stats) {
      INFO("jitter " << s.jitter.count() << " us, round trip "
                     << (s.round_trip ? s.round_trip->count() : -1) << " us");
      CHECK(s.ssrc == ssrc);
      CHECK(s.channel == "ward");
      CHECK(s.packets_lost == 0);
      CHECK(s.fraction_lost == 0.0);
      CHECK(s.jitter >= 0us);
      // Paced by a timer on a shared machine, over loopback: jitter and round
      // trip stay well under what a listener or the health view would flag
      // (100 ms of jitter is five packets; a round trip of half a second is a
      // link in trouble), with room for a loaded CI machine.
      CHECK(s.jitter < 100ms);
      if (s.round_trip) CHECK(*s.round_trip < 500ms);
    }
    // rtpbin read our SR: packet count within the stream, every packet the
    // same size.
    auto [packets, octets] = receiverSawReport(*receiver, ssrc);
    REQUIRE(packets > 0);
    CHECK(packets <= long(paced.tally().counters()->packets));
    CHECK(octets == packets * long(paced.packetSize()));
  }

  SECTION("a link that loses 10 packets: the loss is reported exactly") {
    REQUIRE(runUntil(io, [&] { return !stats.empty(); }, 10s));
    CHECK(stats.back().packets_lost == 0);
    link.dropNext(10);
    auto lostTen = [&] {
      return std::any_of(stats.begin(), stats.end(), [](const auto& s) { return s.packets_lost == 10; });
    };
    REQUIRE(runUntil(io, lostTen, 10s));
    CHECK(link.dropped() == 10);
    auto first = std::find_if(stats.begin(), stats.end(), [](const auto& s) { return s.packets_lost != 0; });
    REQUIRE(first != stats.end());
    CHECK(first->ssrc == ssrc);
    CHECK(first->packets_lost == 10);  // counted at once: when the 11th packet arrived
    CHECK(first->fraction_lost > 0.0);
    CHECK(first->fraction_lost < 1.0);
    // The link is clean again: the next report says the same total and no
    // new loss.
    auto seen = stats.size();
    REQUIRE(runUntil(io, [&] { return stats.size() > seen; }, 10s));
    CHECK(stats.back().packets_lost == 10);
    CHECK(stats.back().fraction_lost == 0.0);
    CHECK(errors.empty());
  }

  (*session)->stop();
  paced.stop();
  receiver->stop();
  io.poll();
  CHECK((*session)->malformedReceived() == 0);
}

// The same through a forwarding program, as a channel runs on air: its
// rtp:// output has an RTCP session of its own, and rtpbin's reports come
// back through the program's receiver-stats handler.
TEST_CASE("a forwarding program's rtp:// output reports its receiver over RTCP", "[rtcp][integration]") {
  asio::io_context io;
  PortPair ports(io);
  const int rtp_port = ports.rtp_port;
  auto plan = media::planOutputs({fmt::format("rtp://127.0.0.1:{}?codec=opus", rtp_port)});
  REQUIRE(plan.ok());
  auto format = media::forwardFormat(*plan);
  REQUIRE(format);
  media::ForwardSettings settings{"ward", plan->rtp, *format};
  settings.rtcp_interval = 500ms;
  auto program = media::ForwardProgram::create(io.get_executor(), settings);
  if (!program) FAIL(program.error().message);
  std::vector<media::RtpReceiverStats> stats;
  std::vector<std::string> errors;
  auto receiver = reportToProgram(io, ports, **program, stats, errors);
  REQUIRE((*program)->start().ok());  // silence packets until something is queued
  REQUIRE(runUntil(io, [&] { return stats.size() >= 2; }, 10s));
  INFO("errors: " << (errors.empty() ? "" : errors[0]));
  CHECK(errors.empty());
  for (const auto& s : stats) {
    CHECK(s.ssrc == (*program)->senders().front().ssrc());
    CHECK(s.channel == "ward");
    CHECK(s.output_uri == plan->rtp.front().uri);
    CHECK(s.packets_lost == 0);
  }
  auto [packets, octets] = receiverSawReport(*receiver, (*program)->senders().front().ssrc());
  CHECK(packets > 0);
  CHECK(octets > 0);
  (*program)->stop();
  receiver->stop();
  io.poll();
}

// The same for a decoding program (LoudspeakerProgram: GStreamer's
// rtpopuspay ! udpsink): a probe on the udpsink counts what left, and the
// program's RTCP session reports it; rtpbin's receiver reports come back
// through the program's handler. The SSRC is the payloader's own, read from
// the packets, so reports are about the stream the receiver really gets.
TEST_CASE("a decoding program's rtp:// output reports its receiver over RTCP", "[rtcp][integration]") {
  asio::io_context io;
  TempDir dir;
  PortPair ports(io);
  const int rtp_port = ports.rtp_port;
  media::ProgramSettings settings;
  settings.channel_id = "ward";
  settings.outputs = {fmt::format("rtp://127.0.0.1:{}?codec=opus", rtp_port)};
  settings.rtcp_interval = 500ms;
  auto program = media::LoudspeakerProgram::create(io.get_executor(), settings);
  if (!program) FAIL(program.error().message);
  std::vector<media::RtpReceiverStats> stats;
  std::vector<std::string> errors;
  auto receiver = reportToProgram(io, ports, **program, stats, errors);
  (*program)->enqueue(measuredItem("tone", makeTone(dir.path() / "tone.wav", 440, 4, 0.3)));
  REQUIRE((*program)->start().ok());
  REQUIRE(runUntil(io, [&] { return stats.size() >= 3; }, 15s));
  INFO("errors: " << (errors.empty() ? "" : errors[0]));
  CHECK(errors.empty());
  for (const auto& s : stats) {
    CHECK(s.channel == "ward");
    CHECK(s.output_uri == settings.outputs.front());
    CHECK(s.packets_lost == 0);
    CHECK(s.fraction_lost == 0.0);
    CHECK(s.jitter < 100ms);  // as above: small, with room for a loaded machine
  }
  // The reports are about the SSRC rtpbin receives, and rtpbin read our SR
  // with a packet count that the stream can have had by now.
  const auto ssrc = stats.back().ssrc;
  auto [packets, octets] = receiverSawReport(*receiver, ssrc);
  REQUIRE(packets > 0);
  CHECK(octets > packets * 2);  // Opus frames of a tone, not empty packets
  auto on_air = std::chrono::duration_cast<std::chrono::milliseconds>((*program)->runningTime());
  CHECK(packets <= on_air.count() / 20 + 5);  // one 20 ms packet per frame, a few ahead
  (*program)->stop();
  receiver->stop();
  io.poll();
  CHECK((*program)->rtcpSessions().front()->reportsSent() >= 3);
}
