#include "media/led/led_program.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <boost/asio/post.hpp>

#include <atomic>
#include <filesystem>

#include "media/led/rtsp_server_host.hpp"

namespace wardcast::media::led {
namespace {

Status setProperties(const Pipeline& pipeline, const LaunchPlan& plan) {
  for (const auto& property : plan.properties) {
    ElementHandle element = pipeline.element(property.element);
    if (!element) {
      return makeError(ErrorKind::kInternal,
                       "no element " + property.element + " in " + pipeline.name());
    }
    gst_util_set_object_arg(G_OBJECT(element.get()), property.name.c_str(), property.value.c_str());
  }
  return okStatus();
}

Result<std::string> fileUri(const std::filesystem::path& file) {
  GError* raw = nullptr;
  gchar* uri = gst_filename_to_uri(file.c_str(), &raw);
  GErrorHandle error = GErrorHandle::adopt(raw);
  if (!uri) return makeError(ErrorKind::kInvalidInput, errorText(error.get()));
  std::string result(uri);
  g_free(uri);
  return result;
}

// Links a clip's first decoded audio pad to an interaudiosink bin. Runs on
// the decoder's streaming thread ("pad-added"); touches only the item
// pipeline and its own flag.
struct AudioLink {
  std::string description;  // clipAudioBranch()
  std::atomic<bool> linked{false};
};

void freeAudioLink(gpointer data, GClosure* /*closure*/) {
  delete static_cast<AudioLink*>(data);
}

void onDecodedPad(GstElement* decoder, GstPad* pad, gpointer data) {
  auto* link = static_cast<AudioLink*>(data);
  CapsHandle caps = CapsHandle::adopt(gst_pad_get_current_caps(pad));
  if (!caps) caps = CapsHandle::adopt(gst_pad_query_caps(pad, nullptr));
  if (!caps || gst_caps_get_size(caps.get()) == 0) return;
  const char* media = gst_structure_get_name(gst_caps_get_structure(caps.get(), 0));
  if (!g_str_has_prefix(media, "audio/x-raw") || link->linked.exchange(true)) return;
  GError* raw = nullptr;
  GstElement* bin = gst_parse_bin_from_description(link->description.c_str(), TRUE, &raw);
  GErrorHandle error = GErrorHandle::adopt(raw);
  if (!bin) {
    spdlog::warn("LED: cannot play a clip's audio: {}", errorText(error.get()));
    return;
  }
  ElementHandle parent =
      ElementHandle::adopt(GST_ELEMENT(gst_object_get_parent(GST_OBJECT(decoder))));
  if (!parent || !gst_bin_add(GST_BIN(parent.get()), bin)) return;
  gst_element_sync_state_with_parent(bin);
  PadHandle sink = PadHandle::adopt(gst_element_get_static_pad(bin, "sink"));
  if (gst_pad_link(pad, sink.get()) != GST_PAD_LINK_OK) {
    spdlog::warn("LED: a clip's audio pad does not link to the program's audio");
  }
}

}  // namespace

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
  auto pipeline = Pipeline::fromDescription(executor_, "led-" + channel_id_, plan->description);
  if (!pipeline) {
    return makeError(pipeline.error().kind,
                     "LED channel " + channel_id_ + ": " + pipeline.error().message);
  }
  program_ = std::move(*pipeline);
  if (auto ok = setProperties(*program_, *plan); !ok) return ok;
  if (plan->has_ticker) {
    ElementHandle overlay = program_->element("ticker");
    g_signal_connect(overlay.get(), "draw", G_CALLBACK(&TickerRenderer::onDraw), ticker_.get());
    g_signal_connect(overlay.get(), "caps-changed", G_CALLBACK(&TickerRenderer::onCapsChanged),
                     ticker_.get());
  }
  audio_enabled_ = plan->has_audio;
  if (plan->has_rtsp_tap) {
    feed_ = std::make_unique<RtspFeed>(audio_enabled_ ? StreamSet::kVideoAndAudio
                                                      : StreamSet::kVideoOnly);
    feed_->attachTaps(program_->element("rtsp_tap").get(),
                      audio_enabled_ ? program_->element("rtsp_tap_audio").get() : nullptr);
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
  failures_in_a_row_ = 0;
  if (state_ == LedProgramState::kRunning && !item_pipeline_) startNextItem();
}

Status LedProgram::start() {
  if (state_ != LedProgramState::kStopped) {
    return makeError(ErrorKind::kConflict, "LED program " + channel_id_ + " is already running");
  }
  if (auto ok = program_->play(); !ok) return ok;
  state_ = LedProgramState::kRunning;
  for (auto& srt : srt_outputs_) srt->start();
  startNextItem();
  return okStatus();
}

Status LedProgram::finish() {
  if (state_ != LedProgramState::kRunning) {
    return makeError(ErrorKind::kConflict, "LED program " + channel_id_ + " is not running");
  }
  retry_timer_.cancel();
  item_pipeline_.reset();
  item_.reset();
  ++item_generation_;
  state_ = LedProgramState::kFinishing;
  return program_->drain();
}

void LedProgram::stop() {
  retry_timer_.cancel();
  item_pipeline_.reset();
  item_.reset();
  ++item_generation_;
  for (auto& srt : srt_outputs_) srt->stop();
  if (program_) program_->stop();
  state_ = LedProgramState::kStopped;
}

void LedProgram::onProgramEvent(const PipelineEvent& event) {
  if (const auto* error = std::get_if<ErrorEvent>(&event)) {
    spdlog::error("LED {}: program pipeline failed in {}: {} ({})", channel_id_, error->element,
                  error->message, error->debug);
    state_ = LedProgramState::kError;
    emit(ProgramErrorEvent{error->element + ": " + error->message});
    return;
  }
  if (const auto* warning = std::get_if<WarningEvent>(&event)) {
    spdlog::warn("LED {}: {}: {}", channel_id_, warning->element, warning->message);
    return;
  }
  if (std::holds_alternative<EndOfStreamEvent>(event) && state_ == LedProgramState::kFinishing) {
    boost::asio::post(executor_, [anchor = std::weak_ptr<Anchor>(anchor_)] {
      auto alive = anchor.lock();
      if (!alive) return;
      alive->self->stop();
      alive->self->emit(ProgramFinishedEvent{});
    });
  }
}

void LedProgram::startNextItem() {
  while (state_ == LedProgramState::kRunning && !item_pipeline_) {
    auto item = playlist_.next();
    if (!item) return;  // idle: black (and the ticker) until setPlaylist()
    auto started = startItem(*item);
    if (started) return;
    spdlog::warn("LED {}: skipping {}: {}", channel_id_, item->file.string(),
                 started.error().message);
    emit(ItemFailedEvent{*item, started.error().message});
    if (++failures_in_a_row_ >= playlist_.size()) {
      retryLater();
      return;
    }
  }
}

Status LedProgram::startItem(const PlaylistItem& item) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(item.file, ec)) {
    return makeError(ErrorKind::kNotFound, item.file.string() + " does not exist");
  }
  LaunchPlan plan;
  if (item.kind == ItemKind::kStill) {
    const auto frames = item.duration.count() * format_.framerate / 1000;
    plan = stillLaunch(format_, inter_channel_, item.file.string(), static_cast<int>(frames));
  } else {
    auto uri = fileUri(item.file);
    if (!uri) return uri.error();
    plan = clipLaunch(format_, inter_channel_, *uri);
  }
  auto pipeline =
      Pipeline::fromDescription(executor_, "led-" + channel_id_ + "-item", plan.description);
  if (!pipeline) return pipeline.error();
  if (auto ok = setProperties(**pipeline, plan); !ok) return ok;
  if (item.kind == ItemKind::kClip && audio_enabled_) {
    ElementHandle decoder = (*pipeline)->element("source");
    g_signal_connect_data(decoder.get(), "pad-added", G_CALLBACK(onDecodedPad),
                          new AudioLink{clipAudioBranch(inter_channel_), {}}, freeAudioLink,
                          GConnectFlags{});
  }
  const std::uint64_t generation = ++item_generation_;
  (*pipeline)->setEventHandler(
      [this, generation](const PipelineEvent& event) { onItemEvent(generation, event); });
  item_pipeline_ = std::move(*pipeline);
  item_ = item;
  if (auto ok = item_pipeline_->play(); !ok) {
    item_pipeline_.reset();
    item_.reset();
    return ok;
  }
  return okStatus();
}

