#include "media/rtcp/rtcp_packet.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace wardcast::media {
namespace {

// Seconds from the NTP era (1900-01-01) to the Unix epoch (1970-01-01).
constexpr std::uint64_t kNtpToUnixSeconds = 2208988800ULL;
constexpr std::size_t kHeaderSize = 4;
constexpr std::size_t kSenderInfoSize = 20;  // after the SR's SSRC
constexpr std::size_t kReportBlockSize = 24;

std::uint32_t read32(const std::uint8_t* p) {
  return std::uint32_t(p[0]) << 24 | std::uint32_t(p[1]) << 16 | std::uint32_t(p[2]) << 8 | p[3];
}

void put32(std::vector<std::uint8_t>& out, std::uint32_t value) {
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(std::uint8_t(value >> shift));
}

Error malformed(const std::string& why) {
  return makeError(ErrorKind::kInvalidInput, "malformed RTCP: " + why);
}

// One RTCP packet inside a compound: its header fields and its body (the
// bytes after the 4-byte header, padding removed). `body` points into the
// datagram and `body_size` never exceeds what is there.
struct PacketView {
  std::uint8_t count = 0;  // RC or SC
  std::uint8_t type = 0;
  const std::uint8_t* body = nullptr;
  std::size_t body_size = 0;
};

std::optional<Error> parseReportBlocks(const PacketView& packet, std::size_t offset,
                                       std::uint32_t reporter, RtcpCompound& out) {
  if (offset + std::size_t(packet.count) * kReportBlockSize > packet.body_size)
    return malformed(fmt::format("{} report blocks do not fit in a {}-byte packet", packet.count,
                                 packet.body_size + kHeaderSize));
  for (std::size_t i = 0; i < packet.count; ++i) {
    const std::uint8_t* b = packet.body + offset + i * kReportBlockSize;
    RtcpReportBlock block;
    block.reporter_ssrc = reporter;
    block.source_ssrc = read32(b);
    block.fraction_lost = b[4];
    std::uint32_t lost = std::uint32_t(b[5]) << 16 | std::uint32_t(b[6]) << 8 | b[7];
    block.packets_lost = std::int32_t(lost & 0x800000 ? std::int64_t(lost) - 0x1000000 : lost);
    block.highest_sequence = read32(b + 8);
    block.jitter = read32(b + 12);
    block.last_sr = read32(b + 16);
    block.delay_since_last_sr = read32(b + 20);
    out.report_blocks.push_back(block);
  }
  return std::nullopt;
}

std::optional<Error> parseSenderReport(const PacketView& packet, RtcpCompound& out) {
  if (packet.body_size < 4 + kSenderInfoSize) return malformed("SR shorter than its sender info");
  RtcpSenderInfo info;
  info.ssrc = read32(packet.body);
  info.ntp = std::uint64_t(read32(packet.body + 4)) << 32 | read32(packet.body + 8);
  info.rtp_timestamp = read32(packet.body + 12);
  info.packets = read32(packet.body + 16);
  info.octets = read32(packet.body + 20);
  out.sender_reports.push_back(info);
  return parseReportBlocks(packet, 4 + kSenderInfoSize, info.ssrc, out);
}

std::optional<Error> parseReceiverReport(const PacketView& packet, RtcpCompound& out) {
  if (packet.body_size < 4) return malformed("RR without its SSRC");
  return parseReportBlocks(packet, 4, read32(packet.body), out);
}

// SDES (RFC 3550 §6.5): `count` chunks, each an SSRC then items (type,
// length, text) ended by a zero type and padded to a 32-bit boundary.
std::optional<Error> parseSourceDescription(const PacketView& packet, RtcpCompound& out) {
  std::size_t at = 0;
  for (std::size_t chunk = 0; chunk < packet.count; ++chunk) {
    if (at + 4 > packet.body_size) return malformed("SDES chunk past the end of its packet");
    std::uint32_t ssrc = read32(packet.body + at);
    at += 4;
    for (;;) {
      if (at >= packet.body_size) return malformed("SDES chunk without its end");
      std::uint8_t type = packet.body[at];
      if (type == 0) break;
      if (at + 2 > packet.body_size) return malformed("SDES item without its length");
      std::size_t length = packet.body[at + 1];
      if (at + 2 + length > packet.body_size) return malformed("SDES item past the end of its packet");
      if (type == kSdesCname)
        out.cnames.push_back({ssrc, std::string(reinterpret_cast<const char*>(packet.body + at + 2),
                                                length)});
      at += 2 + length;
    }
    at = (at + 4) & ~std::size_t(3);  // the end item, then padding to 32 bits
    if (at > packet.body_size) return malformed("SDES chunk padding past the end of its packet");
  }
  return std::nullopt;
}

std::optional<Error> parseBye(const PacketView& packet, RtcpCompound& out) {
  if (std::size_t(packet.count) * 4 > packet.body_size)
    return malformed(fmt::format("BYE of {} sources in a {}-byte packet", packet.count,
                                 packet.body_size + kHeaderSize));
  for (std::size_t i = 0; i < packet.count; ++i) out.byes.push_back(read32(packet.body + 4 * i));
  return std::nullopt;  // an optional reason follows; we do not use it
}

std::optional<Error> parsePacket(const PacketView& packet, RtcpCompound& out) {
  switch (packet.type) {
    case kRtcpSenderReport:
      return parseSenderReport(packet, out);
    case kRtcpReceiverReport:
      return parseReceiverReport(packet, out);
    case kRtcpSourceDescription:
      return parseSourceDescription(packet, out);
    case kRtcpBye:
      return parseBye(packet, out);
    default:
      ++out.other_packets;
      return std::nullopt;
  }
}

}  // namespace

