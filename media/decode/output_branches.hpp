#pragma once
// Builds a program's outputs behind its raw tee: one encoder per codec and
// bit rate, teed to every sink that wants it (RTP, files, Icecast taps), so
// nothing is encoded twice. Icecast mounts get taps (leaky queue + appsink)
// feeding their own IcecastSender pipelines.
//
// Every unicast RTP output gets an RtpTap: a pad probe on its udpsink counts
// the packets that leave, for the output's RtcpSession (Sender Reports).
//
// Threads: build on the owner's executor before the pipeline plays. The tap
// callbacks run on the taps' streaming threads and only call
// IcecastSender::push(); the RTP probes only count, under RtpTap's mutex.
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "media/icecast/icecast_sender.hpp"
#include "media/output_plan.hpp"
#include "media/gst/pipeline.hpp"
#include "media/rtcp/rtp_sender_tally.hpp"

namespace wardcast::media {

// What a tap appsink forwards to. Owned by the program; outlives the
// pipeline's streaming threads (the program stops the pipeline first).
struct IcecastTap {
  std::vector<std::shared_ptr<IcecastSender>> senders;
};

// What a unicast RTP output's udpsink has sent. onPacket() runs on the
// udpsink's streaming thread (a pad probe), counters() on the owner's
// executor (the RtcpSession's counters source); a mutex between them.
class RtpTap {
 public:
  explicit RtpTap(RtpOutput output) : output_(std::move(output)) {}
  const RtpOutput& output() const { return output_; }
  void onPacket(std::uint32_t ssrc, std::uint32_t rtp_timestamp, std::size_t payload_octets) {
    std::lock_guard lock(mutex_);
    tally_.onSent(ssrc, rtp_timestamp, payload_octets);
  }
  std::optional<RtpSenderCounters> counters() const {
    std::lock_guard lock(mutex_);
    return tally_.counters();
  }

 private:
  RtpOutput output_;
  mutable std::mutex mutex_;
  RtpSenderTally tally_;
};

struct BuiltOutputs {
  std::vector<std::shared_ptr<IcecastSender>> senders;
  std::vector<std::unique_ptr<IcecastTap>> taps;
  std::vector<std::unique_ptr<RtpTap>> rtp_taps;  // unicast RTP outputs, in plan order
};

Result<BuiltOutputs> buildOutputs(Pipeline& pipeline, GstElement* raw_tee, const OutputPlan& plan,
                                  const IcecastSender::StatusHandler& icecast_status);

}  // namespace wardcast::media
