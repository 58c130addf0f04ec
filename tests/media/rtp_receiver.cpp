#include "tests/media/rtp_receiver.hpp"

#include <sys/socket.h>
#include <sys/uio.h>

#include <cstring>
#include <ctime>

#include <gst/app/gstappsink.h>
#include <gst/app/gstappsrc.h>

#include <catch2/catch.hpp>

#include "media/gst/pipeline.hpp"
#include "tests/support/udp_port.hpp"

namespace wardcast::test {
namespace asio = boost::asio;

RtpReceiver::RtpReceiver(asio::io_context& io) : socket_(io), port_(bindLoopbackUdp(socket_)) {
  int on = 1;
  REQUIRE(::setsockopt(socket_.native_handle(), SOL_SOCKET, SO_TIMESTAMPNS, &on, sizeof on) == 0);
  receive();
}

// Waits until the socket is readable, then reads every queued datagram with
// recvmsg() to get the kernel's receive stamp with each.
void RtpReceiver::receive() {
  socket_.async_wait(asio::ip::udp::socket::wait_read, [this](boost::system::error_code ec) {
    if (ec) return;
    for (;;) {
      iovec iov{buffer_.data(), buffer_.size()};
      alignas(cmsghdr) char control[CMSG_SPACE(sizeof(timespec))];
      msghdr msg{};
      msg.msg_iov = &iov;
      msg.msg_iovlen = 1;
      msg.msg_control = control;
      msg.msg_controllen = sizeof control;
      ssize_t got = ::recvmsg(socket_.native_handle(), &msg, MSG_DONTWAIT);
      if (got < 0) break;  // drained (EAGAIN), or an error the next wait reports
      auto now = std::chrono::steady_clock::now();
      auto received = std::chrono::system_clock::now();  // if the kernel gave no stamp
      for (cmsghdr* c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c)) {
        if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_TIMESTAMPNS) {
          timespec ts{};
          std::memcpy(&ts, CMSG_DATA(c), sizeof ts);
          received = std::chrono::system_clock::time_point(
              std::chrono::duration_cast<std::chrono::system_clock::duration>(
                  std::chrono::seconds(ts.tv_sec) + std::chrono::nanoseconds(ts.tv_nsec)));
        }
      }
      const auto n = std::size_t(got);
      // RTCP on the same port (a program's Sender Reports reach a receiver whose
      // port is another stream's RTP port + 1) is not media: packet types 192-223
      // (RFC 5761 §4).
      bool rtcp = n >= 2 && buffer_[1] >= 192 && buffer_[1] <= 223;
      if (n >= 12 && (buffer_[0] >> 6) == 2 && !rtcp) {
        RtpPacket packet;
        packet.arrival = now;
        packet.received = received;
        packet.payload_type = buffer_[1] & 0x7f;
        packet.sequence = std::uint16_t(buffer_[2] << 8 | buffer_[3]);
        packet.timestamp = std::uint32_t(buffer_[4]) << 24 | std::uint32_t(buffer_[5]) << 16 |
                           std::uint32_t(buffer_[6]) << 8 | buffer_[7];
        packet.ssrc = std::uint32_t(buffer_[8]) << 24 | std::uint32_t(buffer_[9]) << 16 |
                      std::uint32_t(buffer_[10]) << 8 | buffer_[11];
        packet.bytes.assign(buffer_.begin(), buffer_.begin() + long(n));
        packets_.push_back(std::move(packet));
      }
    }
    receive();
  });
}

std::vector<std::vector<float>> decodeOpus(const std::vector<RtpPacket>& packets) {
  asio::io_context io;
  auto pipeline = media::Pipeline::fromDescription(
      io.get_executor(), "rtp-decoder",
      "appsrc name=src format=time caps=\"application/x-rtp,media=audio,encoding-name=OPUS,"
      "clock-rate=48000,payload=96\" ! rtpopusdepay ! opusdec plc=false ! audioconvert ! "
      "audio/x-raw,format=F32LE,channels=1,rate=48000 ! appsink name=sink sync=false");
  REQUIRE(pipeline.ok());
  REQUIRE((*pipeline)->play().ok());
  auto src = (*pipeline)->element("src");
  auto sink = (*pipeline)->element("sink");
  std::vector<std::vector<float>> blocks;
  for (const auto& packet : packets) {
    GstBuffer* buffer = gst_buffer_new_memdup(packet.bytes.data(), packet.bytes.size());
    gst_app_src_push_buffer(GST_APP_SRC(src.get()), buffer);
    GstSample* sample = gst_app_sink_try_pull_sample(GST_APP_SINK(sink.get()), GST_SECOND);
    std::vector<float> block;
    if (sample) {
      GstMapInfo map;
      gst_buffer_map(gst_sample_get_buffer(sample), &map, GST_MAP_READ);
      block.assign(reinterpret_cast<const float*>(map.data),
                   reinterpret_cast<const float*>(map.data) + map.size / sizeof(float));
      gst_buffer_unmap(gst_sample_get_buffer(sample), &map);
      gst_sample_unref(sample);
    }
    blocks.push_back(std::move(block));
  }
  (*pipeline)->stop();
  return blocks;
}

}  // namespace wardcast::test
