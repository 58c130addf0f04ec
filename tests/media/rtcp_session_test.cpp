// RtcpSession on loopback against a scripted receiver (a UDP socket in the
// test): its Sender Reports carry the sender's counters and CNAME and an RTP
// timestamp that follows the stream's clock; a receiver report sent back to
// the session's port becomes RtpReceiverStats about our SSRC only, with the
// round trip measured from our own SR; garbage is counted and ignored; stop()
// says BYE. Every wait has a deadline.
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/udp.hpp>
#include <catch2/catch.hpp>

#include "media/rtcp/rtcp_packet.hpp"
#include "media/rtcp/rtcp_session.hpp"
#include "tests/media/media_test_support.hpp"
#include "tests/support/test_support.hpp"
#include "tests/support/udp_port.hpp"

using namespace wardcast;
using namespace wardcast::media;
using namespace wardcast::test;
using namespace std::chrono_literals;
namespace asio = boost::asio;
using asio::ip::udp;

namespace {

constexpr std::uint32_t kSsrc = 0x5eed0001;

// The far end of the session: receives its datagrams, answers with reports.
struct ScriptedReceiver {
  explicit ScriptedReceiver(asio::io_context& io) : socket(io) {
    bindLoopbackUdp(socket);  // a free port, a fresh one if it was taken
    receive();
  }
  void receive() {
    socket.async_receive_from(asio::buffer(buffer), from, [this](auto ec, std::size_t n) {
      if (ec) return;
      datagrams.emplace_back(buffer.begin(), buffer.begin() + long(n));
      receive();
    });
  }
  RtcpCompound parsed(std::size_t i) const {
    auto result = parseRtcp(datagrams.at(i).data(), datagrams.at(i).size());
    REQUIRE(result.ok());
    return *result;
  }
  void send(const std::vector<std::uint8_t>& bytes) { socket.send_to(asio::buffer(bytes), from); }

  udp::socket socket;
  std::array<std::uint8_t, 2048> buffer{};
  udp::endpoint from;
  std::vector<std::vector<std::uint8_t>> datagrams;
};

void put32(std::vector<std::uint8_t>& out, std::uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(std::uint8_t(v >> shift));
}

// RR from 0x0badcafe with one block per source: fraction 32/256, lost 3,
// jitter 96 (2 ms at 48 kHz), the given LSR and DLSR 0.
std::vector<std::uint8_t> receiverReport(const std::vector<std::uint32_t>& sources,
                                         std::uint32_t last_sr) {
  std::vector<std::uint8_t> b = {std::uint8_t(0x80 | sources.size()), 201, 0,
                                 std::uint8_t(1 + 6 * sources.size())};
  put32(b, 0x0badcafe);
  for (auto source : sources) {
    put32(b, source);
    b.insert(b.end(), {32, 0, 0, 3});
    put32(b, 1000);
    put32(b, 96);
    put32(b, last_sr);
    put32(b, 0);
  }
  return b;
}

struct Fixture {
  asio::io_context io;
  ScriptedReceiver receiver{io};
  RtpSenderTally tally;
  std::vector<media::RtpReceiverStats> stats;
  std::unique_ptr<RtcpSession> session;

  Fixture() {
    RtcpSessionSettings settings;
    settings.channel = "ward";
    settings.output_uri = "rtp://127.0.0.1:5004?codec=opus";
    settings.remote = receiver.socket.local_endpoint();
    settings.local = udp::endpoint(asio::ip::make_address("127.0.0.1"), 0);
    settings.cname = "wardcast@test";
    settings.interval = 200ms;
    auto opened = RtcpSession::open(
        io.get_executor(), settings, [this] { return tally.counters(); },
        [this](const media::RtpReceiverStats& s) { stats.push_back(s); });
    if (!opened) FAIL(opened.error().message);
    session = std::move(*opened);
  }
};

}  // namespace

TEST_CASE("no sender report before the sender has sent anything", "[rtcp]") {
  Fixture f;
  f.session->start();
  CHECK(f.session->localEndpoint().port() != 0);
  f.io.run_for(700ms);  // three and a half mean intervals
  CHECK(f.session->reportsSent() == 0);
  CHECK(f.receiver.datagrams.empty());
}

