#include "content/ingest/media_inspector.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>
#include <vector>

#include <fmt/format.h>

#include "content/ingest/audio_interleaver.hpp"
#include "content/ingest/av_log_capture.hpp"
#include "content/ingest/chunk_worker.hpp"
#include "content/ingest/loudness_meter.hpp"
#include "content/ingest/stream_decoder.hpp"
#include "content/ingest/true_peak_meter.hpp"

namespace wardcast::ingest_detail {
namespace {

using std::chrono::microseconds;
using std::chrono::milliseconds;

constexpr std::size_t kChunkFrames = 32768;      // frames per loudness chunk
constexpr microseconds kMinShortfall{500000};    // decoded may fall this short ...
constexpr std::int64_t kShortfallDivisor = 200;  // ... or 0.5 % of the claim

// What libavformat thinks the first bytes are, judged by content alone.
struct ContentProbe {
  std::string format_name;  // empty when nothing matched convincingly
};

ContentProbe probeContent(const std::filesystem::path& file) {
  std::array<unsigned char, 65536 + AVPROBE_PADDING_SIZE> buf{};
  int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return {};
  ssize_t got = ::read(fd, buf.data(), 65536);
  ::close(fd);
  if (got <= 0) return {};
  AVProbeData data{};
  data.filename = "";
  data.buf = buf.data();
  data.buf_size = static_cast<int>(got);
  int score = 0;
  const AVInputFormat* fmt = av_probe_input_format3(&data, 1, &score);
  if (fmt == nullptr || score <= AVPROBE_SCORE_EXTENSION / 2) return {};
  return {fmt->long_name ? fmt->long_name : fmt->name};
}

std::string seconds(microseconds us) {
  return fmt::format("{:.2f} s", us.count() / 1e6);
}

microseconds toMicros(std::int64_t value, AVRational time_base) {
  return microseconds(av_rescale_q(value, time_base, AVRational{1, 1000000}));
}

bool isStillImage(const AVFormatContext& fmt, const AVStream& video) {
  std::string name = fmt.iformat->name;
  bool image_demuxer = name == "image2" || (name.size() > 5 && name.ends_with("_pipe"));
  AVCodecID id = video.codecpar->codec_id;
  return image_demuxer && (id == AV_CODEC_ID_PNG || id == AV_CODEC_ID_MJPEG);
}

}  // namespace

struct MediaInspector::State {
  std::filesystem::path file;
  IngestExpect expect;
  IngestLimits limits;
  AvLogCapture log;
  FormatContextHandle container;
  ContentProbe probe;
  int audio_index = -1;
  int video_index = -1;
  bool image = false;
  std::optional<StreamDecoder> audio;
  std::optional<StreamDecoder> video;
  // Audio measurement: the pool outlives the workers and their chunks.
  AudioChunkPool pool;
  std::optional<LoudnessMeter> integrated;
  std::optional<TruePeakMeter> true_peak;
  std::optional<ChunkWorker> integrated_worker;
  std::optional<ChunkWorker> true_peak_worker;
  std::unique_ptr<std::vector<float>> chunk;  // sized for a chunk; `filled` used
  std::size_t filled = 0;                     // floats written to chunk
  std::size_t channels = 0;
  AudioInterleaver interleaver;
  AssetInfo info;

  Error refuse(const std::string& what) const {
    return makeError(ErrorKind::kInvalidInput, file.string() + ": " + what);
  }
  std::string libavSays(int ret) const {
    std::string first = log.firstError();
    return first.empty() ? avErrorText(ret) : first;
  }
  Error corrupt(const std::string& what) const { return refuse("truncated or corrupt: " + what); }

