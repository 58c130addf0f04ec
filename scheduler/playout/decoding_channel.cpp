#include "scheduler/playout/decoding_channel.hpp"

namespace wardcast::playout {

void DecodingChannel::setEventHandler(EventHandler handler) {
  program_->setEventHandler([this, handler = std::move(handler)](const media::ProgramEvent& event) {
    handler(event, program_->wallClockAt(event.running_time));
  });
}

void DecodingChannel::enqueue(media::ProgramItem item, std::optional<SystemTime> start) {
  if (start) program_->enqueueAt(std::move(item), *start);
  else program_->enqueue(std::move(item));
}

}  // namespace wardcast::playout
