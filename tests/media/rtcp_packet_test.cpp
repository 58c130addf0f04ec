// RTCP packets (media/rtcp/rtcp_packet.hpp): our Sender Report reads back as
// sent; receiver reports written out byte by byte (as RFC 3550 §6.4 draws
// them) parse to the right fields; malformed datagrams are refused with a
// reason; random and mutated bytes never make the parser read outside the
// datagram (each is copied into a buffer of exactly its size, so an
// ASan build catches any overrun).
#include <catch2/catch.hpp>

#include <random>

#include "media/rtcp/rtcp_packet.hpp"

using namespace wardcast;
using namespace wardcast::media;
using namespace std::chrono_literals;

namespace {

using Bytes = std::vector<std::uint8_t>;

void put32(Bytes& out, std::uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(std::uint8_t(v >> shift));
}

// An RR from 0x11223344 with one block about `source`, then SDES CNAME
// "rx@loudspeaker-7", then BYE with a reason, then an APP packet.
Bytes receiverCompound(std::uint32_t source) {
  Bytes b = {0x81, 201, 0, 7};  // V=2, RC=1, RR, 8 words
  put32(b, 0x11223344);
  put32(b, source);
  b.insert(b.end(), {64, 0xff, 0xff, 0xfe});  // fraction 64/256, lost -2
  put32(b, 0x0001'2345);                      // extended highest sequence
  put32(b, 480);                              // jitter: 480 / 48 kHz = 10 ms
  put32(b, 0xabcd'1234);                      // LSR
  put32(b, 0x0000'8000);                      // DLSR: 0.5 s
  // SDES: header, SSRC, CNAME (16 chars), end, pad: 4 + 4 + 2 + 16 + 2 = 28 bytes.
  b.insert(b.end(), {0x81, 202, 0, 6});
  put32(b, 0x11223344);
  b.insert(b.end(), {1, 16});
  for (char c : std::string("rx@loudspeaker-7")) b.push_back(std::uint8_t(c));
  b.insert(b.end(), {0, 0});
  // BYE with reason "off" (length 3): SSRC, 1 + 3 bytes.
  b.insert(b.end(), {0x81, 203, 0, 2});
  put32(b, 0x11223344);
  b.insert(b.end(), {3, 'o', 'f', 'f'});
  // APP, name "test", no data.
  b.insert(b.end(), {0x80, 204, 0, 2});
  put32(b, 0x11223344);
  b.insert(b.end(), {'t', 'e', 's', 't'});
  return b;
}

Result<RtcpCompound> parse(const Bytes& bytes) {
  // An exact-size heap copy: one byte too far is outside the allocation.
  auto copy = std::make_unique<std::uint8_t[]>(std::max<std::size_t>(bytes.size(), 1));
  std::copy(bytes.begin(), bytes.end(), copy.get());
  return parseRtcp(copy.get(), bytes.size());
}

std::string refusal(const Bytes& bytes) {
  auto result = parse(bytes);
  return result.ok() ? std::string("(accepted)") : result.error().message;
}

}  // namespace

TEST_CASE("our sender report reads back as sent, with its CNAME and BYE", "[rtcp]") {
  RtcpSenderInfo info{0xdeadbeef, 0x1122334455667788ULL, 123456789, 1500, 240000};
  auto sr = buildSenderReport(info, "wardcast@tram-phuong");
  CHECK(sr.size() % 4 == 0);
  auto parsed = parse(sr);
  REQUIRE(parsed.ok());
  REQUIRE(parsed->sender_reports.size() == 1);
  const auto& back = parsed->sender_reports[0];
  CHECK(back.ssrc == 0xdeadbeef);
  CHECK(back.ntp == 0x1122334455667788ULL);
  CHECK(back.rtp_timestamp == 123456789);
  CHECK(back.packets == 1500);
  CHECK(back.octets == 240000);
  CHECK(parsed->report_blocks.empty());
  REQUIRE(parsed->cnames.size() == 1);
  CHECK(parsed->cnames[0].ssrc == 0xdeadbeef);
  CHECK(parsed->cnames[0].cname == "wardcast@tram-phuong");
  CHECK(parsed->byes.empty());

  auto bye = buildSenderReport(info, "x", RtcpLeave::kBye);
  auto left = parse(bye);
  REQUIRE(left.ok());
  CHECK(left->byes == std::vector<std::uint32_t>{0xdeadbeef});

  // CNAMEs of every length pad correctly, and 255 octets is the most.
  for (std::size_t n : {0u, 1u, 2u, 3u, 4u, 5u, 254u, 255u, 300u}) {
    auto packet = buildSenderReport(info, std::string(n, 'a'));
    auto again = parse(packet);
    INFO("CNAME of " << n);
    REQUIRE(again.ok());
    CHECK(again->cnames.at(0).cname.size() == std::min<std::size_t>(n, 255));
  }
}

TEST_CASE("a receiver's compound packet gives every field of its report block", "[rtcp]") {
  auto parsed = parse(receiverCompound(0xaabbccdd));
  REQUIRE(parsed.ok());
  REQUIRE(parsed->report_blocks.size() == 1);
  const auto& block = parsed->report_blocks[0];
  CHECK(block.reporter_ssrc == 0x11223344);
  CHECK(block.source_ssrc == 0xaabbccdd);
  CHECK(block.fraction_lost == 64);
  CHECK(block.packets_lost == -2);
  CHECK(block.highest_sequence == 0x12345);
  CHECK(rtpJitter(block.jitter, 48000) == 10ms);
  CHECK(block.last_sr == 0xabcd1234);
  CHECK(block.delay_since_last_sr == 0x8000);
  REQUIRE(parsed->cnames.size() == 1);
  CHECK(parsed->cnames[0].cname == "rx@loudspeaker-7");
  CHECK(parsed->byes == std::vector<std::uint32_t>{0x11223344});
  CHECK(parsed->other_packets == 1);
}

TEST_CASE("cumulative loss is a 24-bit signed number", "[rtcp]") {
  auto lostAs = [](std::uint8_t a, std::uint8_t b, std::uint8_t c) {
    auto bytes = receiverCompound(1);
    bytes[13] = a, bytes[14] = b, bytes[15] = c;
    auto parsed = parse(bytes);
    REQUIRE(parsed.ok());
    return parsed->report_blocks.at(0).packets_lost;
  };
  CHECK(lostAs(0, 0, 0) == 0);
  CHECK(lostAs(0, 0, 10) == 10);
  CHECK(lostAs(0x7f, 0xff, 0xff) == 8388607);
  CHECK(lostAs(0x80, 0, 0) == -8388608);
  CHECK(lostAs(0xff, 0xff, 0xff) == -1);
}

TEST_CASE("NTP timestamps, round trips and jitter in real units", "[rtcp]") {
  std::chrono::system_clock::time_point epoch{};
  CHECK(ntpTimestamp(epoch) == 2208988800ULL << 32);
  CHECK(ntpTimestamp(epoch + 500ms) == (2208988800ULL << 32 | 0x80000000ULL));
  CHECK(ntpCompact(ntpTimestamp(epoch + 1500ms)) == ((2208988801U << 16) | 0x8000U));

  // Arrival 0.75 s after the SR left; the receiver held it 0.5 s: 0.25 s.
  CHECK(rtcpRoundTrip(0x1000'0000 + 0xc000, 0x1000'0000, 0x8000) == 250000us);
  CHECK_FALSE(rtcpRoundTrip(0x1234, 0, 0).has_value());
  // Across the 16-bit seconds wrap.
  CHECK(rtcpRoundTrip(0x0000'4000, 0xffff'c000, 0) == 500000us);
  // Clock granularity can make it slightly negative: zero, not 18 hours.
  CHECK(rtcpRoundTrip(0x1000, 0x1000, 2) == 0us);

  CHECK(rtpJitter(48, 48000) == 1000us);
  CHECK(rtpJitter(0, 48000) == 0us);
  CHECK(rtpJitter(90, 90000) == 1000us);
}

TEST_CASE("malformed datagrams are refused with the reason", "[rtcp]") {
  auto good = receiverCompound(7);
  REQUIRE(parse(good).ok());

  CHECK_THAT(refusal({}), Catch::Contains("empty"));
  auto v1 = good;
  v1[0] = 0x41;  // version 1
  CHECK_THAT(refusal(v1), Catch::Contains("version 1"));
  auto later = good;
  later[32] = 0x01;  // version 0 in the second packet (SDES starts at 32)
  CHECK_THAT(refusal(later), Catch::Contains("version 0 at byte 32"));
  auto too_long = good;
  too_long[3] = 200;  // RR claims 804 bytes
  CHECK_THAT(refusal(too_long), Catch::Contains("804-byte packet"));
  auto stray = good;
  stray.insert(stray.end(), {0x80, 201, 0});
  CHECK_THAT(refusal(stray), Catch::Contains("3 stray bytes"));
  auto two_blocks = good;
  two_blocks[0] = 0x82;  // RC=2 but room for one
  CHECK_THAT(refusal(two_blocks), Catch::Contains("2 report blocks do not fit"));

  Bytes short_sr = {0x80, 200, 0, 3};  // SR of 16 bytes: no room for sender info
  for (int i = 0; i < 12; ++i) short_sr.push_back(0);
  CHECK_THAT(refusal(short_sr), Catch::Contains("SR shorter"));
  Bytes empty_rr = {0x80, 201, 0, 0};
  CHECK_THAT(refusal(empty_rr), Catch::Contains("RR without its SSRC"));

  auto long_item = good;
  long_item[32 + 9] = 40;  // CNAME claims 40 octets
  CHECK_THAT(refusal(long_item), Catch::Contains("SDES item past the end"));
  auto no_end = good;
  no_end[32 + 9] = 18;  // CNAME eats the end item and padding
  CHECK_THAT(refusal(no_end), Catch::Contains("SDES chunk without its end"));
  auto many_chunks = good;
  many_chunks[32] = 0x83;  // 3 chunks, one present
  CHECK_THAT(refusal(many_chunks), Catch::Contains("SDES chunk past the end"));
  auto bye = good;
  bye[60] = 0x85;  // BYE (at byte 60) of 5 sources in 8 bytes of body
  CHECK_THAT(refusal(bye), Catch::Contains("BYE of 5 sources"));

  auto early_padding = good;
  early_padding[0] |= 0x20;  // padding bit on the first packet
  CHECK_THAT(refusal(early_padding), Catch::Contains("padding before the last"));
  Bytes padded = {0xa0, 201, 0, 1, 0, 0, 0, 0};  // RR, padding count 0
  CHECK_THAT(refusal(padded), Catch::Contains("bad padding"));
  padded[7] = 5;  // more padding than body
  CHECK_THAT(refusal(padded), Catch::Contains("bad padding"));
  Bytes padded_ok = {0xa0, 201, 0, 2, 0, 0, 0, 1, 0, 0, 0, 4};  // RR + 4 bytes of padding
  CHECK(parse(padded_ok).ok());
}

TEST_CASE("random and mutated bytes never crash the parser", "[rtcp][fuzz]") {
  std::mt19937 random(20260425);
  std::uniform_int_distribution<int> byte(0, 255);
  std::size_t accepted = 0;
  // Pure noise, with the first byte often a valid version so that parsing
  // gets past the first check.
  for (int i = 0; i < 200000; ++i) {
    Bytes bytes(std::size_t(random() % 120));
    for (auto& b : bytes) b = std::uint8_t(byte(random));
    if (!bytes.empty() && (i % 2)) bytes[0] = std::uint8_t(0x80 | (bytes[0] & 0x3f));
    if (bytes.size() >= 4 && (i % 4 == 1)) bytes[2] = 0, bytes[3] = std::uint8_t(bytes.size() / 4 - 1);
    accepted += parse(bytes).ok();
  }
  CHECK(accepted > 0);  // the shaped half does reach the packet parsers

  // Every truncation of a valid compound is refused unless it ends exactly
  // on a packet boundary (then it is a shorter valid compound).
  auto good = receiverCompound(9);
  for (std::size_t n = 0; n < good.size(); ++n) {
    Bytes cut(good.begin(), good.begin() + long(n));
    bool boundary = n == 32 || n == 60 || n == 72;
    INFO("truncated to " << n);
    CHECK(parse(cut).ok() == boundary);
  }
  // Single-byte mutations and splices of valid packets: no crash, and what
  // is accepted still has its report blocks inside the datagram.
  auto sr = buildSenderReport({1, 2, 3, 4, 5}, "cname", RtcpLeave::kBye);
  for (int i = 0; i < 100000; ++i) {
    Bytes bytes = (i % 2) ? good : sr;
    int mutations = 1 + int(random() % 4);
    for (int m = 0; m < mutations; ++m) bytes[random() % bytes.size()] = std::uint8_t(byte(random));
    if (i % 3 == 0) bytes.resize(random() % (bytes.size() + 1));
    auto parsed = parse(bytes);
    if (parsed.ok()) CHECK(parsed->report_blocks.size() * 24 <= bytes.size());
  }
}