TEST_CASE("sender reports carry the sender's counters, clock and CNAME", "[rtcp]") {
  Fixture f;
  auto sent_at = std::chrono::steady_clock::now();
  for (std::uint32_t i = 0; i < 50; ++i) f.tally.onSent(kSsrc, 1000 + 960 * i, 160, sent_at);
  auto wall_before = ntpTimestamp(std::chrono::system_clock::now());
  f.session->start();
  REQUIRE(runUntil(f.io, [&] { return f.receiver.datagrams.size() >= 2; }, 3s));
  auto steady_after = std::chrono::steady_clock::now();
  auto first = f.receiver.parsed(0);
  REQUIRE(first.sender_reports.size() == 1);
  const auto& sr = first.sender_reports[0];
  CHECK(sr.ssrc == kSsrc);
  CHECK(sr.packets == 50);
  CHECK(sr.octets == 50 * 160);
  CHECK(sr.ntp >= wall_before);
  // The last packet (timestamp 1000 + 49 × 960) left at sent_at; the report
  // went later, and its RTP time moved on at 48 kHz meanwhile.
  auto last = std::uint32_t(1000 + 49 * 960);
  auto elapsed = std::chrono::duration<double>(steady_after - sent_at).count();
  CHECK(sr.rtp_timestamp - last > 0);
  CHECK(sr.rtp_timestamp - last <= std::uint32_t(elapsed * 48000) + 1);
  REQUIRE(first.cnames.size() == 1);
  CHECK(first.cnames[0].ssrc == kSsrc);
  CHECK(first.cnames[0].cname == "wardcast@test");
  CHECK(f.session->reportsSent() >= 2);
}

TEST_CASE("receiver reports about our SSRC become RtpReceiverStats", "[rtcp]") {
  Fixture f;
  f.tally.onSent(kSsrc, 0, 100);
  auto started = std::chrono::steady_clock::now();
  f.session->start();
  REQUIRE(runUntil(f.io, [&] { return !f.receiver.datagrams.empty(); }, 3s));
  auto sr = f.receiver.parsed(0).sender_reports.at(0);

  // One block about us (echoing our SR), one about someone else.
  f.receiver.send(receiverReport({0x0e15e000, kSsrc}, ntpCompact(sr.ntp)));
  REQUIRE(runUntil(f.io, [&] { return !f.stats.empty(); }, 2s));
  auto answered = std::chrono::steady_clock::now();
  f.io.poll();
  REQUIRE(f.stats.size() == 1);
  const auto& s = f.stats[0];
  CHECK(s.channel == "ward");
  CHECK(s.output_uri == "rtp://127.0.0.1:5004?codec=opus");
  CHECK(s.ssrc == kSsrc);
  CHECK(s.fraction_lost == Approx(0.125));
  CHECK(s.packets_lost == 3);
  CHECK(s.jitter == 2000us);
  REQUIRE(s.round_trip.has_value());
  // From our SR leaving to the RR arriving (the receiver held it for DLSR =
  // 0): within what the test saw pass from start() to the stats.
  CHECK(*s.round_trip <= std::chrono::duration_cast<std::chrono::microseconds>(answered - started));
  auto now = std::chrono::system_clock::now();
  CHECK(s.received <= now);
  CHECK(s.received > now - 5s);

  // An LSR that is not one of our SRs gives no round trip.
  f.receiver.send(receiverReport({kSsrc}, 0x12345678));
  REQUIRE(runUntil(f.io, [&] { return f.stats.size() == 2; }, 2s));
  CHECK_FALSE(f.stats[1].round_trip.has_value());
  CHECK(f.session->blocksReported() == 2);
}

