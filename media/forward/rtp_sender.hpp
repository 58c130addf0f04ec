#pragma once
// RtpOpusSender: one rtp:// output of a forwarding program. It wraps Opus
// packets in RTP (RFC 3550, payload format RFC 7587: one Opus packet per RTP
// packet, 48 kHz clock) and sends them with a non-blocking UDP socket. The
// SSRC, sequence numbers and timestamps belong to the sender, not to an item:
// receivers see one stream from start() to stop(), across items and silence.
//
// Threads: every method on the owner's executor. send() never blocks: a
// datagram the kernel will not take at once is counted in dropped() and lost
// (as a late packet would be).
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/ip/udp.hpp>

#include <array>
#include <cstdint>

#include "media/output_plan.hpp"
#include "media/rtcp/rtp_sender_tally.hpp"
#include "util/result.hpp"

namespace wardcast::media {

class RtpOpusSender {
 public:
  // Resolves the output's host (a literal address resolves without the
  // network) and opens the socket. Multicast hosts get the output's ttl;
  // an output naming a multicast interface is refused (see forwardFormat()).
  static Result<RtpOpusSender> open(const boost::asio::any_io_executor& executor,
                                    const RtpOutput& output);

  // Sends one Opus packet lasting `samples` (48 kHz); the next packet's
  // timestamp follows it. `marker` sets the RTP marker bit (first packet).
  void send(const std::uint8_t* opus, std::size_t size, std::uint32_t samples, bool marker);

  std::uint32_t ssrc() const { return ssrc_; }
  // The next packet's sequence number and timestamp: a program that takes
  // over this output (LoudspeakerProgram for a live source) can continue the
  // stream with them (rtpopuspay's seqnum-offset and timestamp-offset).
  std::uint16_t nextSequence() const { return sequence_; }
  std::uint32_t nextTimestamp() const { return timestamp_; }
  std::uint64_t sent() const { return sent_; }
  std::uint64_t dropped() const { return dropped_; }
  // What left, for the output's RTCP Sender Reports (rtcp_session.hpp).
  const RtpSenderTally& tally() const { return tally_; }
  const std::string& uri() const { return uri_; }

 private:
  RtpOpusSender(boost::asio::ip::udp::socket socket, boost::asio::ip::udp::endpoint to,
                const RtpOutput& output);

  boost::asio::ip::udp::socket socket_;
  boost::asio::ip::udp::endpoint to_;
  std::string uri_;
  std::uint8_t payload_type_ = 96;
  std::uint32_t ssrc_ = 0;
  std::uint16_t sequence_ = 0;
  std::uint32_t timestamp_ = 0;
  std::uint64_t sent_ = 0;
  std::uint64_t dropped_ = 0;
  RtpSenderTally tally_;
};

}  // namespace wardcast::media
