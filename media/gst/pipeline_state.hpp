#pragma once
// The lifecycle of one media pipeline, modelled on gst-rtsp-server's
// GstRTSPMediaStatus. Transitions (all on the owner's executor):
//
//   kUnprepared --prepare()--> kPreparing --(PAUSED reached)--> kPrepared
//   kUnprepared/kPrepared --play()--> kPreparing --(PLAYING)--> kPlaying
//   kPlaying --drain()--> kDraining --(EOS on the bus)--> kDrained
//   any --(bus ERROR)--> kError          (reported upward, never swallowed)
//   any --stop()--> kUnprepared          (state NULL, streaming threads joined)
#include <string_view>

namespace wardcast::media {

enum class PipelineState {
  kUnprepared = 1,  // built (or stopped); GStreamer state NULL
  kPreparing,       // a state change towards PAUSED/PLAYING is in progress
  kPrepared,        // PAUSED: prerolled (or live and ready)
  kPlaying,         // PLAYING: data flows
  kDraining,        // EOS sent, waiting for it to reach every sink
  kDrained,         // EOS reached every sink; stop() next
  kError,           // a bus error happened; stop() before reusing
};

std::string_view toString(PipelineState state);

}  // namespace wardcast::media
