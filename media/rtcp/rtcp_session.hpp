#pragma once
// RtcpSession: the RTCP half of one rtp:// output (RFC 3550 §6). It owns a
// UDP socket bound to a local port, sends the output's Sender Reports (SR +
// SDES CNAME) to the receiver's RTCP address (by default the RTP host, RTP
// port + 1) and turns every report block about our SSRC that comes back on
// that socket (in an SR or RR, any compound) into an RtpReceiverStats for
// the handler.
//
// Receivers that answer symmetric RTCP (reply to where SRs come from) reach
// us without any configuration; others must be told our local port.
//
// Report timing, RFC 3550 §6.2-6.3 simplified: one sender, and a handful of
// receivers per output, so the bandwidth rule (5% of the session, 64 kbit/s
// for Opus) never lengthens the interval beyond its 5 s minimum. Each report
// is sent after `interval` × a uniform random factor in [0.5, 1.5], the first
// after half of that; no reconsideration, no member counting. stop() sends a
// final SR + SDES + BYE.
//
// Threads: every method, every socket and timer handler, the counters source
// and the stats handler run on the owner's executor. No thread is started.
// Destroy on that executor; handlers already queued then find it gone.
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/ip/udp.hpp>
#include <boost/asio/steady_timer.hpp>

#include <array>
#include <chrono>
#include <cstdint>
#include <memory>
#include <random>
#include <string>

#include "media/output_health.hpp"
#include "media/output_plan.hpp"
#include "media/rtcp/rtcp_packet.hpp"
#include "media/rtcp/rtp_sender_tally.hpp"
#include "util/result.hpp"

namespace wardcast::media {

struct RtcpSessionSettings {
  std::string channel;     // copied into every RtpReceiverStats
  std::string output_uri;  // likewise (no password in rtp:// URIs)
  boost::asio::ip::udp::endpoint remote;  // where SRs go: the receiver's RTCP port
  // Bound here. Port 0 = ephemeral; an unspecified address (the default,
  // of remote's family) receives on every interface.
  boost::asio::ip::udp::endpoint local;
  std::string cname;  // SDES CNAME; empty = "wardcast@" + host name
  std::chrono::milliseconds interval{5000};  // mean time between SRs, at least kMinInterval
  int clock_rate = 48000;                    // RTP clock (Opus: 48 kHz), for jitter and SR timestamps
};

// Settings for an rtp:// output: remote = its host, RTP port + 1 (resolved
// once, now, like RtpOpusSender). Refuses multicast outputs (receiving their
// reports needs a group membership this session does not take) and port 65535.
Result<RtcpSessionSettings> rtcpSettingsFor(const boost::asio::any_io_executor& executor,
                                            const std::string& channel, const RtpOutput& output);

class RtcpSession {
 public:
  static constexpr std::chrono::milliseconds kMinInterval{100};
  // How many recent SRs are remembered to recognise an LSR for round trips.
  static constexpr std::size_t kRememberedReports = 8;

  // Opens and binds the socket. `counters` and `handler` must stay callable
  // as long as the session lives.
  static Result<std::unique_ptr<RtcpSession>> open(boost::asio::any_io_executor executor,
                                                   RtcpSessionSettings settings,
                                                   RtpSenderCountersSource counters,
                                                   RtpReceiverStatsHandler handler);
  ~RtcpSession();
  RtcpSession(const RtcpSession&) = delete;
  RtcpSession& operator=(const RtcpSession&) = delete;

  // Starts receiving and schedules the first SR. Idempotent.
  void start();
  // Sends SR + SDES + BYE (when the sender has sent anything), stops the
  // timer and receiving. start() may follow. Idempotent.
  void stop();

  // The bound address and port (the port to give receivers).
  boost::asio::ip::udp::endpoint localEndpoint() const;
  const RtcpSessionSettings& settings() const { return settings_; }
  std::uint64_t reportsSent() const { return reports_sent_; }
  // Datagrams that failed parseRtcp() (counted, logged at debug, ignored).
  std::uint64_t malformedReceived() const { return malformed_received_; }
  // Report blocks about our SSRC passed to the handler.
  std::uint64_t blocksReported() const { return blocks_reported_; }

 private:
  RtcpSession(boost::asio::ip::udp::socket socket, RtcpSessionSettings settings,
              RtpSenderCountersSource counters, RtpReceiverStatsHandler handler);
  void scheduleReport(double share);  // the next SR after share × interval × [0.5, 1.5]
  void sendReport(RtcpLeave leave);
  void receive();
  void onDatagram(std::size_t size);

  boost::asio::ip::udp::socket socket_;
  boost::asio::steady_timer timer_;
  RtcpSessionSettings settings_;
  RtpSenderCountersSource counters_;
  RtpReceiverStatsHandler handler_;
  bool running_ = false;
  std::uint64_t generation_ = 0;  // bumped by stop(): older handlers do nothing
  std::minstd_rand random_{std::random_device{}()};
  std::uint32_t ssrc_ = 0;  // of the last SR sent; 0 before the first
  bool have_ssrc_ = false;
  std::array<std::uint32_t, kRememberedReports> sent_lsr_{};  // ntpCompact() of recent SRs
  std::size_t next_lsr_ = 0;
  std::array<std::uint8_t, 4096> buffer_{};
  boost::asio::ip::udp::endpoint sender_;
  std::uint64_t reports_sent_ = 0;
  std::uint64_t malformed_received_ = 0;
  std::uint64_t blocks_reported_ = 0;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace wardcast::media
