#include "bench/support/rtp_capture.hpp"

extern "C" {
#include <libavcodec/avcodec.h>
}
#include <sys/socket.h>
#include <sys/uio.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <ctime>
#include <stdexcept>

namespace wardcast::bench {

namespace asio = boost::asio;

Receiver::Receiver(asio::io_context& io, int port)
    : socket_(io, asio::ip::udp::endpoint(asio::ip::make_address("127.0.0.1"), std::uint16_t(port))) {
  int on = 1;
  if (setsockopt(socket_.native_handle(), SOL_SOCKET, SO_TIMESTAMPNS, &on, sizeof on) != 0)
    throw std::runtime_error("SO_TIMESTAMPNS refused");
  int buffer = 4 << 20;  // many streams at once: room for a burst while the thread is busy
  setsockopt(socket_.native_handle(), SOL_SOCKET, SO_RCVBUF, &buffer, sizeof buffer);
  socket_.non_blocking(true);
  wait();
}

void Receiver::wait() {
  socket_.async_wait(asio::ip::udp::socket::wait_read, [this](boost::system::error_code ec) {
    if (ec) return;
    drain();
    wait();
  });
}

void Receiver::drain() {
  for (;;) {
    iovec iov{buffer_.data(), buffer_.size()};
    alignas(cmsghdr) std::array<char, CMSG_SPACE(sizeof(timespec))> control{};
    msghdr msg{};
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = control.data();
    msg.msg_controllen = control.size();
    ssize_t n = recvmsg(socket_.native_handle(), &msg, MSG_DONTWAIT);
    if (n < 0) return;  // EAGAIN: drained
    Datagram d;
    d.handler = std::chrono::steady_clock::now();
    d.kernel = std::chrono::system_clock::now();  // replaced by the kernel's stamp below
    for (cmsghdr* c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c)) {
      if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_TIMESTAMPNS) continue;
      timespec ts;
      std::memcpy(&ts, CMSG_DATA(c), sizeof ts);
      d.kernel = WallTime(std::chrono::duration_cast<std::chrono::system_clock::duration>(
          std::chrono::seconds(ts.tv_sec) + std::chrono::nanoseconds(ts.tv_nsec)));
    }
    d.bytes.assign(buffer_.begin(), buffer_.begin() + n);
    datagrams_.push_back(std::move(d));
  }
}

std::vector<OpusBlock> decodeRtpOpus(const std::vector<Datagram>& datagrams) {
  const AVCodec* codec = avcodec_find_decoder(AV_CODEC_ID_OPUS);
  if (!codec) throw std::runtime_error("libavcodec has no Opus decoder");
  AVCodecContext* ctx = avcodec_alloc_context3(codec);
  ctx->sample_rate = 48000;
  av_channel_layout_default(&ctx->ch_layout, 2);
  if (avcodec_open2(ctx, codec, nullptr) < 0) throw std::runtime_error("cannot open the Opus decoder");
  AVPacket* packet = av_packet_alloc();
  AVFrame* frame = av_frame_alloc();
  std::vector<OpusBlock> blocks;
  for (const auto& d : datagrams) {
    const auto& b = d.bytes;
    if (b.size() < 12 || (b[0] >> 6) != 2 || (b[1] >= 192 && b[1] <= 223)) continue;  // not RTP, or RTCP
    std::size_t header = 12 + 4 * std::size_t(b[0] & 0x0f);
    if (b[0] & 0x10) {  // header extension
      if (b.size() < header + 4) continue;
      header += 4 + 4 * std::size_t(b[header + 2] << 8 | b[header + 3]);
    }
    std::size_t end = b.size();
    if (b[0] & 0x20) end -= b.back();  // padding
    if (end <= header) continue;
    OpusBlock block{d.kernel, d.handler, 0, end - header};
    av_new_packet(packet, int(end - header));
    std::memcpy(packet->data, b.data() + header, end - header);
    if (avcodec_send_packet(ctx, packet) == 0) {
      while (avcodec_receive_frame(ctx, frame) == 0) {
        for (int ch = 0; ch < frame->ch_layout.nb_channels; ++ch) {
          const auto* s = reinterpret_cast<const float*>(frame->extended_data[ch]);
          for (int i = 0; i < frame->nb_samples; ++i) block.peak = std::max(block.peak, double(std::fabs(s[i])));
        }
      }
    }
    av_packet_unref(packet);
    blocks.push_back(block);
  }
  av_frame_free(&frame);
  av_packet_free(&packet);
  avcodec_free_context(&ctx);
  return blocks;
}

double rank(const std::vector<double>& sorted, double p) {
  std::size_t k = std::size_t(std::ceil(p * double(sorted.size())));
  return sorted[std::clamp<std::size_t>(k, 1, sorted.size()) - 1];
}

}  // namespace wardcast::bench
