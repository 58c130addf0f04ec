#include "media/program_event.hpp"

namespace wardcast::media {

std::string_view toString(ProgramEvent::Kind kind) {
  using K = ProgramEvent::Kind;
  switch (kind) {
    case K::kItemStarted: return "item-started";
    case K::kItemEnded: return "item-ended";
    case K::kItemFailed: return "item-failed";
    case K::kQueueEmpty: return "queue-empty";
    case K::kDeadAirStarted: return "dead-air-started";
    case K::kDeadAirEnded: return "dead-air-ended";
    case K::kLiveStarted: return "live-started";
    case K::kLiveEnded: return "live-ended";
    case K::kOutputUp: return "output-up";
    case K::kOutputDown: return "output-down";
    case K::kError: return "error";
    case K::kStopped: return "stopped";
  }
  return "unknown";
}

}  // namespace wardcast::media
