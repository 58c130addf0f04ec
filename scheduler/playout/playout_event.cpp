#include "scheduler/playout/playout_event.hpp"

namespace wardcast::playout {

using P = PlayoutEvent::Kind;

std::string_view toString(PlayoutEvent::Kind kind) {
  switch (kind) {
    case P::kItemStarted: return "item started";
    case P::kItemEnded: return "item ended";
    case P::kItemFailed: return "item failed";
    case P::kOutputUp: return "output up";
    case P::kOutputDown: return "output down";
    case P::kDeadAirStarted: return "dead air";
    case P::kDeadAirEnded: return "dead air over";
    case P::kLiveStarted: return "live started";
    case P::kLiveEnded: return "live ended";
    case P::kError: return "error";
    case P::kFinished: return "finished";
  }
  return "?";
}

}  // namespace wardcast::playout
