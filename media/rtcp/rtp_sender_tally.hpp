#pragma once
// RtpSenderTally: what an RTP sender has sent, as its Sender Reports need it
// (RFC 3550 §6.4.1): SSRC, packet and octet counts, and one (RTP timestamp,
// instant) pair from which RtcpSession extrapolates the RTP clock to the
// moment of each report.
//
// The hook for a sender (RtpOpusSender, or a GStreamer payloader's pad
// probe posting to the executor): call onSent() once for every RTP packet
// that left, and hand RtcpSession a source that returns counters().
//
// Threads: the owner's executor, like the sender and the session. Plain
// value; no allocation.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>

namespace wardcast::media {

struct RtpSenderCounters {
  std::uint32_t ssrc = 0;
  std::uint32_t packets = 0;        // RTP packets sent since the stream began (mod 2^32)
  std::uint32_t octets = 0;         // their payload octets, RTP header excluded (mod 2^32)
  std::uint32_t rtp_timestamp = 0;  // the RTP timestamp of a packet sent...
  std::chrono::steady_clock::time_point sent_at;  // ...at this instant (steady clock)
};

// Asked on the session's executor just before each report; empty while the
// sender has sent nothing (no report is sent then).
using RtpSenderCountersSource = std::function<std::optional<RtpSenderCounters>()>;

class RtpSenderTally {
 public:
  // One RTP packet left: its SSRC, RTP timestamp and payload size (octets).
  // `at` is when it left (or was due, for a paced sender). Packets that did
  // not leave (dropped by the kernel) are not counted: receivers see them lost.
  void onSent(std::uint32_t ssrc, std::uint32_t rtp_timestamp, std::size_t payload_octets,
              std::chrono::steady_clock::time_point at = std::chrono::steady_clock::now()) {
    counters_.ssrc = ssrc;
    counters_.packets += 1;
    counters_.octets += std::uint32_t(payload_octets);
    counters_.rtp_timestamp = rtp_timestamp;
    counters_.sent_at = at;
    any_ = true;
  }

  std::optional<RtpSenderCounters> counters() const {
    if (!any_) return std::nullopt;
    return counters_;
  }

 private:
  RtpSenderCounters counters_;
  bool any_ = false;
};

}  // namespace wardcast::media
