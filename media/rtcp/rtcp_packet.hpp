#pragma once
// RTCP packets (RFC 3550 §6) as far as the sender of one RTP stream needs
// them: building its Sender Report compound packet (SR + SDES CNAME, and BYE
// when it leaves), and reading the compound packets its receivers send back
// (SR and RR report blocks, SDES CNAMEs, BYE).
//
// Pure functions on byte buffers; callable from any thread. parseRtcp() never
// reads outside [data, data + size): every length field is checked against
// the bytes that are really there before it is used, and a datagram that
// fails any check is rejected whole (RFC 3550 Appendix A.2).
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "util/result.hpp"

namespace wardcast::media {

// RTCP packet types (RFC 3550 §12.1).
constexpr std::uint8_t kRtcpSenderReport = 200;
constexpr std::uint8_t kRtcpReceiverReport = 201;
constexpr std::uint8_t kRtcpSourceDescription = 202;
constexpr std::uint8_t kRtcpBye = 203;
constexpr std::uint8_t kSdesCname = 1;

// 64-bit NTP timestamp (RFC 3550 §4): seconds since 1900-01-01 UTC in the
// high 32 bits, the fraction of a second in the low 32.
std::uint64_t ntpTimestamp(std::chrono::system_clock::time_point instant);
// The middle 32 bits of an NTP timestamp (16.16 fixed-point seconds), the
// form LSR and DLSR use.
constexpr std::uint32_t ntpCompact(std::uint64_t ntp) { return std::uint32_t(ntp >> 16); }

// What a Sender Report says about its sender (RFC 3550 §6.4.1).
struct RtcpSenderInfo {
  std::uint32_t ssrc = 0;
  std::uint64_t ntp = 0;            // wall clock when the report was sent
  std::uint32_t rtp_timestamp = 0;  // the same instant on the stream's RTP clock
  std::uint32_t packets = 0;        // RTP data packets sent since the stream began (mod 2^32)
  std::uint32_t octets = 0;         // payload octets in them (mod 2^32)
};

// One report block of an SR or RR (RFC 3550 §6.4.1), fields as sent.
struct RtcpReportBlock {
  std::uint32_t reporter_ssrc = 0;       // who sent the report
  std::uint32_t source_ssrc = 0;         // the stream the block is about
  std::uint8_t fraction_lost = 0;        // lost / expected since the last report, × 256
  std::int32_t packets_lost = 0;         // cumulative; the 24-bit field sign-extended
  std::uint32_t highest_sequence = 0;    // extended highest sequence number received
  std::uint32_t jitter = 0;              // interarrival jitter, RTP clock units
  std::uint32_t last_sr = 0;             // LSR: ntpCompact() of the last SR received, 0 = none
  std::uint32_t delay_since_last_sr = 0; // DLSR, 1/65536 s
};

struct RtcpCname {
  std::uint32_t ssrc = 0;
  std::string cname;
};

// Everything a compound packet carried that we use.
struct RtcpCompound {
  std::vector<RtcpSenderInfo> sender_reports;
  std::vector<RtcpReportBlock> report_blocks;  // from SRs and RRs, in order
  std::vector<RtcpCname> cnames;               // SDES CNAME items
  std::vector<std::uint32_t> byes;             // SSRCs that left
  std::size_t other_packets = 0;  // well-formed packets of other types (APP, XR, feedback)
};

// Parses one UDP datagram as a compound RTCP packet. Checks: version 2 in
// every packet; the length fields add up to the datagram exactly; padding
// only on the last packet and no longer than it; every declared report
// block, SDES chunk and item, and BYE SSRC inside its packet. Does not
// require the first packet to be SR/RR (reduced-size RTCP, RFC 5506).
// Error (kInvalidInput) naming the first problem; nothing is used then.
Result<RtcpCompound> parseRtcp(const std::uint8_t* data, std::size_t size);

enum class RtcpLeave { kStay = 1, kBye };

// An SR without report blocks (we receive no RTP) followed by an SDES with
// our CNAME (truncated to 255 octets), and a BYE when `leave` is kBye.
std::vector<std::uint8_t> buildSenderReport(const RtcpSenderInfo& info, const std::string& cname,
                                            RtcpLeave leave = RtcpLeave::kStay);

// The round-trip time a report block measures (RFC 3550 §6.4.1): arrival
// minus LSR minus DLSR, all in compact NTP. `arrival` is ntpCompact() of the
// wall clock when the report arrived. Empty when LSR is 0 (no SR received
// yet). A result below zero (clock granularity) counts as zero.
std::optional<std::chrono::microseconds> rtcpRoundTrip(std::uint32_t arrival, std::uint32_t last_sr,
                                                       std::uint32_t delay_since_last_sr);

// Interarrival jitter in RTP clock units as a duration.
std::chrono::microseconds rtpJitter(std::uint32_t jitter, int clock_rate);

}  // namespace wardcast::media
