#include "media/decode/loudspeaker_program.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>

#include "media/audio_format.hpp"

namespace wardcast::media {
namespace {

constexpr std::size_t kDecodersAhead = 1;  // decoders ready behind the playing one

std::string mainDescription(const ProgramSettings& settings) {
  auto latency_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(settings.mixer_latency).count();
  return fmt::format(
      "appsrc name=program is-live=true format=time stream-type=stream caps={caps} ! "
      "audiomixer name=mix latency={latency} "
      "output-buffer-duration=10000000 ! {caps} ! "
      "level name=level interval=100000000 post-messages=true ! tee name=raw allow-not-linked=true",
      fmt::arg("caps", programCapsString()), fmt::arg("latency", latency_ns));
}

}  // namespace

ProgramSettings programSettings(const StationConfig& config, const Channel& channel) {
  ProgramSettings settings;
  settings.channel_id = channel.id;
  settings.outputs = channel.outputs;
  settings.loudness.loudness_lufs = config.station.loudness_lufs;
  settings.loudness.ceiling_dbtp = config.station.true_peak_dbtp;
  return settings;
}

LoudspeakerProgram::LoudspeakerProgram(boost::asio::any_io_executor executor, ProgramSettings settings)
    : executor_(std::move(executor)), settings_(std::move(settings)), dead_air_(settings_.dead_air) {}

Result<std::unique_ptr<LoudspeakerProgram>> LoudspeakerProgram::create(
    boost::asio::any_io_executor executor, ProgramSettings settings) {
  auto plan = planOutputs(settings.outputs);
  if (!plan) return plan.error();
  if (plan->empty())
    return makeError(ErrorKind::kInvalidInput, "channel " + settings.channel_id + " has no outputs");
  std::unique_ptr<LoudspeakerProgram> program(new LoudspeakerProgram(std::move(executor), std::move(settings)));
  if (auto status = program->build(*plan); !status) return status.error();
  return program;
}

Status LoudspeakerProgram::build(const OutputPlan& plan) {
  auto pipeline = Pipeline::fromDescription(executor_, "program-" + settings_.channel_id,
                                            mainDescription(settings_));
  if (!pipeline) return pipeline.error();
  pipeline_ = std::move(*pipeline);
  ElementHandle appsrc = pipeline_->element("program");
  ElementHandle mixer = pipeline_->element("mix");
  ElementHandle raw = pipeline_->element("raw");
  mixer_ = mixer.get();
  PadHandle src = PadHandle::adopt(gst_element_get_static_pad(appsrc.get(), "src"));
  program_pad_ = PadHandle::adopt(gst_pad_get_peer(src.get()));
  auto built = buildOutputs(*pipeline_, raw.get(), plan,
                            [this](const IcecastOutput& out, IcecastSender::Link link, const std::string& why) {
                              emit(link == IcecastSender::Link::kUp ? ProgramEvent::Kind::kOutputUp
                                                                    : ProgramEvent::Kind::kOutputDown,
                                   {}, why, out.uri);
                            });
  if (!built) return built.error();
  outputs_ = std::move(*built);
  if (auto rtcp = openRtcp(); !rtcp) return rtcp.error();
  feeder_ = std::make_shared<ProgramFeeder>(executor_, appsrc.get(),
                                            [this](const FeederEvent& event) { onFeederEvent(event); });
  feeder_->attach();
  if (!plan.alsa.empty()) {
    feeder_->setStartupSilence(kAlsaStartupSilence);
    feeder_->setSilenceIsGap(false);
  }
  pipeline_->setEventHandler([this](const PipelineEvent& event) { onPipelineEvent(event); });
  return okStatus();
}

// One RtcpSession per unicast RTP output, counting what its udpsink sent.
Status LoudspeakerProgram::openRtcp() {
  if (!settings_.rtcp) return okStatus();
  for (const auto& tap : outputs_.rtp_taps) {
    auto settings = rtcpSettingsFor(executor_, settings_.channel_id, tap->output());
    if (!settings) return settings.error();
    settings->interval = settings_.rtcp_interval;
    auto session = RtcpSession::open(
        executor_, std::move(*settings), [tap = tap.get()] { return tap->counters(); },
        [this](const RtpReceiverStats& stats) {
          if (stats_handler_) stats_handler_(stats);
        });
    if (!session) return session.error();
    rtcp_.push_back(std::move(*session));
  }
  return okStatus();
}

LoudspeakerProgram::~LoudspeakerProgram() { stop(); }

Status LoudspeakerProgram::start() {
  if (status_ != ProgramStatus::kIdle)
    return makeError(ErrorKind::kConflict, fmt::format("channel {} cannot start: its program is {}",
                                                       settings_.channel_id, toString(status_)));
  if (auto status = pipeline_->play(); !status) {
    status_ = ProgramStatus::kError;
    return status;
  }
  status_ = ProgramStatus::kOnAir;
  for (auto& sender : outputs_.senders) sender->start();
  for (auto& session : rtcp_) session->start();
  topUp();
  return okStatus();
}

void LoudspeakerProgram::stop() {
  status_ = ProgramStatus::kStopped;
  live_.reset();
  if (pipeline_) pipeline_->stop();  // joins the feeder's and the taps' threads
  for (auto& sender : outputs_.senders) sender->stop();
  for (auto& session : rtcp_) session->stop();
}

void LoudspeakerProgram::enqueue(ProgramItem item) {
  if (!accepting()) return;
  pending_.push_back(Pending{std::move(item), std::nullopt});
  topUp();
}

void LoudspeakerProgram::enqueueAt(ProgramItem item, std::chrono::system_clock::time_point start) {
  if (!accepting()) return;
  pending_.push_back(Pending{std::move(item), start});
  topUp();
}

std::chrono::system_clock::time_point LoudspeakerProgram::wallClockAt(std::chrono::nanoseconds running_time) const {
  auto wall = std::chrono::system_clock::now();
  auto ago = pipeline_->runningTime() - running_time + ProgramFeeder::kMaxLead;
  return wall - std::chrono::duration_cast<std::chrono::system_clock::duration>(ago);
}

void LoudspeakerProgram::setDeadAirWatch(DeadAirWatch watch) {
  dead_air_watch_ = watch;
}

bool LoudspeakerProgram::deadAirWatched() const {
  return dead_air_watch_ == DeadAirWatch::kAlways || item_on_air_ || live_ != nullptr;
}

// Keeps kDecodersAhead decoders prepared behind the playing item, so the
// next item is decoded and waiting when the current one ends.
void LoudspeakerProgram::topUp() {
  if (!accepting()) return;
  while (!pending_.empty() && feeder_->waiting() < kDecodersAhead + (feeder_->playing() ? 0 : 1)) {
    ProgramItem item = std::move(pending_.front().item);
    auto start_at = pending_.front().start_at;
    pending_.pop_front();
    double gain_db = itemGainDb(item.loudness, settings_.loudness, kProgramChannels);
    std::string id = item.id;
    auto decoder = ItemDecoder::start(executor_, std::move(item), gain_db,
                                      [id](const std::string& why) { spdlog::warn("item {}: {}", id, why); });
    if (!decoder) {
      emit(ProgramEvent::Kind::kItemFailed, id, decoder.error().message);
      continue;
    }
    feeder_->enqueue(std::move(*decoder), start_at);
  }
}

void LoudspeakerProgram::onFeederEvent(const FeederEvent& event) {
  std::string id = event.decoder ? event.decoder->item().id : std::string();
  switch (event.kind) {
    case FeederEvent::Kind::kStarted:
      item_on_air_ = true;
      emit(ProgramEvent::Kind::kItemStarted, id, fmt::format("gain {:+.1f} dB", event.decoder->gainDb()),
           {}, event.running_time);
      break;
    case FeederEvent::Kind::kEnded:
      item_on_air_ = false;
      emit(ProgramEvent::Kind::kItemEnded, id, {}, {}, event.running_time);
      break;
    case FeederEvent::Kind::kFailed:
      item_on_air_ = false;
      emit(ProgramEvent::Kind::kItemFailed, id, "cannot decode " + event.decoder->item().source(),
           {}, event.running_time);
      break;
    case FeederEvent::Kind::kIdle:
      if (pending_.empty()) emit(ProgramEvent::Kind::kQueueEmpty, {}, {}, {}, event.running_time);
      break;
  }
  topUp();
}

void LoudspeakerProgram::onPipelineEvent(const PipelineEvent& event) {
  if (auto* error = std::get_if<ErrorEvent>(&event)) {
    if (status_ != ProgramStatus::kStopped) status_ = ProgramStatus::kError;
    emit(ProgramEvent::Kind::kError, {}, fmt::format("{}: {}", error->element, error->message));
  } else if (std::holds_alternative<EndOfStreamEvent>(event)) {
    if (status_ == ProgramStatus::kDraining) {
      status_ = ProgramStatus::kStopped;
      emit(ProgramEvent::Kind::kStopped);
    }
  } else if (auto* message = std::get_if<ElementMessageEvent>(&event)) {
    if (message->name() == "level") onLevel(message->structure.get());
  }
}

void LoudspeakerProgram::onLevel(const GstStructure* level) {
  const GValue* rms = gst_structure_get_value(level, "rms");
  GstClockTime end = 0;
  gst_structure_get_clock_time(level, "endtime", &end);
  if (!rms) return;
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  auto* values = static_cast<GValueArray*>(g_value_get_boxed(rms));
  double loudest = -200.0;
  for (guint i = 0; values && i < values->n_values; ++i)
    loudest = std::max(loudest, g_value_get_double(g_value_array_get_nth(values, i)));
  G_GNUC_END_IGNORE_DEPRECATIONS
  if (!std::isfinite(loudest)) loudest = -200.0;
  bool watched = deadAirWatched();
  if (watched != dead_air_watched_) {
    // A new span: silence is counted from here on, or no longer at all.
    bool was_active = dead_air_.active();
    dead_air_ = DeadAirDetector(settings_.dead_air);
    dead_air_watched_ = watched;
    if (was_active) emit(ProgramEvent::Kind::kDeadAirEnded, {}, "off air");
  }
  if (!watched) return;
  switch (dead_air_.feed(loudest, std::chrono::nanoseconds(end))) {
    case DeadAirDetector::Change::kStarted:
      emit(ProgramEvent::Kind::kDeadAirStarted, {}, fmt::format("below {} dBFS", settings_.dead_air.threshold_dbfs));
      break;
    case DeadAirDetector::Change::kEnded:
      emit(ProgramEvent::Kind::kDeadAirEnded);
      break;
    case DeadAirDetector::Change::kNone:
      break;
  }
}

Status LoudspeakerProgram::startLive(ElementHandle source, LiveMode mode) {
  if (live_) return makeError(ErrorKind::kConflict, "a live source is already on air on " + settings_.channel_id);
  if (status_ != ProgramStatus::kOnAir)
    return makeError(ErrorKind::kConflict, "channel " + settings_.channel_id + " is not on air");
  auto live = LiveInput::attach(*pipeline_, mixer_, std::move(source), [this] { stopLive(); });
  if (!live) return live.error();
  live_ = std::move(*live);
  if (mode == LiveMode::kTakeOver) {
    // No pad mute: what the feeder already pushed (<= 40 ms) plays out, the
    // rest waits, so the item resumes exactly where listeners lost it.
    feeder_->hold(true);
  } else {
    g_object_set(program_pad_.get(), "volume", dbToLinear(settings_.duck_db), nullptr);
  }
  emit(ProgramEvent::Kind::kLiveStarted, {}, mode == LiveMode::kTakeOver ? "takeover" : "duck");
  return okStatus();
}

void LoudspeakerProgram::stopLive() {
  if (!live_) return;
  // Program back first, then the live branch goes: no hole in between.
  g_object_set(program_pad_.get(), "volume", 1.0, nullptr);
  feeder_->hold(false);
  live_.reset();
  emit(ProgramEvent::Kind::kLiveEnded);
}

void LoudspeakerProgram::drain() {
  if (status_ == ProgramStatus::kDraining || status_ == ProgramStatus::kStopped) return;
  bool sending = status_ == ProgramStatus::kOnAir;
  status_ = ProgramStatus::kDraining;
  pending_.clear();
  live_.reset();
  if (!sending || pipeline_->state() != PipelineState::kPlaying) {
    status_ = ProgramStatus::kStopped;
    emit(ProgramEvent::Kind::kStopped);
    return;
  }
  feeder_->endOfStream();
}

void LoudspeakerProgram::emit(ProgramEvent::Kind kind, std::string item, std::string message,
                              std::string output, std::chrono::nanoseconds when) {
  if (!handler_) return;
  ProgramEvent event;
  event.kind = kind;
  event.item_id = std::move(item);
  event.message = std::move(message);
  event.output = std::move(output);
  event.running_time = when.count() >= 0 ? when : pipeline_->runningTime();
  handler_(event);
}

}  // namespace wardcast::media