TEST_CASE("garbage is counted and ignored, and the session keeps listening", "[rtcp]") {
  Fixture f;
  f.tally.onSent(kSsrc, 0, 100);
  f.session->start();
  REQUIRE(runUntil(f.io, [&] { return !f.receiver.datagrams.empty(); }, 3s));
  f.receiver.send({0x80, 201, 0, 9, 1, 2, 3, 4});  // length past the end
  f.receiver.send({0xde, 0xad, 0xbe, 0xef});          // version 3
  auto truncated = receiverReport({kSsrc}, 0);
  truncated.resize(20);
  f.receiver.send(truncated);
  REQUIRE(runUntil(f.io, [&] { return f.session->malformedReceived() == 3; }, 2s));
  CHECK(f.stats.empty());
  f.receiver.send(receiverReport({kSsrc}, 0));
  REQUIRE(runUntil(f.io, [&] { return f.stats.size() == 1; }, 2s));
  CHECK_FALSE(f.stats[0].round_trip.has_value());  // LSR 0: no SR received yet
}

TEST_CASE("stop() says BYE and stops reporting, and start() resumes", "[rtcp]") {
  Fixture f;
  f.tally.onSent(kSsrc, 0, 100);
  f.session->start();
  REQUIRE(runUntil(f.io, [&] { return !f.receiver.datagrams.empty(); }, 3s));
  f.session->stop();
  REQUIRE(runUntil(f.io, [&] {
    return !f.receiver.datagrams.empty() && !f.receiver.parsed(f.receiver.datagrams.size() - 1).byes.empty();
  }, 2s));
  auto last = f.receiver.parsed(f.receiver.datagrams.size() - 1);
  CHECK(last.byes == std::vector<std::uint32_t>{kSsrc});
  CHECK(last.sender_reports.size() == 1);  // BYE rides in a compound with an SR
  auto count = f.receiver.datagrams.size();
  f.io.run_for(500ms);  // more than two mean intervals
  CHECK(f.receiver.datagrams.size() == count);
  f.session->start();
  REQUIRE(runUntil(f.io, [&] { return f.receiver.datagrams.size() > count; }, 3s));
  CHECK(f.receiver.parsed(count).byes.empty());
}

TEST_CASE("the stats handler may destroy the session", "[rtcp]") {
  Fixture f;
  f.tally.onSent(kSsrc, 0, 100);
  RtcpSessionSettings settings = f.session->settings();
  std::unique_ptr<RtcpSession> session;
  int calls = 0;
  auto opened = RtcpSession::open(
      f.io.get_executor(), settings, [&] { return f.tally.counters(); },
      [&](const media::RtpReceiverStats&) {
        ++calls;
        session.reset();
      });
  REQUIRE(opened.ok());
  session = std::move(*opened);
  session->start();
  REQUIRE(runUntil(f.io, [&] { return f.receiver.datagrams.size() >= 1; }, 3s));
  f.receiver.from = session->localEndpoint();
  f.receiver.send(receiverReport({kSsrc, kSsrc}, 0));  // two blocks: one call
  REQUIRE(runUntil(f.io, [&] { return session == nullptr; }, 2s));
  f.io.run_for(300ms);
  CHECK(calls == 1);
}

TEST_CASE("rtp:// outputs give the RTCP address, and bad ones are refused", "[rtcp]") {
  asio::io_context io;
  auto plan = planOutputs({"rtp://127.0.0.1:5004?codec=opus"});
  REQUIRE(plan.ok());
  auto settings = rtcpSettingsFor(io.get_executor(), "ward", plan->rtp.at(0));
  REQUIRE(settings.ok());
  CHECK(settings->remote.port() == 5005);
  CHECK(settings->remote.address().to_string() == "127.0.0.1");
  CHECK(settings->channel == "ward");
  RtpOutput multicast = plan->rtp.at(0);
  multicast.multicast = true;
  CHECK_FALSE(rtcpSettingsFor(io.get_executor(), "ward", multicast).ok());
  RtpOutput top = plan->rtp.at(0);
  top.port = 65535;
  CHECK_FALSE(rtcpSettingsFor(io.get_executor(), "ward", top).ok());
  RtcpSessionSettings fast = *settings;
  fast.interval = 10ms;
  CHECK_FALSE(RtcpSession::open(io.get_executor(), fast, {}, {}).ok());
}
