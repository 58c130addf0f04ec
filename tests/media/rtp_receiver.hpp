#pragma once
// A loopback RTP receiver for tests: a UDP socket on the test's io_context
// that parses RTP headers itself (RFC 3550) and keeps every packet with its
// arrival times; decodeOpus() turns the payloads back into audio.
//
// Two arrival times: `arrival`, the steady clock when the test's io thread
// handled the packet, and `received`, the wall clock when the kernel queued
// it on the socket (SO_TIMESTAMPNS). On loopback the kernel's stamp is the
// moment the sender sent it, whatever else held the test's thread: use it to
// compare a packet with a planned wall-clock instant.
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/udp.hpp>

#include <array>
#include <chrono>
#include <cstdint>
#include <vector>

namespace wardcast::test {

struct RtpPacket {
  std::chrono::steady_clock::time_point arrival;   // handled by the test's io thread
  std::chrono::system_clock::time_point received;  // queued on the socket (kernel stamp)
  std::uint8_t payload_type = 0;
  std::uint16_t sequence = 0;
  std::uint32_t timestamp = 0;
  std::uint32_t ssrc = 0;
  std::vector<std::uint8_t> bytes;  // the whole packet
};

class RtpReceiver {
 public:
  // Binds a free UDP port on 127.0.0.1 (a fresh one when the first is taken
  // before the bind: tests/support/udp_port.hpp); port() tells which, for
  // the sender's URI.
  explicit RtpReceiver(boost::asio::io_context& io);
  int port() const { return port_; }
  const std::vector<RtpPacket>& packets() const { return packets_; }

 private:
  void receive();
  boost::asio::ip::udp::socket socket_;
  int port_ = 0;
  std::array<std::uint8_t, 2048> buffer_{};
  std::vector<RtpPacket> packets_;
};

// Decodes each packet's Opus payload (rtpopusdepay ! opusdec) to 48 kHz mono
// float; one block of samples per packet, in order.
std::vector<std::vector<float>> decodeOpus(const std::vector<RtpPacket>& packets);

}  // namespace wardcast::test
