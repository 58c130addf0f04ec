#include "tests/media/rtp_receiver.hpp"

#include <gst/app/gstappsink.h>
#include <gst/app/gstappsrc.h>

#include <catch2/catch.hpp>

#include "media/pipeline.hpp"

namespace wardcast::test {
namespace asio = boost::asio;

RtpReceiver::RtpReceiver(asio::io_context& io, int port)
    : socket_(io, asio::ip::udp::endpoint(asio::ip::make_address("127.0.0.1"), std::uint16_t(port))) {
  receive();
}

void RtpReceiver::receive() {
  socket_.async_receive(asio::buffer(buffer_), [this](boost::system::error_code ec, std::size_t n) {
    if (ec) return;
    auto now = std::chrono::steady_clock::now();
    // RTCP on the same port (a program's Sender Reports reach a receiver whose
    // port is another stream's RTP port + 1) is not media: packet types 192-223
    // (RFC 5761 §4).
    bool rtcp = n >= 2 && buffer_[1] >= 192 && buffer_[1] <= 223;
    if (n >= 12 && (buffer_[0] >> 6) == 2 && !rtcp) {
      RtpPacket packet;
      packet.arrival = now;
      packet.payload_type = buffer_[1] & 0x7f;
      packet.sequence = std::uint16_t(buffer_[2] << 8 | buffer_[3]);
      packet.timestamp = std::uint32_t(buffer_[4]) << 24 | std::uint32_t(buffer_[5]) << 16 |
                         std::uint32_t(buffer_[6]) << 8 | buffer_[7];
      packet.ssrc = std::uint32_t(buffer_[8]) << 24 | std::uint32_t(buffer_[9]) << 16 |
                    std::uint32_t(buffer_[10]) << 8 | buffer_[11];
      packet.bytes.assign(buffer_.begin(), buffer_.begin() + long(n));
      packets_.push_back(std::move(packet));
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
