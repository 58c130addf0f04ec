#include "media/led/led_program.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <boost/asio/post.hpp>

#include "media/led/item_pipeline.hpp"
#include "media/led/rtsp_server_host.hpp"
#include "media/recording_file.hpp"

namespace wardcast::media::led {

LedProgram::LedProgram(boost::asio::any_io_executor executor, const Channel& channel,
                       TickerStyle style)
    : executor_(executor),
      channel_id_(channel.id),
      inter_channel_(fmt::format("wardcast-led-{}-{}", channel.id, static_cast<void*>(this))),
      format_{channel.width, channel.height, channel.framerate},
      ticker_enabled_(channel.ticker),
      ticker_(std::make_unique<TickerRenderer>(std::move(style))),
      retry_timer_(executor),
      anchor_(std::make_shared<Anchor>(Anchor{this})) {}

Result<std::unique_ptr<LedProgram>> LedProgram::create(boost::asio::any_io_executor executor,
                                                       const Channel& channel, RtspServerHost* rtsp,
                                                       TickerStyle ticker_style) {
  if (auto ok = ensureGstreamer(); !ok) return ok.error();
  if (channel.kind != ChannelKind::kLed) {
    return makeError(ErrorKind::kInvalidInput, "channel " + channel.id + " is not an LED screen");
  }
  if (channel.width <= 0 || channel.height <= 0 || channel.framerate <= 0) {
    return makeError(ErrorKind::kInvalidInput,
                     "LED channel " + channel.id + " needs a positive resolution and frame rate");
  }
  std::vector<OutputUri> outputs;
  for (const auto& text : channel.outputs) {
    auto uri = parseOutputUri(text);
    if (!uri) {
      return makeError(ErrorKind::kInvalidInput, "LED channel " + channel.id + " output " + text +
                                                     ": " + uri.error().message);
    }
    outputs.push_back(std::move(*uri));
  }
  std::unique_ptr<LedProgram> program(new LedProgram(executor, channel, std::move(ticker_style)));
  for (const auto& uri : outputs) {
    if (uri.scheme != "rtsp") continue;
    if (!rtsp) {
      return makeError(ErrorKind::kInvalidInput,
                       "LED channel " + channel.id + " has an rtsp output but no RTSP server");
    }
    if (uri.port != 0 && uri.port != rtsp->port()) {
      return makeError(ErrorKind::kInvalidInput,
                       fmt::format("LED channel {} wants RTSP port {}, the server listens on {}",
                                   channel.id, uri.port, rtsp->port()));
    }
    program->rtsp_uri_ = uri;
    program->rtsp_host_ = rtsp;
  }
  if (auto ok = program->buildProgram(outputs); !ok) return ok.error();
  return program;
}

Status LedProgram::buildProgram(const std::vector<OutputUri>& outputs) {
  auto plan = programLaunch(format_, inter_channel_, ticker_enabled_, outputs);
  if (!plan) return plan.error();
  for (const auto& uri : outputs)
    if (uri.scheme == "file")
      if (auto kept = keepEarlierRecording(uri.path); !kept)
        return makeError(kept.error().kind, "LED channel " + channel_id_ + ": " + kept.error().message);
  auto pipeline = Pipeline::fromDescription(executor_, "led-" + channel_id_, plan->description);
  if (!pipeline) {
    return makeError(pipeline.error().kind,
                     "LED channel " + channel_id_ + ": " + pipeline.error().message);
  }
  program_ = std::move(*pipeline);
  if (auto ok = setLaunchProperties(*program_, plan->properties); !ok) return ok;
  screen_ = ScreenFeed(program_->element(kScreenFeed),
                       plan->has_audio ? program_->element(kScreenFeedAudio) : ElementHandle());
  if (plan->has_ticker) {
    ElementHandle overlay = program_->element("ticker");
    g_signal_connect(overlay.get(), "draw", G_CALLBACK(&TickerRenderer::onDraw), ticker_.get());
    g_signal_connect(overlay.get(), "caps-changed", G_CALLBACK(&TickerRenderer::onCapsChanged),
                     ticker_.get());
  }
  if (plan->has_rtsp_tap) {
    feed_ = std::make_unique<RtspFeed>(plan->has_audio ? StreamSet::kVideoAndAudio
                                                       : StreamSet::kVideoOnly);
    feed_->attachTaps(program_->element("rtsp_tap").get(),
                      plan->has_audio ? program_->element("rtsp_tap_audio").get() : nullptr);
    if (auto ok = rtsp_host_->mount(rtsp_uri_->path, feed_->factory()); !ok) return ok;
  }
  for (const auto& target : plan->srt_targets) {
    srt_outputs_.push_back(std::make_unique<SrtOutput>(executor_, channel_id_, target));
    srt_outputs_.back()->attachTap(program_->element(target.tap).get());
  }
  program_->setEventHandler([this](const PipelineEvent& event) { onProgramEvent(event); });
  return okStatus();
}

LedProgram::~LedProgram() {
  stop();
  if (rtsp_host_ && rtsp_uri_) rtsp_host_->unmount(rtsp_uri_->path);
  anchor_.reset();
}

std::optional<std::string> LedProgram::rtspUrl() const {
  if (!rtsp_host_ || !rtsp_uri_) return std::nullopt;
  return fmt::format("rtsp://{}:{}{}", rtsp_host_->address(), rtsp_host_->port(), rtsp_uri_->path);
}

std::uint64_t LedProgram::rtspForwardedBuffers() const {
  return feed_ ? feed_->forwardedBuffers() : 0;
}

void LedProgram::setTickerText(std::string text) {
  ticker_->setText(std::move(text));
}

void LedProgram::setPlaylist(std::vector<PlaylistItem> items) {
  playlist_.replace(std::move(items));
  resume_.clear();
  failures_in_a_row_ = 0;
  next_.reset();  // prerolled from the old list
  if (state_ != ProgramStatus::kOnAir) return;
  if (!current_) {
    startNextItem();
  } else {
    prepareNextItem();
  }
}

Status LedProgram::start() {
  if (state_ != ProgramStatus::kIdle && state_ != ProgramStatus::kStopped) {
    return makeError(ErrorKind::kConflict, "LED program " + channel_id_ + " is already running");
  }
  if (auto ok = program_->play(); !ok) return ok;
  state_ = ProgramStatus::kOnAir;
  for (auto& srt : srt_outputs_) srt->start();
  startNextItem();
  return okStatus();
}

Status LedProgram::finish() {
  if (state_ != ProgramStatus::kOnAir) {
    return makeError(ErrorKind::kConflict, "LED program " + channel_id_ + " is not running");
  }
  retry_timer_.cancel();
  dropItems();
  resume_.clear();
  state_ = ProgramStatus::kDraining;
  return program_->drain();
}

void LedProgram::stop() {
  retry_timer_.cancel();
  if (next_) resume_.push_front(next_->item);
  if (current_) resume_.push_front(current_->item);
  dropItems();
  for (auto& srt : srt_outputs_) srt->stop();
  if (program_) program_->stop();
  state_ = ProgramStatus::kStopped;
}

void LedProgram::onProgramEvent(const PipelineEvent& event) {
  if (const auto* error = std::get_if<ErrorEvent>(&event)) {
    spdlog::error("LED {}: program pipeline failed in {}: {} ({})", channel_id_, error->element,
                  error->message, error->debug);
    state_ = ProgramStatus::kError;
    emit(ProgramErrorEvent{error->element + ": " + error->message});
    return;
  }
  if (const auto* warning = std::get_if<WarningEvent>(&event)) {
    spdlog::warn("LED {}: {}: {}", channel_id_, warning->element, warning->message);
    return;
  }
  if (std::holds_alternative<EndOfStreamEvent>(event) && state_ == ProgramStatus::kDraining) {
    boost::asio::post(executor_, [anchor = std::weak_ptr<Anchor>(anchor_)] {
      auto alive = anchor.lock();
      if (!alive) return;
      alive->self->stop();
      alive->self->emit(ProgramFinishedEvent{});
    });
  }
}

// The next item to show: one a stop() interrupted, else the playlist's next.
std::optional<PlaylistItem> LedProgram::takeNextItem() {
  if (resume_.empty()) return playlist_.next();
  PlaylistItem item = std::move(resume_.front());
  resume_.pop_front();
  return item;
}

void LedProgram::dropItems() {
  next_.reset();
  current_.reset();
}

LedProgram::ItemSlot LedProgram::makeSlot(const PlaylistItem& item) {
  ItemSlot slot{item, nullptr, ++last_generation_, std::nullopt};
  auto pipeline = makeItemPipeline(executor_, channel_id_, format_, item, screen_);
  if (!pipeline) {
    slot.failure = pipeline.error().message;
    return slot;
  }
  slot.pipeline = std::move(*pipeline);
  slot.pipeline->setEventHandler([this, generation = slot.generation](const PipelineEvent& event) {
    onItemEvent(generation, event);
  });
  return slot;
}

// Puts the next item on screen: the prerolled one when there is one, else
// the playlist's next. Failed items are reported and skipped.
void LedProgram::startNextItem() {
  while (state_ == ProgramStatus::kOnAir && !current_) {
    std::optional<ItemSlot> slot = std::exchange(next_, std::nullopt);
    if (!slot) {
      auto item = takeNextItem();
      if (!item) return;  // idle: black (and the ticker) until setPlaylist()
      slot = makeSlot(*item);
    }
    if (!slot->failure) {
      if (auto ok = slot->pipeline->play(); !ok) slot->failure = ok.error().message;
    }
    if (!slot->failure) {
      current_ = std::move(slot);
      return;
    }
    slot->pipeline.reset();
    spdlog::warn("LED {}: skipping {}: {}", channel_id_, slot->item.file.string(), *slot->failure);
    emit(ItemFailedEvent{slot->item, *slot->failure});
    if (++failures_in_a_row_ >= playlist_.size()) {
      retryLater();
      return;
    }
  }
}

// Prerolls the item after the current one, once the current one plays (so
// two items never start at once). A failure is kept and reported when the
// item's turn comes.
void LedProgram::prepareNextItem() {
  if (state_ != ProgramStatus::kOnAir || next_ || !current_ || !current_->pipeline ||
      current_->pipeline->state() != PipelineState::kPlaying) {
    return;
  }
  auto item = takeNextItem();
  if (!item) return;
  next_ = makeSlot(*item);
  if (next_->failure) return;
  if (auto ok = next_->pipeline->prepare(); !ok) {
    next_->failure = ok.error().message;
    next_->pipeline.reset();
  }
}

void LedProgram::onItemEvent(std::uint64_t generation, const PipelineEvent& event) {
  std::optional<std::string> failure;
  if (const auto* error = std::get_if<ErrorEvent>(&event)) {
    failure = error->element + ": " + error->message;
  }
  const auto anchor = std::weak_ptr<Anchor>(anchor_);
  if (next_ && next_->generation == generation) {
    if (!failure) return;  // prerolled, or on its way there
    // Destroyed in failNextItem(), after this handler has returned.
    boost::asio::post(executor_, [anchor, generation, failure] {
      if (auto alive = anchor.lock()) alive->self->failNextItem(generation, *failure);
    });
    return;
  }
  if (!current_ || current_->generation != generation) return;
  if (const auto* changed = std::get_if<StateChangedEvent>(&event)) {
    if (changed->to == PipelineState::kPlaying && changed->from != PipelineState::kPlaying) {
      emit(ItemStartedEvent{current_->item, std::chrono::steady_clock::now()});
      prepareNextItem();
    }
    return;
  }
  if (!failure && !std::holds_alternative<EndOfStreamEvent>(event)) return;
  // The pipeline that delivered this event is destroyed in endItem(), after
  // its handler has returned.
  boost::asio::post(executor_, [anchor, generation, failure] {
    if (auto alive = anchor.lock()) alive->self->endItem(generation, failure);
  });
}

void LedProgram::failNextItem(std::uint64_t generation, std::string failure) {
  if (!next_ || next_->generation != generation || next_->failure) return;
  next_->pipeline.reset();
  next_->failure = std::move(failure);
}

void LedProgram::endItem(std::uint64_t generation, std::optional<std::string> failure) {
  if (!current_ || current_->generation != generation) return;
  // State NULL. The screen keeps the item's last frame until the next one's
  // first (ScreenFeed).
  ItemSlot ended = std::move(*current_);
  current_.reset();
  ended.pipeline.reset();
  if (failure) {
    spdlog::warn("LED {}: {} failed: {}", channel_id_, ended.item.file.string(), *failure);
    emit(ItemFailedEvent{ended.item, *failure});
    if (++failures_in_a_row_ >= playlist_.size()) {
      retryLater();
      return;
    }
  } else {
    failures_in_a_row_ = 0;
    emit(ItemEndedEvent{ended.item, std::chrono::steady_clock::now()});
  }
  startNextItem();
}

void LedProgram::retryLater() {
  failures_in_a_row_ = 0;
  retry_timer_.expires_after(kRetryDelay);
  retry_timer_.async_wait(
      [anchor = std::weak_ptr<Anchor>(anchor_)](const boost::system::error_code& ec) {
        if (ec) return;
        if (auto alive = anchor.lock()) alive->self->startNextItem();
      });
}

void LedProgram::emit(const LedEvent& event) {
  if (handler_) handler_(event);
}

}  // namespace wardcast::media::led
