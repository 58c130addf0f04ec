#include "scheduler/playout/forwarding_channel.hpp"

namespace wardcast::playout {

std::string ForwardingChannel::path() const {
  return std::holds_alternative<media::AirFormat>(cache_->format()) ? "forwarding Opus air renditions"
                                                                    : "forwarding MP3 air renditions";
}

// Events are posted as the packet leaves: their instant is now.
void ForwardingChannel::setEventHandler(EventHandler handler) {
  handler_ = handler;
  program_->setEventHandler([handler = std::move(handler)](const media::ProgramEvent& event) {
    handler(event, std::chrono::system_clock::now());
  });
}

void ForwardingChannel::enqueue(media::ProgramItem item, std::optional<SystemTime> start) {
  auto status = program_->status();
  if (status != media::ProgramStatus::kIdle && status != media::ProgramStatus::kOnAir) return;
  waiting_.push_back(Waiting{item, start, std::nullopt});
  Waiting* slot = &waiting_.back();
  cache_->ensure(item, [this, slot, generation = generation_, alive = std::weak_ptr<bool>(alive_)](
                           Result<std::filesystem::path> rendition) {
    if (!alive.lock() || generation != generation_) return;
    slot->rendition = std::move(rendition);
    handOver();
  });
}

void ForwardingChannel::handOver() {
  while (!waiting_.empty() && waiting_.front().rendition) {
    Waiting ready = std::move(waiting_.front());
    waiting_.pop_front();
    if (ready.rendition->ok()) {
      program_->enqueue(media::ForwardItem{ready.item.id, ready.rendition->value(), ready.start});
    } else if (handler_) {
      media::ProgramEvent failed;
      failed.kind = media::ProgramEvent::Kind::kItemFailed;
      failed.item_id = ready.item.id;
      failed.message = ready.rendition->error().message;
      handler_(failed, std::chrono::system_clock::now());
    }
  }
}

void ForwardingChannel::drain() {
  ++generation_;
  waiting_.clear();
  program_->drain();
}

void ForwardingChannel::stop() {
  ++generation_;
  waiting_.clear();
  program_->stop();
}

}  // namespace wardcast::playout
