#include "media/gst/pipeline_state.hpp"

namespace wardcast::media {

std::string_view toString(PipelineState state) {
  switch (state) {
    case PipelineState::kUnprepared: return "unprepared";
    case PipelineState::kPreparing: return "preparing";
    case PipelineState::kPrepared: return "prepared";
    case PipelineState::kPlaying: return "playing";
    case PipelineState::kDraining: return "draining";
    case PipelineState::kDrained: return "drained";
    case PipelineState::kError: return "error";
  }
  return "unknown";
}

}  // namespace wardcast::media
