#pragma once
// What the benchmarks receive on loopback, shared by bench_schedule and
// bench_daemon (the harness, not the code under test): a UDP receiver that
// keeps every datagram with the kernel's receive timestamp, and the RTP/Opus
// stream decoded in order by one libavcodec Opus decoder, as a receiver
// would, so that an item's first packet is the first that sounds.
//
// Arrival times are the kernel's (SO_TIMESTAMPNS, CLOCK_REALTIME): a busy
// receiving thread does not add to the figures. The handler's steady-clock
// time is kept too, for benches that report how far it lagged.
#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/udp.hpp>

namespace wardcast::bench {

using WallTime = std::chrono::system_clock::time_point;
using SteadyTime = std::chrono::steady_clock::time_point;

struct Datagram {
  WallTime kernel;     // SO_TIMESTAMPNS
  SteadyTime handler;  // when the receive handler ran
  std::vector<std::uint8_t> bytes;
};

// A UDP socket on 127.0.0.1:`port` (0: a free one) that keeps every
// datagram. Runs on the io_context's thread.
class Receiver {
 public:
  Receiver(boost::asio::io_context& io, int port);
  int port() const { return socket_.local_endpoint().port(); }
  const std::vector<Datagram>& datagrams() const { return datagrams_; }

 private:
  void wait();
  void drain();
  boost::asio::ip::udp::socket socket_;
  std::array<std::uint8_t, 65536> buffer_{};
  std::vector<Datagram> datagrams_;
};

// One RTP packet's audio: when it arrived, its loudest decoded sample, and
// the size of its Opus payload.
struct OpusBlock {
  WallTime kernel;
  SteadyTime handler;
  double peak = 0;
  std::size_t payload_bytes = 0;
};

// Every RTP packet of the stream decoded in order (RTCP and non-RTP
// datagrams skipped).
std::vector<OpusBlock> decodeRtpOpus(const std::vector<Datagram>& datagrams);

// The first block inside [from, to) whose `loud` holds and whose
// predecessor's does not.
template <typename Block, typename Loud>
std::optional<std::size_t> firstOnset(const std::vector<Block>& blocks, WallTime from, WallTime to, Loud loud) {
  for (std::size_t k = 1; k < blocks.size(); ++k)
    if (blocks[k].kernel >= from && blocks[k].kernel < to && loud(blocks[k]) && !loud(blocks[k - 1])) return k;
  return std::nullopt;
}

// Nearest-rank percentile of sorted values (p in 0..1).
double rank(const std::vector<double>& sorted, double p);

}  // namespace wardcast::bench
