#include "media/forward/rtp_sender.hpp"

#include <fmt/format.h>
#include <boost/asio/ip/multicast.hpp>

#include <random>

namespace wardcast::media {
namespace asio = boost::asio;

Result<RtpOpusSender> RtpOpusSender::open(const asio::any_io_executor& executor,
                                          const RtpOutput& output) {
  boost::system::error_code ec;
  asio::ip::udp::endpoint to;
  auto address = asio::ip::make_address(output.host, ec);
  if (!ec) {
    to = asio::ip::udp::endpoint(address, std::uint16_t(output.port));
  } else {
    // A host name: resolved once, when the program is built (start-up, not air time).
    asio::ip::udp::resolver resolver(executor);
    auto found = resolver.resolve(output.host, std::to_string(output.port), ec);
    if (ec || found.empty())
      return makeError(
          ErrorKind::kInvalidInput,
          fmt::format("output {}: cannot resolve {}: {}", output.uri, output.host, ec.message()));
    to = found.begin()->endpoint();
  }
  asio::ip::udp::socket socket(executor);
  socket.open(to.protocol(), ec);
  if (!ec) socket.non_blocking(true, ec);
  if (!ec && output.multicast) socket.set_option(asio::ip::multicast::hops(output.ttl), ec);
  if (ec)
    return makeError(ErrorKind::kIo, fmt::format("output {}: cannot open a UDP socket: {}",
                                                 output.uri, ec.message()));
  return RtpOpusSender(std::move(socket), to, output);
}

RtpOpusSender::RtpOpusSender(asio::ip::udp::socket socket, asio::ip::udp::endpoint to,
                             const RtpOutput& output)
    : socket_(std::move(socket)),
      to_(to),
      uri_(output.uri),
      payload_type_(std::uint8_t(output.payload_type)) {
  // RFC 3550 §5.1: random initial sequence number and timestamp; SSRC random
  // unless the output fixes it.
  std::random_device random;
  ssrc_ = output.ssrc ? *output.ssrc : std::uint32_t(random());
  sequence_ = std::uint16_t(random());
  timestamp_ = std::uint32_t(random());
}

void RtpOpusSender::send(const std::uint8_t* opus, std::size_t size, std::uint32_t samples,
                         bool marker) {
  std::array<std::uint8_t, 12> header{};
  header[0] = 0x80;  // version 2, no padding, no extension, no CSRC
  header[1] = std::uint8_t((marker ? 0x80 : 0x00) | (payload_type_ & 0x7f));
  header[2] = std::uint8_t(sequence_ >> 8);
  header[3] = std::uint8_t(sequence_);
  for (int i = 0; i < 4; ++i) {
    header[std::size_t(4 + i)] = std::uint8_t(timestamp_ >> (24 - 8 * i));
    header[std::size_t(8 + i)] = std::uint8_t(ssrc_ >> (24 - 8 * i));
  }
  std::array<asio::const_buffer, 2> buffers{asio::buffer(header), asio::buffer(opus, size)};
  boost::system::error_code ec;
  socket_.send_to(buffers, to_, 0, ec);
  if (!ec) tally_.onSent(ssrc_, timestamp_, size);
  // The stream's clock runs on whether or not this datagram left: a receiver
  // sees a lost packet, never a shifted one.
  ++sequence_;
  timestamp_ += samples;
  if (ec)
    ++dropped_;
  else
    ++sent_;
}

}  // namespace wardcast::media