std::uint64_t ntpTimestamp(std::chrono::system_clock::time_point instant) {
  auto since_epoch = std::chrono::duration_cast<std::chrono::nanoseconds>(instant.time_since_epoch());
  auto seconds = std::chrono::floor<std::chrono::seconds>(since_epoch);
  auto nanos = std::uint64_t((since_epoch - seconds).count());
  std::uint64_t fraction = (nanos << 32) / 1'000'000'000ULL;
  return (std::uint64_t(seconds.count()) + kNtpToUnixSeconds) << 32 | fraction;
}

Result<RtcpCompound> parseRtcp(const std::uint8_t* data, std::size_t size) {
  if (size == 0 || data == nullptr) return malformed("empty datagram");
  RtcpCompound out;
  std::size_t at = 0;
  while (at < size) {
    if (size - at < kHeaderSize)
      return malformed(fmt::format("{} stray bytes after the last packet", size - at));
    const std::uint8_t* p = data + at;
    if ((p[0] >> 6) != 2) return malformed(fmt::format("version {} at byte {}", p[0] >> 6, at));
    std::size_t packet_size = (std::size_t(p[2]) << 8 | p[3]) * 4 + kHeaderSize;
    if (packet_size > size - at)
      return malformed(fmt::format("a {}-byte packet at byte {} of a {}-byte datagram",
                                   packet_size, at, size));
    PacketView packet{std::uint8_t(p[0] & 0x1f), p[1], p + kHeaderSize, packet_size - kHeaderSize};
    if (p[0] & 0x20) {  // padding: only the last packet may have it
      if (at + packet_size != size) return malformed("padding before the last packet");
      std::size_t padding = p[packet_size - 1];
      if (padding == 0 || padding > packet.body_size) return malformed("bad padding length");
      packet.body_size -= padding;
    }
    if (auto error = parsePacket(packet, out)) return *error;
    at += packet_size;
  }
  return out;
}

std::vector<std::uint8_t> buildSenderReport(const RtcpSenderInfo& info, const std::string& cname,
                                            RtcpLeave leave) {
  std::vector<std::uint8_t> out;
  // SR, no report blocks: 28 bytes, length 6 (32-bit words minus one).
  out.insert(out.end(), {0x80, kRtcpSenderReport, 0, 6});
  put32(out, info.ssrc);
  put32(out, std::uint32_t(info.ntp >> 32));
  put32(out, std::uint32_t(info.ntp));
  put32(out, info.rtp_timestamp);
  put32(out, info.packets);
  put32(out, info.octets);
  // SDES, one chunk: SSRC, CNAME item, end item, padding to 32 bits.
  std::size_t sdes = out.size();
  std::size_t length = std::min<std::size_t>(cname.size(), 255);
  out.insert(out.end(), {0x81, kRtcpSourceDescription, 0, 0});
  put32(out, info.ssrc);
  out.push_back(kSdesCname);
  out.push_back(std::uint8_t(length));
  out.insert(out.end(), cname.begin(), cname.begin() + long(length));
  do out.push_back(0);  // at least one zero: the end item
  while ((out.size() - sdes) % 4 != 0);
  std::size_t words = (out.size() - sdes) / 4 - 1;
  out[sdes + 2] = std::uint8_t(words >> 8);
  out[sdes + 3] = std::uint8_t(words);
  if (leave == RtcpLeave::kBye) {
    out.insert(out.end(), {0x81, kRtcpBye, 0, 1});
    put32(out, info.ssrc);
  }
  return out;
}

std::optional<std::chrono::microseconds> rtcpRoundTrip(std::uint32_t arrival, std::uint32_t last_sr,
                                                       std::uint32_t delay_since_last_sr) {
  if (last_sr == 0) return std::nullopt;
  auto units = std::int32_t(arrival - last_sr - delay_since_last_sr);  // 1/65536 s, mod 2^32
  if (units < 0) units = 0;
  return std::chrono::microseconds(std::int64_t(units) * 1'000'000 / 65536);
}

std::chrono::microseconds rtpJitter(std::uint32_t jitter, int clock_rate) {
  if (clock_rate <= 0) return std::chrono::microseconds(0);
  return std::chrono::microseconds(std::int64_t(jitter) * 1'000'000 / clock_rate);
}

}  // namespace wardcast::media