void LedProgram::onItemEvent(std::uint64_t generation, const PipelineEvent& event) {
  if (generation != item_generation_ || !item_) return;
  std::optional<std::string> failure;
  if (const auto* changed = std::get_if<StateChangedEvent>(&event)) {
    if (changed->to == PipelineState::kPlaying && changed->from != PipelineState::kPlaying) {
      emit(ItemStartedEvent{*item_, std::chrono::steady_clock::now()});
    }
    return;
  }
  if (const auto* error = std::get_if<ErrorEvent>(&event)) {
    failure = error->element + ": " + error->message;
  } else if (!std::holds_alternative<EndOfStreamEvent>(event)) {
    return;
  }
  // The pipeline that delivered this event is destroyed in endItem(), after
  // its handler has returned.
  boost::asio::post(executor_, [anchor = std::weak_ptr<Anchor>(anchor_), generation, failure] {
    if (auto alive = anchor.lock()) alive->self->endItem(generation, failure);
  });
}

void LedProgram::endItem(std::uint64_t generation, std::optional<std::string> failure) {
  if (generation != item_generation_ || !item_pipeline_ || !item_) return;
  item_pipeline_.reset();  // state NULL; the screen goes black until the next item
  PlaylistItem item = std::move(*item_);
  item_.reset();
  if (failure) {
    spdlog::warn("LED {}: {} failed: {}", channel_id_, item.file.string(), *failure);
    emit(ItemFailedEvent{item, *failure});
    if (++failures_in_a_row_ >= playlist_.size()) {
      retryLater();
      return;
    }
  } else {
    failures_in_a_row_ = 0;
    emit(ItemEndedEvent{item, std::chrono::steady_clock::now()});
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
