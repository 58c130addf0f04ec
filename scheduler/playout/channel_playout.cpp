#include "scheduler/playout/channel_playout.hpp"

#include <algorithm>

namespace wardcast::playout {

using K = media::ProgramEvent::Kind;
using P = PlayoutEvent::Kind;

Result<std::unique_ptr<ChannelPlayout>> ChannelPlayout::create(boost::asio::any_io_executor executor,
                                                               const StationConfig& config, const Channel& channel,
                                                               const WallClock& clock, PlayoutSettings settings) {
  auto program = makeChannelProgram(executor, config, channel, settings.path, settings.rtsp_hosts.get());
  if (!program) return program.error();
  std::unique_ptr<ChannelPlayout> playout(
      new ChannelPlayout(channel, clock, settings, std::move(*program), std::move(executor)));
  playout->program_->setEventHandler(
      [raw = playout.get()](const media::ProgramEvent& event, SystemTime at) { raw->onProgramEvent(event, at); });
  return playout;
}

ChannelPlayout::ChannelPlayout(const Channel& channel, const WallClock& clock, PlayoutSettings settings,
                               std::unique_ptr<ChannelProgram> program, boost::asio::any_io_executor executor)
    : channel_id_(channel.id),
      clock_(clock),
      settings_(settings),
      program_(std::move(program)),
      feed_(std::move(executor), *program_, clock) {}

ProgramPath ChannelPlayout::pathFor(const std::vector<PlayoutEntry>& entries, ProgramPath requested) {
  bool relays = std::any_of(entries.begin(), entries.end(),
                            [](const PlayoutEntry& e) { return !e.item.stream_uri.empty(); });
  return relays ? ProgramPath::kDecode : requested;
}

void ChannelPlayout::schedule(std::vector<PlayoutEntry> entries, const std::vector<drivers::WindowInstance>& windows) {
  feed_.schedule(std::move(entries), windows);
}

void ChannelPlayout::reschedule(std::vector<PlayoutEntry> entries,
                                 const std::vector<drivers::WindowInstance>& windows) {
  feed_.replace(std::move(entries), windows);
}

void ChannelPlayout::playNow(std::vector<media::ProgramItem> items) {
  if (program_->status() == media::ProgramStatus::kIdle) {
    for (auto& item : items) now_items_.push_back(std::move(item));
    return;
  }
  for (auto& item : items) program_->enqueue(std::move(item), std::nullopt);
}

Status ChannelPlayout::start() {
  if (auto started = program_->start(); !started) return started;
  for (std::size_t i = 0; i < now_items_.size(); ++i) {
    std::optional<SystemTime> start;
    if (i == 0) start = std::chrono::system_clock::now() + settings_.lead_in;
    program_->enqueue(std::move(now_items_[i]), start);
  }
  now_items_.clear();
  return okStatus();
}

void ChannelPlayout::drain() {
  feed_.cancel();
  program_->drain();
}

void ChannelPlayout::stop() {
  feed_.cancel();
  program_->stop();
}

bool ChannelPlayout::nothingLeft() const { return feed_.done() && now_items_.empty(); }

void ChannelPlayout::onProgramEvent(const media::ProgramEvent& event, SystemTime at) {
  PlayoutEvent out;
  out.item_id = event.item_id;
  out.output = event.output;
  out.message = event.message;
  out.at = clock_.fromSystem(at);
  bool finishing = settings_.when_done == WhenDone::kFinish;
  switch (event.kind) {
    case K::kItemStarted: out.kind = P::kItemStarted; out.planned = feed_.takePlanned(event.item_id); break;
    case K::kItemEnded: out.kind = P::kItemEnded; break;
    case K::kItemFailed:
      out.kind = P::kItemFailed;
      out.planned = feed_.takePlanned(event.item_id);
      emit(std::move(out));
      if (finishing && nothingLeft() && !program_->playing()) program_->drain();
      return;
    case K::kQueueEmpty:
      if (finishing && nothingLeft()) program_->drain();
      return;
    case K::kDeadAirStarted: out.kind = P::kDeadAirStarted; break;
    case K::kDeadAirEnded: out.kind = P::kDeadAirEnded; break;
    case K::kLiveStarted: out.kind = P::kLiveStarted; break;
    case K::kLiveEnded: out.kind = P::kLiveEnded; break;
    case K::kOutputUp: out.kind = P::kOutputUp; break;
    case K::kOutputDown: out.kind = P::kOutputDown; break;
    case K::kError:
      out.kind = P::kError;
      emit(std::move(out));
      drain();
      return;
    case K::kStopped: out.kind = P::kFinished; break;
  }
  emit(std::move(out));
}

void ChannelPlayout::emit(PlayoutEvent event) {
  if (handler_) handler_(event);
}

}  // namespace wardcast::playout
