#include "media/rtcp/rtcp_session.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <boost/asio/ip/host_name.hpp>

#include <algorithm>

namespace wardcast::media {
namespace asio = boost::asio;
using asio::ip::udp;

Result<RtcpSessionSettings> rtcpSettingsFor(const asio::any_io_executor& executor,
                                            const std::string& channel, const RtpOutput& output) {
  if (output.multicast)
    return makeError(ErrorKind::kInvalidInput,
                     fmt::format("output {}: RTCP for multicast outputs is not supported",
                                 output.uri));
  if (output.port <= 0 || output.port >= 65535)
    return makeError(ErrorKind::kInvalidInput,
                     fmt::format("output {}: no RTCP port after RTP port {}", output.uri,
                                 output.port));
  auto rtcp_port = std::to_string(output.port + 1);
  boost::system::error_code ec;
  udp::resolver resolver(executor);
  auto found = resolver.resolve(output.host, rtcp_port, ec);
  if (ec || found.empty())
    return makeError(ErrorKind::kInvalidInput, fmt::format("output {}: cannot resolve {}: {}",
                                                           output.uri, output.host, ec.message()));
  RtcpSessionSettings settings;
  settings.channel = channel;
  settings.output_uri = output.uri;
  settings.remote = found.begin()->endpoint();
  return settings;
}

Result<std::unique_ptr<RtcpSession>> RtcpSession::open(asio::any_io_executor executor,
                                                       RtcpSessionSettings settings,
                                                       RtpSenderCountersSource counters,
                                                       RtpReceiverStatsHandler handler) {
  if (settings.interval < kMinInterval)
    return makeError(ErrorKind::kInvalidInput,
                     fmt::format("output {}: RTCP interval {} ms is below {} ms",
                                 settings.output_uri, settings.interval.count(),
                                 kMinInterval.count()));
  if (settings.local.address().is_unspecified() &&
      settings.local.protocol() != settings.remote.protocol())
    settings.local = udp::endpoint(settings.remote.protocol(), settings.local.port());
  if (settings.cname.empty()) {
    boost::system::error_code ignored;
    auto host = asio::ip::host_name(ignored);
    settings.cname = "wardcast@" + (host.empty() ? std::string("localhost") : host);
  }
  boost::system::error_code ec;
  udp::socket socket(executor);
  socket.open(settings.local.protocol(), ec);
  if (!ec) socket.bind(settings.local, ec);
  if (!ec) socket.non_blocking(true, ec);
  if (ec)
    return makeError(ErrorKind::kIo,
                     fmt::format("output {}: cannot open the RTCP socket on {}: {}",
                                 settings.output_uri, settings.local.port(), ec.message()));
  return std::unique_ptr<RtcpSession>(new RtcpSession(std::move(socket), std::move(settings),
                                                      std::move(counters), std::move(handler)));
}

RtcpSession::RtcpSession(udp::socket socket, RtcpSessionSettings settings,
                         RtpSenderCountersSource counters,
                         RtpReceiverStatsHandler handler)
    : socket_(std::move(socket)),
      timer_(socket_.get_executor()),
      settings_(std::move(settings)),
      counters_(std::move(counters)),
      handler_(std::move(handler)) {}

RtcpSession::~RtcpSession() {
  *alive_ = false;
  boost::system::error_code ignored;
  timer_.cancel();
  socket_.close(ignored);
}

udp::endpoint RtcpSession::localEndpoint() const {
  boost::system::error_code ec;
  auto endpoint = socket_.local_endpoint(ec);
  return ec ? udp::endpoint() : endpoint;
}

void RtcpSession::start() {
  if (running_) return;
  running_ = true;
  receive();
  scheduleReport(0.5);  // RFC 3550 §6.2: the first report after half the interval
}

void RtcpSession::stop() {
  if (!running_) return;
  if (have_ssrc_) sendReport(RtcpLeave::kBye);
  running_ = false;
  ++generation_;
  timer_.cancel();
  boost::system::error_code ignored;
  socket_.cancel(ignored);
}

void RtcpSession::scheduleReport(double share) {
  std::uniform_real_distribution<double> factor(0.5, 1.5);
  auto delay = std::chrono::duration<double, std::milli>(double(settings_.interval.count()) *
                                                         share * factor(random_));
  timer_.expires_after(std::chrono::duration_cast<std::chrono::microseconds>(delay));
  timer_.async_wait([this, alive = std::weak_ptr<bool>(alive_),
                     generation = generation_](boost::system::error_code ec) {
    if (ec || alive.expired() || generation != generation_) return;
    sendReport(RtcpLeave::kStay);
    scheduleReport(1.0);
  });
}

void RtcpSession::sendReport(RtcpLeave leave) {
  auto counters = counters_ ? counters_() : std::nullopt;
  if (!counters) return;  // nothing sent yet: nothing to report
  auto wall = std::chrono::system_clock::now();
  auto steady = std::chrono::steady_clock::now();
  RtcpSenderInfo info;
  info.ssrc = counters->ssrc;
  info.ntp = ntpTimestamp(wall);
  // The RTP clock at `wall`: the counters' pair moved on by the time since.
  auto since = std::chrono::duration<double>(steady - counters->sent_at).count();
  info.rtp_timestamp =
      counters->rtp_timestamp + std::uint32_t(std::int64_t(since * settings_.clock_rate));
  info.packets = counters->packets;
  info.octets = counters->octets;
  auto datagram = buildSenderReport(info, settings_.cname, leave);
  boost::system::error_code ec;
  socket_.send_to(asio::buffer(datagram), settings_.remote, 0, ec);
  if (ec) {
    spdlog::debug("output {}: RTCP report not sent: {}", settings_.output_uri, ec.message());
    return;
  }
  ssrc_ = info.ssrc;
  have_ssrc_ = true;
  sent_lsr_[next_lsr_] = ntpCompact(info.ntp);
  next_lsr_ = (next_lsr_ + 1) % sent_lsr_.size();
  ++reports_sent_;
}

void RtcpSession::receive() {
  socket_.async_receive_from(
      asio::buffer(buffer_), sender_,
      [this, alive = std::weak_ptr<bool>(alive_), generation = generation_](
          boost::system::error_code ec, std::size_t size) {
        if (alive.expired() || generation != generation_ || ec == asio::error::operation_aborted)
          return;
        if (ec)
          spdlog::debug("output {}: RTCP receive: {}", settings_.output_uri, ec.message());
        else
          onDatagram(size);
        // The handler may have stopped or destroyed the session.
        if (!alive.expired() && running_ && generation == generation_) receive();
      });
}

void RtcpSession::onDatagram(std::size_t size) {
  auto arrival = std::chrono::system_clock::now();
  // A datagram that filled the buffer may have been cut short: parseRtcp()
  // then finds its length fields wrong and rejects it.
  auto parsed = parseRtcp(buffer_.data(), size);
  if (!parsed) {
    ++malformed_received_;
    spdlog::debug("output {}: from {}: {}", settings_.output_uri, sender_.address().to_string(),
                  parsed.error().message);
    return;
  }
  if (!have_ssrc_) return;  // no SR sent yet: no block can be about us
  auto arrival_compact = ntpCompact(ntpTimestamp(arrival));
  auto alive = std::weak_ptr<bool>(alive_);
  for (const auto& block : parsed->report_blocks) {
    if (block.source_ssrc != ssrc_) continue;
    RtpReceiverStats stats;
    stats.channel = settings_.channel;
    stats.output_uri = settings_.output_uri;
    stats.ssrc = block.source_ssrc;
    stats.fraction_lost = block.fraction_lost / 256.0;
    stats.packets_lost = block.packets_lost;
    stats.jitter = rtpJitter(block.jitter, settings_.clock_rate);
    // Only an LSR that is one of our recent SRs says anything about the path.
    if (std::find(sent_lsr_.begin(), sent_lsr_.end(), block.last_sr) != sent_lsr_.end())
      stats.round_trip = rtcpRoundTrip(arrival_compact, block.last_sr, block.delay_since_last_sr);
    stats.received = std::chrono::floor<std::chrono::milliseconds>(arrival);
    ++blocks_reported_;
    if (handler_) handler_(stats);
    if (alive.expired()) return;  // the handler destroyed the session
  }
}

}  // namespace wardcast::media
