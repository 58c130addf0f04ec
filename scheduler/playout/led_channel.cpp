#include "scheduler/playout/led_channel.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "config/output_uri.hpp"

namespace wardcast::playout {
namespace {

namespace led = media::led;

bool isStill(const std::filesystem::path& file) {
  std::string ext = file.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  return ext == ".png" || ext == ".jpg" || ext == ".jpeg";
}

led::PlaylistItem playlistItem(const media::ProgramItem& item, std::chrono::milliseconds still_duration) {
  if (isStill(item.path)) return led::PlaylistItem::still(item.path, still_duration, item.id);
  return led::PlaylistItem::clip(item.path, item.id);
}

SystemTime toSystem(std::chrono::steady_clock::time_point at) {
  auto ago = std::chrono::steady_clock::now() - at;
  return std::chrono::system_clock::now() - std::chrono::duration_cast<std::chrono::system_clock::duration>(ago);
}

// The server for the channel's rtsp:// output; none without one.
Result<std::shared_ptr<led::RtspServerHost>> rtspHostFor(boost::asio::any_io_executor executor,
                                                         const Channel& channel, led::RtspHostPool* pool) {
  for (const auto& uri : channel.outputs) {
    auto parsed = parseOutputUri(uri);
    if (!parsed || parsed->scheme != "rtsp") continue;
    led::RtspHostPool own(executor);
    auto host = (pool ? pool : &own)->acquire(parsed->host, parsed->port);
    if (!host) return makeError(host.error().kind, fmt::format("{}: {}", uri, host.error().message));
    return std::move(*host);
  }
  return std::shared_ptr<led::RtspServerHost>();
}

}  // namespace

Result<std::unique_ptr<LedChannel>> LedChannel::create(boost::asio::any_io_executor executor,
                                                       const StationConfig& config, const Channel& channel,
                                                       led::RtspHostPool* rtsp_hosts) {
  std::unique_ptr<LedChannel> self(new LedChannel());
  self->executor_ = executor;
  self->still_duration_ = config.station.image_duration;
  auto rtsp = rtspHostFor(executor, channel, rtsp_hosts);
  if (!rtsp) return rtsp.error();
  self->rtsp_ = std::move(*rtsp);
  auto program = led::LedProgram::create(executor, channel, self->rtsp_.get());
  if (!program) return program.error();
  self->program_ = std::move(*program);
  self->program_->setEventHandler([raw = self.get()](const led::LedEvent& event) { raw->onEvent(event); });
  return self;
}

Status LedChannel::start() {
  if (program_->status() != media::ProgramStatus::kIdle)
    return makeError(ErrorKind::kConflict, fmt::format("LED screen {} cannot start: its program is {}",
                                                       program_->channelId(), toString(program_->status())));
  program_->setPlaylist(loop_);
  return program_->start();
}

void LedChannel::enqueue(media::ProgramItem item, std::optional<SystemTime> start) {
  auto status = program_->status();
  if (status != media::ProgramStatus::kIdle && status != media::ProgramStatus::kOnAir) return;
  unseen_.insert(item.id);
  if (!start || *start <= std::chrono::system_clock::now()) return join(std::move(item));
  auto& timer = joins_.emplace_back(executor_);
  timer.expires_at(*start);
  // A cancelled wait (drain, or the channel destroyed) touches nothing.
  timer.async_wait([this, alive = std::weak_ptr<int>(alive_), waiting = std::prev(joins_.end()),
                    item = std::move(item)](const boost::system::error_code& ec) mutable {
    if (ec || alive.expired()) return;
    joins_.erase(waiting);
    join(std::move(item));
  });
}

void LedChannel::join(media::ProgramItem item) {
  auto status = program_->status();
  if (status != media::ProgramStatus::kIdle && status != media::ProgramStatus::kOnAir) return;
  std::erase_if(loop_, [&](const led::PlaylistItem& p) { return p.id == item.id; });
  loop_.insert(loop_.begin(), playlistItem(item, still_duration_));
  unseen_.insert(item.id);
  if (status == media::ProgramStatus::kOnAir) program_->setPlaylist(loop_);
}

void LedChannel::drain() {
  unseen_.clear();
  for (auto& timer : joins_) timer.cancel();
  if (program_->status() != media::ProgramStatus::kOnAir) {
    program_->stop();
    emit(media::ProgramEvent::Kind::kStopped, {}, {}, std::chrono::system_clock::now());
    return;
  }
  if (auto finished = program_->finish(); !finished)
    emit(media::ProgramEvent::Kind::kError, {}, finished.error().message, std::chrono::system_clock::now());
}

void LedChannel::onEvent(const led::LedEvent& event) {
  using K = media::ProgramEvent::Kind;
  if (const auto* started = std::get_if<led::ItemStartedEvent>(&event)) {
    on_screen_ = true;
    unseen_.erase(started->item.id);
    emit(K::kItemStarted, started->item.id, {}, toSystem(started->at));
  } else if (const auto* ended = std::get_if<led::ItemEndedEvent>(&event)) {
    on_screen_ = false;
    emit(K::kItemEnded, ended->item.id, {}, toSystem(ended->at));
    if (unseen_.empty()) emit(K::kQueueEmpty, {}, {}, toSystem(ended->at));
  } else if (const auto* failed = std::get_if<led::ItemFailedEvent>(&event)) {
    unseen_.erase(failed->item.id);
    emit(K::kItemFailed, failed->item.id, failed->message, std::chrono::system_clock::now());
    if (unseen_.empty() && !on_screen_) emit(K::kQueueEmpty, {}, {}, std::chrono::system_clock::now());
  } else if (const auto* error = std::get_if<led::ProgramErrorEvent>(&event)) {
    emit(K::kError, {}, error->message, std::chrono::system_clock::now());
  } else if (std::holds_alternative<led::ProgramFinishedEvent>(event)) {
    emit(K::kStopped, {}, {}, std::chrono::system_clock::now());
  }
}

void LedChannel::emit(media::ProgramEvent::Kind kind, std::string item, std::string message, SystemTime at) {
  if (!handler_) return;
  media::ProgramEvent event;
  event.kind = kind;
  event.item_id = std::move(item);
  event.message = std::move(message);
  handler_(event, at);
}

}  // namespace wardcast::playout
