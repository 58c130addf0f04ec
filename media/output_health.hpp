#pragma once
// Health events for a channel's outputs (RTP, Icecast, ALSA, SRT, RTSP,
// file...), the shared vocabulary between whoever watches an output (the
// media pipelines, the Icecast poller) and whoever reports it (as-run log,
// console, metrics). Plain values: copy them across executors freely.
//
// Contract for producers: emit an OutputHealth on every change of `state`
// (not on every packet), with `since` set to the moment the new state began;
// a later event with the same state may refresh `detail` (e.g. the next
// reconnect attempt). Consumers keep the last event per (channel, output).
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "util/civil_time.hpp"

namespace wardcast::media {

enum class OutputState {
  kStreaming = 1,  // data is flowing to the output
  kReconnecting,   // the output went away; retrying with back-off
  kFailed,         // given up, or a configuration error: needs a person
};

struct OutputHealth {
  std::string channel;     // channel id from the station config
  std::string output_uri;  // the output URI as configured, password removed
  OutputState state = OutputState::kStreaming;
  std::string detail;  // human sentence: the error, "attempt 3, next in 4 s"...
  SysMillis since;     // UTC; when `state` began
};

// What an RTP receiver says about an output in its RTCP receiver reports
// (RFC 3550 §6.4.2), one per report block. For the media pipeline to fill
// (rtpbin / rtpsession "on-ssrc-active" or the session's "stats").
struct RtpReceiverStats {
  std::string channel;
  std::string output_uri;
  std::uint32_t ssrc = 0;                               // the sender's SSRC the block is about
  double fraction_lost = 0.0;                           // 0.0 .. 1.0 since the previous report
  std::int64_t packets_lost = 0;                        // cumulative, may be negative (duplicates)
  std::chrono::microseconds jitter{0};                  // interarrival jitter
  std::optional<std::chrono::microseconds> round_trip;  // from LSR/DLSR, when known
  SysMillis received;                                   // UTC; when the report arrived
};

// Callbacks a producer is given. They are called on the owner's executor
// (producers post there first), never on a streaming thread.
using OutputHealthHandler = std::function<void(const OutputHealth&)>;
using RtpReceiverStatsHandler = std::function<void(const RtpReceiverStats&)>;

inline const char* toString(OutputState state) {
  switch (state) {
    case OutputState::kStreaming:
      return "streaming";
    case OutputState::kReconnecting:
      return "reconnecting";
    case OutputState::kFailed:
      return "failed";
  }
  return "unknown";
}

}  // namespace wardcast::media