  Status open();
  Status selectStreams();
  void describe();
  void narrowStreams();
  Status startDecoders();
  Status startMeters();
  void dispatchChunk();
  Status decodeAll();
  Status onAudioFrame(const AVFrame& frame);
  Status finishAudio();
  Status checkDurations();
};

Status MediaInspector::State::open() {
  probe = probeContent(file);
  AVFormatContext* raw = nullptr;
  int ret = avformat_open_input(&raw, file.c_str(), nullptr, nullptr);
  container = FormatContextHandle::adopt(raw);
  if (ret < 0) {
    if (probe.format_name.empty()) return refuse("not a media file (" + libavSays(ret) + ")");
    return corrupt("looks like " + probe.format_name + " but cannot be opened (" + libavSays(ret) +
                   ")");
  }
  ret = avformat_find_stream_info(container.get(), nullptr);
  if (ret < 0) {
    if (probe.format_name.empty()) return refuse("not a media file (" + libavSays(ret) + ")");
    return corrupt("its streams cannot be read (" + libavSays(ret) + ")");
  }
  return okStatus();
}

Status MediaInspector::State::selectStreams() {
  audio_index = av_find_best_stream(container.get(), AVMEDIA_TYPE_AUDIO, -1, -1, nullptr, 0);
  video_index = -1;
  for (unsigned i = 0; i < container.get()->nb_streams; ++i) {
    const AVStream& st = *container.get()->streams[i];
    if (st.codecpar->codec_type == AVMEDIA_TYPE_VIDEO &&
        (st.disposition & AV_DISPOSITION_ATTACHED_PIC) == 0 && video_index < 0) {
      video_index = static_cast<int>(i);
    }
  }
  if (audio_index < 0) audio_index = -1;  // av_find_best_stream returns an AVERROR
  image =
      video_index >= 0 && isStillImage(*container.get(), *container.get()->streams[video_index]);
  bool recognised = audio_index >= 0 || video_index >= 0;
  if (!recognised) {
    if (probe.format_name.empty()) return refuse("not a media file (no audio or video stream)");
    return refuse("has no audio or video stream");
  }
  if (expect == IngestExpect::kBulletin && audio_index < 0) {
    return refuse(video_index >= 0 ? "has no audio stream (it is a silent video or an image); "
                                     "a bulletin needs sound"
                                   : "has no audio stream; a bulletin needs sound");
  }
  if (expect == IngestExpect::kClip && video_index < 0) {
    return refuse(
        "has no video stream (it is audio only); a clip needs video or a still "
        "image (PNG/JPEG)");
  }
  return okStatus();
}

// After describe(): drops the streams this ingest does not decode, so the
// demuxer skips their packets. Bulletins ignore video; an image has no audio.
void MediaInspector::State::narrowStreams() {
  if (expect == IngestExpect::kBulletin) video_index = -1;
  if (image) audio_index = -1;
  for (unsigned i = 0; i < container.get()->nb_streams; ++i) {
    bool used = static_cast<int>(i) == audio_index || static_cast<int>(i) == video_index;
    container.get()->streams[i]->discard = used ? AVDISCARD_DEFAULT : AVDISCARD_ALL;
  }
}

void MediaInspector::State::describe() {
  info.container = container.get()->iformat->name;
  if (expect == IngestExpect::kBulletin) {
    info.kind = AssetKind::kAudio;
  } else {
    info.kind = image ? AssetKind::kImage : AssetKind::kVideo;
  }
  if (audio_index >= 0) {
    const AVCodecParameters& par = *container.get()->streams[audio_index]->codecpar;
    info.audio_codec = avcodec_get_name(par.codec_id);
    info.sample_rate = par.sample_rate;
    info.channels = par.ch_layout.nb_channels;
  }
  if (video_index >= 0) {
    AVStream* st = container.get()->streams[video_index];
    info.video_codec = avcodec_get_name(st->codecpar->codec_id);
    info.width = st->codecpar->width;
    info.height = st->codecpar->height;
    if (!image) {
      AVRational rate = av_guess_frame_rate(container.get(), st, nullptr);
      info.frame_rate = rate.num > 0 && rate.den > 0 ? av_q2d(rate) : 0.0;
    }
  }
}

Status MediaInspector::State::startDecoders() {
  if (audio_index >= 0) {
    auto dec = StreamDecoder::open(*container.get()->streams[audio_index], DecoderThreads::kSingle);
    if (!dec) return refuse("audio: " + dec.error().message);
    audio.emplace(std::move(dec).value());
    if (Status st = startMeters(); !st) return st;
  }
  if (video_index >= 0) {
    auto dec = StreamDecoder::open(*container.get()->streams[video_index], DecoderThreads::kAuto);
    if (!dec) return refuse("video: " + dec.error().message);
    video.emplace(std::move(dec).value());
  }
  return okStatus();
}

Status MediaInspector::State::startMeters() {
  const AVCodecContext& ctx = audio->context();
  auto loudness = LoudnessMeter::create(ctx.ch_layout, ctx.sample_rate);
  if (!loudness) return refuse(loudness.error().message);
  auto peak = TruePeakMeter::create(ctx.ch_layout.nb_channels, ctx.sample_rate);
  if (!peak) return refuse(peak.error().message);
  integrated.emplace(std::move(loudness).value());
  true_peak.emplace(std::move(peak).value());
  channels = static_cast<std::size_t>(ctx.ch_layout.nb_channels);
  integrated_worker.emplace([this](const std::vector<float>& samples) {
    return integrated->add(samples.data(), samples.size() / channels);
  });
  true_peak_worker.emplace([this](const std::vector<float>& samples) {
    return true_peak->add(samples.data(), samples.size() / channels);
  });
  chunk = pool.take();
  return okStatus();
}

// Hands the filled chunk to both meters' threads and starts a new one.
void MediaInspector::State::dispatchChunk() {
  if (filled == 0) return;
  chunk->resize(filled);  // shrinking: nothing is zeroed
  AudioChunk shared = pool.share(std::move(chunk));
  integrated_worker->push(shared);
  true_peak_worker->push(std::move(shared));
  chunk = pool.take();
  filled = 0;
}

Status MediaInspector::State::onAudioFrame(const AVFrame& frame) {
  if (static_cast<std::size_t>(frame.ch_layout.nb_channels) != channels ||
      frame.sample_rate != audio->context().sample_rate) {
    return corrupt("the audio changes channels or sample rate mid-stream");
  }
  const std::size_t need = static_cast<std::size_t>(frame.nb_samples) * channels;
  // Grown to a chunk plus a frame once per buffer; pooled buffers keep that.
  if (chunk->size() < filled + need) {
    chunk->resize(std::max(filled + need, kChunkFrames * channels));
  }
  if (Status st = interleaver.convert(frame, chunk->data() + filled); !st) return st;
  filled += need;
  if (filled >= kChunkFrames * channels) dispatchChunk();
  return okStatus();
}

Status MediaInspector::State::decodeAll() {
  PacketHandle packet = PacketHandle::adopt(av_packet_alloc());
  if (!packet) return makeError(ErrorKind::kInternal, "out of memory for a packet");
  auto on_audio = [this](const AVFrame& f) { return onAudioFrame(f); };
  auto on_video = [](const AVFrame&) { return okStatus(); };
  int ret = 0;
  while ((ret = av_read_frame(container.get(), packet.get())) >= 0) {
    Status st = okStatus();
    microseconds at =
        packet.get()->pts == AV_NOPTS_VALUE
            ? microseconds(0)
            : toMicros(packet.get()->pts,
                       container.get()->streams[packet.get()->stream_index]->time_base);
    if (packet.get()->stream_index == audio_index) {
      st = audio->decode(packet.get(), on_audio);
      if (!st)
        return corrupt("audio decode error at " + seconds(at) + " (" + st.error().message + ")");
    } else if (packet.get()->stream_index == video_index) {
      st = video->decode(packet.get(), on_video);
      if (!st)
        return corrupt("video decode error at " + seconds(at) + " (" + st.error().message + ")");
    }
    av_packet_unref(packet.get());
  }
  if (ret != AVERROR_EOF) return corrupt("read error (" + libavSays(ret) + ")");
  if (audio) {
    if (Status st = audio->decode(nullptr, on_audio); !st) {
      return corrupt("audio decode error at the end (" + st.error().message + ")");
    }
  }
  if (video) {
    if (Status st = video->decode(nullptr, on_video); !st) {
      return corrupt("video decode error at the end (" + st.error().message + ")");
    }
  }
  return okStatus();
}

Status MediaInspector::State::finishAudio() {
  if (!integrated_worker) return okStatus();
  dispatchChunk();
  Status loudness_status = integrated_worker->finish();
  Status peak_status = true_peak_worker->finish();
  if (!loudness_status) return refuse(loudness_status.error().message);
  if (!peak_status) return refuse(peak_status.error().message);
  info.loudness_lufs = integrated->integrated();
  if (true_peak->peak() > 0.0) info.true_peak_dbtp = 20.0 * std::log10(true_peak->peak());
  return okStatus();
}

Status MediaInspector::State::checkDurations() {
  auto shortOf = [](microseconds decoded, microseconds claimed) {
    microseconds tolerance = std::max(kMinShortfall, claimed / kShortfallDivisor);
    return decoded + tolerance < claimed;
  };
  microseconds longest{0};
  struct Used {
    StreamDecoder* decoder;
    int index;
    const char* what;
  };
  for (Used used : {Used{audio ? &*audio : nullptr, audio_index, "audio"},
                    Used{video ? &*video : nullptr, video_index, "video"}}) {
    if (used.decoder == nullptr) continue;
    const AVStream& st = *container.get()->streams[used.index];
    if (used.decoder->framesDecoded() == 0) {
      if (probe.format_name.empty()) {
        return refuse(fmt::format("not a media file (no {} could be decoded)", used.what));
      }
      return refuse(fmt::format("zero duration (no {} frames)", used.what));
    }
    microseconds decoded = used.decoder->decodedDuration();
    longest = std::max(longest, decoded);
    if (st.duration != AV_NOPTS_VALUE && shortOf(decoded, toMicros(st.duration, st.time_base))) {
      return corrupt(fmt::format("decoded {} of {} but the container claims {}", seconds(decoded),
                                 used.what, seconds(toMicros(st.duration, st.time_base))));
    }
  }
  bool trusted = container.get()->duration != AV_NOPTS_VALUE &&
                 container.get()->duration_estimation_method != AVFMT_DURATION_FROM_BITRATE;
  if (!image && trusted && shortOf(longest, microseconds(container.get()->duration))) {
    return corrupt(fmt::format("decoded {} but the container claims {}", seconds(longest),
                               seconds(microseconds(container.get()->duration))));
  }
  info.duration = image ? limits.image_duration : std::chrono::duration_cast<milliseconds>(longest);
  if (info.duration.count() <= 0) return refuse("zero duration");
  return okStatus();
}

MediaInspector::MediaInspector(std::filesystem::path file, IngestExpect expect, IngestLimits limits)
    : state_(std::make_unique<State>()) {
  state_->file = std::move(file);
  state_->expect = expect;
  state_->limits = limits;
}

MediaInspector::~MediaInspector() = default;

Result<AssetInfo> MediaInspector::run() {
  State& s = *state_;
  for (auto step : {&State::open, &State::selectStreams}) {
    if (Status st = (s.*step)(); !st) return st.error();
  }
  s.describe();
  s.narrowStreams();
  for (auto step :
       {&State::startDecoders, &State::decodeAll, &State::finishAudio, &State::checkDurations}) {
    if (Status st = (s.*step)(); !st) return st.error();
  }
  return s.info;
}

std::string storedExtension(const AssetInfo& info) {
  const std::string& c = info.container;
  bool has_video = !info.video_codec.empty();
  if (c == "png_pipe") return "png";
  if (c == "jpeg_pipe" || (c == "image2" && info.video_codec == "mjpeg")) return "jpg";
  if (c == "mp3" || c == "wav" || c == "flac" || c == "aac") return c;
  if (c == "ogg") return !has_video && info.audio_codec == "opus" ? "opus" : "ogg";
  if (c.starts_with("mov,mp4")) return has_video ? "mp4" : "m4a";
  if (c.starts_with("matroska")) {
    for (const std::string& codec : {info.video_codec, info.audio_codec}) {
      if (!codec.empty() && codec != "vp8" && codec != "vp9" && codec != "av1" && codec != "opus" &&
          codec != "vorbis") {
        return "mkv";
      }
    }
    return "webm";
  }
  std::string ext;
  for (char ch : c) {
    if (ch == ',') break;
    if (std::isalnum(static_cast<unsigned char>(ch))) ext += ch;
  }
  return ext.empty() ? "bin" : ext;
}

}  // namespace wardcast::ingest_detail
