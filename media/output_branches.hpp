#pragma once
// Builds a program's outputs behind its raw tee: one encoder per codec and
// bit rate, teed to every sink that wants it (RTP, files, Icecast taps), so
// nothing is encoded twice. Icecast mounts get taps (leaky queue + appsink)
// feeding their own IcecastSender pipelines.
//
// Threads: build on the owner's executor before the pipeline plays. The tap
// callbacks run on the taps' streaming threads and only call
// IcecastSender::push().
#include <memory>
#include <vector>

#include "media/icecast_sender.hpp"
#include "media/output_plan.hpp"
#include "media/pipeline.hpp"

namespace wardcast::media {

// What a tap appsink forwards to. Owned by the program; outlives the
// pipeline's streaming threads (the program stops the pipeline first).
struct IcecastTap {
  std::vector<std::shared_ptr<IcecastSender>> senders;
};

struct BuiltOutputs {
  std::vector<std::shared_ptr<IcecastSender>> senders;
  std::vector<std::unique_ptr<IcecastTap>> taps;
};

Result<BuiltOutputs> buildOutputs(Pipeline& pipeline, GstElement* raw_tee, const OutputPlan& plan,
                                  const IcecastSender::StatusHandler& icecast_status);

}  // namespace wardcast::media
