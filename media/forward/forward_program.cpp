#include "media/forward/forward_program.hpp"

#include <fmt/format.h>
#include <boost/asio/post.hpp>

#include "media/forward/mp3_frame.hpp"
#include "media/forward/opus_packet.hpp"

namespace wardcast::media {
namespace {

std::chrono::nanoseconds samplesToTime(std::uint64_t samples) {
  return std::chrono::nanoseconds(samples * 1'000'000'000ull / std::uint64_t(kOpusClockRate));
}

// How long from now to the next wall-clock multiple of `period` (a
// packet's duration): 06:00:00.000, 06:00:00.020, ... on the system clock.
std::chrono::steady_clock::duration untilWallGrid(std::chrono::nanoseconds period) {
  auto now = std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now().time_since_epoch());
  auto into = now % period;
  return std::chrono::duration_cast<std::chrono::steady_clock::duration>(into.count() == 0 ? into : period - into);
}

}  // namespace

std::optional<RenditionFormat> forwardRenditionFormat(const OutputPlan& plan) {
  if (!plan.alsa.empty() || !plan.files.empty() || plan.rtp.empty() == plan.icecast.empty())
    return std::nullopt;
  if (!plan.rtp.empty()) {
    AirFormat format{plan.rtp.front().bitrate_kbps, plan.rtp.front().ptime_ms};
    for (const auto& out : plan.rtp) {
      if (AirFormat{out.bitrate_kbps, out.ptime_ms} != format) return std::nullopt;
      if (!out.iface.empty()) return std::nullopt;
    }
    if (opusSilencePacket(format.frame_ms).empty()) return std::nullopt;
    return format;
  }
  Mp3AirFormat format{plan.icecast.front().bitrate_kbps};
  for (const auto& out : plan.icecast)
    if (out.codec != AudioCodec::kMp3 || out.bitrate_kbps != format.bitrate_kbps)
      return std::nullopt;
  if (!mp3BitrateIndex(format.bitrate_kbps)) return std::nullopt;
  return format;
}

std::optional<AirFormat> forwardFormat(const OutputPlan& plan) {
  auto format = forwardRenditionFormat(plan);
  if (!format || !std::holds_alternative<AirFormat>(*format)) return std::nullopt;
  return std::get<AirFormat>(*format);
}

ForwardProgram::ForwardProgram(boost::asio::any_io_executor executor, ForwardSettings settings)
    : settings_(std::move(settings)), timer_(executor) {}

Result<std::unique_ptr<ForwardProgram>> ForwardProgram::create(
    boost::asio::any_io_executor executor, ForwardSettings settings) {
  if (settings.outputs.empty() && settings.icecast.empty())
    return makeError(ErrorKind::kInvalidInput,
                     "channel " + settings.channel_id + " has no outputs");
  if (!settings.outputs.empty() && !settings.icecast.empty())
    return makeError(ErrorKind::kInvalidInput,
                     "channel " + settings.channel_id +
                         ": RTP and Icecast outputs need two renditions of each item; forward "
                         "them with one program each");
  std::unique_ptr<ForwardProgram> program(new ForwardProgram(executor, std::move(settings)));
  if (!program->settings_.outputs.empty()) {
    if (Status rtp = program->openRtp(executor); !rtp) return rtp.error();
  } else {
    if (Status icecast = program->openIcecast(executor); !icecast) return icecast.error();
  }
  if (Status rtcp = program->openRtcp(executor); !rtcp) return rtcp.error();
  return program;
}

Status ForwardProgram::openRtp(const boost::asio::any_io_executor& executor) {
  const AirFormat& format = settings_.format;
  rendition_format_ = format;
  silence_ = silencePacket(format);
  if (silence_.bytes.empty())
    return makeError(ErrorKind::kInvalidInput,
                     fmt::format("channel {}: ptime {} ms cannot be forwarded",
                                 settings_.channel_id, format.frame_ms));
  for (const auto& out : settings_.outputs) {
    if (AirFormat{out.bitrate_kbps, out.ptime_ms} != format)
      return makeError(ErrorKind::kInvalidInput,
                       fmt::format("output {}: not in the channel's air format ({} kbit/s, {} ms)",
                                   out.uri, format.bitrate_kbps, format.frame_ms));
    auto sender = RtpOpusSender::open(executor, out);
    if (!sender) return sender.error();
    senders_.push_back(std::move(*sender));
  }
  return okStatus();
}

Status ForwardProgram::openIcecast(const boost::asio::any_io_executor& executor) {
  Mp3AirFormat format{settings_.icecast.front().bitrate_kbps};
  rendition_format_ = format;
  silence_ = silencePacket(format);
  if (silence_.bytes.empty())
    return makeError(ErrorKind::kInvalidInput,
                     fmt::format("channel {}: {} kbit/s is not an MPEG-1 Layer III bit rate",
                                 settings_.channel_id, format.bitrate_kbps));
  for (const auto& out : settings_.icecast) {
    if (out.codec != AudioCodec::kMp3 || out.bitrate_kbps != format.bitrate_kbps)
      return makeError(ErrorKind::kInvalidInput,
                       fmt::format("output {}: not MP3 at the channel's {} kbit/s", out.uri,
                                   format.bitrate_kbps));
    // Link changes become program events (posted, see emit()).
    icecast_.push_back(std::make_shared<IcecastSource>(
        executor, out, format,
        [this](const IcecastOutput& output, IcecastSource::Link link, const std::string& why) {
          emit(link == IcecastSource::Link::kUp ? ProgramEvent::Kind::kOutputUp
                                                : ProgramEvent::Kind::kOutputDown,
               {}, why, output.uri);
        }));
  }
  return okStatus();
}

// One RtcpSession per unicast output; multicast outputs have none (the
// session would have to join the group to hear receivers).
Status ForwardProgram::openRtcp(const boost::asio::any_io_executor& executor) {
  if (!settings_.rtcp) return okStatus();
  for (std::size_t i = 0; i < senders_.size(); ++i) {
    const RtpOutput& output = settings_.outputs[i];
    if (output.multicast) continue;
    auto settings = rtcpSettingsFor(executor, settings_.channel_id, output);
    if (!settings) return settings.error();
    settings->interval = settings_.rtcp_interval;
    auto session = RtcpSession::open(
        executor, std::move(*settings), [this, i] { return senders_[i].tally().counters(); },
        [this](const RtpReceiverStats& stats) {
          if (stats_handler_) stats_handler_(stats);
        });
    if (!session) return session.error();
    rtcp_.push_back(std::move(*session));
  }
  return okStatus();
}

ForwardProgram::~ForwardProgram() {
  *alive_ = false;
  stop();
}

Status ForwardProgram::start() {
  if (status_ != ProgramStatus::kIdle)
    return makeError(ErrorKind::kConflict, fmt::format("channel {} cannot start: its program is {}",
                                                       settings_.channel_id, toString(status_)));
  status_ = ProgramStatus::kOnAir;
  first_packet_ = true;
  samples_sent_ = 0;
  epoch_ = std::chrono::steady_clock::now() + untilWallGrid(samplesToTime(silence_.samples));
  schedule();
  for (auto& session : rtcp_) session->start();
  for (auto& source : icecast_) source->start();
  return okStatus();
}

void ForwardProgram::stop() {
  status_ = ProgramStatus::kStopped;
  timer_.cancel();
  reader_.reset();
  for (auto& session : rtcp_) session->stop();
  for (auto& source : icecast_) source->stop();
}

void ForwardProgram::enqueue(ForwardItem item) {
  if (status_ != ProgramStatus::kIdle && status_ != ProgramStatus::kOnAir) return;
  auto reader = RenditionReader::open(rendition_format_, item.rendition);
  queue_.push_back(Queued{std::move(item), std::move(reader)});
  idle_reported_ = false;
}

void ForwardProgram::drain() {
  if (status_ == ProgramStatus::kDraining || status_ == ProgramStatus::kStopped) return;
  bool sending = isSending(status_);
  status_ = ProgramStatus::kDraining;
  queue_.clear();
  if (!sending || !reader_) {
    stop();
    emit(ProgramEvent::Kind::kStopped);
  }
}

std::chrono::nanoseconds ForwardProgram::streamTime() const {
  return samplesToTime(samples_sent_);
}

void ForwardProgram::schedule() {
  timer_.expires_at(epoch_ +
                    std::chrono::duration_cast<std::chrono::steady_clock::duration>(streamTime()));
  timer_.async_wait([this, alive = std::weak_ptr<bool>(alive_)](boost::system::error_code ec) {
    if (ec || !alive.lock() || !isSending(status_)) return;
    onTimer();
  });
}

void ForwardProgram::onTimer() {
  auto now = std::chrono::steady_clock::now();
  auto due = [this] {
    return epoch_ + std::chrono::duration_cast<std::chrono::steady_clock::duration>(streamTime());
  };
  if (now - due() > kMaxCatchUp)
    epoch_ = now - std::chrono::duration_cast<std::chrono::steady_clock::duration>(streamTime()) +
             untilWallGrid(samplesToTime(silence_.samples));
  while (isSending(status_) && due() <= now) sendNext();
  if (isSending(status_)) schedule();
}

// Whether the next queued item has a start_at that the packet slot now due
// is too early for: the slot nearest to start_at is a later one.
bool ForwardProgram::nextItemWaits() const {
  if (queue_.empty() || !queue_.front().item.start_at) return false;
  auto until_start = *queue_.front().item.start_at - std::chrono::system_clock::now();
  auto slot = epoch_ + std::chrono::duration_cast<std::chrono::steady_clock::duration>(streamTime());
  auto slot_from_now = slot - std::chrono::steady_clock::now();
  auto half_packet = samplesToTime(silence_.samples) / 2;
  return until_start - slot_from_now > half_packet;
}

void ForwardProgram::beginNextItem() {
  while (!queue_.empty() && !nextItemWaits()) {
    ForwardItem item = std::move(queue_.front().item);
    auto reader = std::move(queue_.front().reader);
    queue_.pop_front();
    if (!reader) {
      emit(ProgramEvent::Kind::kItemFailed, item.id, reader.error().message);
      continue;
    }
    reader_.emplace(std::move(*reader));
    item_id_ = std::move(item.id);
    item_started_ = false;
    return;
  }
}

// The next packet of the item on air into packet_; at the item's end (or on
// a damaged rendition) reports it and leaves reader_ empty.
bool ForwardProgram::readItemPacket() {
  auto got = reader_->next(packet_);
  if (got && *got) {
    packet_samples_ = *got;
    if (!item_started_) emit(ProgramEvent::Kind::kItemStarted, item_id_);
    item_started_ = true;
    return true;
  }
  if (!got)
    emit(ProgramEvent::Kind::kItemFailed, item_id_, got.error().message);
  else
    emit(ProgramEvent::Kind::kItemEnded, item_id_);
  reader_.reset();
  return false;
}

void ForwardProgram::sendNext() {
  bool from_item = false;
  // Each pass either reads a packet or consumes an item: it ends.
  while (!from_item) {
    if (!reader_) {
      if (status_ == ProgramStatus::kDraining) {
        stop();
        emit(ProgramEvent::Kind::kStopped);
        return;
      }
      beginNextItem();
      if (!reader_) break;
    }
    from_item = readItemPacket();
  }
  const std::vector<std::uint8_t>& packet = from_item ? packet_ : silence_.bytes;
  std::uint32_t samples = from_item ? packet_samples_ : silence_.samples;
  if (!from_item && !idle_reported_ && queue_.empty()) {
    idle_reported_ = true;
    emit(ProgramEvent::Kind::kQueueEmpty);
  }
  for (auto& sender : senders_) sender.send(packet.data(), packet.size(), samples, first_packet_);
  for (auto& source : icecast_) source->send(packet.data(), packet.size());
  first_packet_ = false;
  samples_sent_ += samples;
}

// Events are posted: a handler may enqueue, drain or even destroy the
// program without re-entering the sending loop.
void ForwardProgram::emit(ProgramEvent::Kind kind, std::string item, std::string message,
                          std::string output) {
  ProgramEvent event;
  event.kind = kind;
  event.item_id = std::move(item);
  event.output = std::move(output);
  event.message = std::move(message);
  event.running_time = streamTime();
  boost::asio::post(timer_.get_executor(),
                    [this, alive = std::weak_ptr<bool>(alive_), event = std::move(event)]() {
                      if (alive.lock() && handler_) handler_(event);
                    });
}

}  // namespace wardcast::media
