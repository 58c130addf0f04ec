#pragma once
// Typed events a Pipeline delivers to its owner, on the owner's executor.
// Built from GstMessages that arrive on the bus (from any thread).
#include <string>
#include <variant>

#include "media/gst/gst_handles.hpp"
#include "media/gst/pipeline_state.hpp"

namespace wardcast::media {

struct StateChangedEvent {
  PipelineState from = PipelineState::kUnprepared;
  PipelineState to = PipelineState::kUnprepared;
};

// A bus ERROR. The pipeline is in kError when the owner sees it.
struct ErrorEvent {
  std::string element;  // name of the element that posted it
  std::string message;  // GError text, for people
  std::string debug;    // GStreamer's debug detail, for logs
};

struct WarningEvent {
  std::string element;
  std::string message;
};

// EOS reached every sink (after drain(), or a non-live source ended).
struct EndOfStreamEvent {};

// An element message (e.g. "level" from the level element). Owns a copy of
// the message's structure.
struct ElementMessageEvent {
  std::string element;
  StructureHandle structure;
  std::string_view name() const {
    return structure ? gst_structure_get_name(structure.get()) : std::string_view{};
  }
};

using PipelineEvent =
    std::variant<StateChangedEvent, ErrorEvent, WarningEvent, EndOfStreamEvent, ElementMessageEvent>;

}  // namespace wardcast::media
