#include "media/rendition/render_job.hpp"

#include <fcntl.h>
#include <gst/app/gstappsink.h>
#include <gst/app/gstappsrc.h>
#include <unistd.h>

#include <fmt/format.h>

#include <cstring>

#include "media/audio_format.hpp"
#include "media/loudness_gain.hpp"

namespace wardcast::media {
namespace {

// Frames handed to the encoder per push once enough are held back.
constexpr std::size_t kPushFrames = 4800;  // 100 ms

// Flushes a finished file to disk before it is renamed into place.
bool syncFile(const std::filesystem::path& file) {
  int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  bool ok = ::fsync(fd) == 0;
  ::close(fd);
  return ok;
}

std::string description(const RenditionFormat& format) {
  const auto* opus = std::get_if<AirFormat>(&format);
  std::string decode = fmt::format(
      "filesrc name=src ! decodebin ! audioconvert ! audioresample ! volume name=gain ! {caps} ! "
      "appsink name=pcm sync=false max-buffers=16 enable-last-sample=false "
      "appsrc name=enc format=time block=true max-bytes=1048576 caps={caps} ! audioconvert ! ",
      fmt::arg("caps", programCapsString()));
  // No muxer for MP3: lamemp3enc writes bare frames (no ID3, no Xing frame).
  if (!opus)
    return decode + fmt::format(
                        "lamemp3enc target=bitrate bitrate={} cbr=true ! "
                        "filesink name=out sync=false async=false",
                        std::get<Mp3AirFormat>(format).bitrate_kbps);
  // audio-type 2051 = restricted-lowdelay: CELT only, 2.5 ms lookahead
  // (kAirLookaheadSamples), no SILK/hybrid state for a receiver's decoder to
  // carry from one item into the next.
  return decode + fmt::format(
                      "opusenc audio-type=restricted-lowdelay bitrate={} frame-size={} ! "
                      "oggmux ! filesink name=out sync=false async=false",
                      opus->bitrate_kbps * 1000, opus->frame_ms);
}

}  // namespace

RenderJob::RenderJob(const RenditionFormat& format, std::filesystem::path destination, Done done)
    : format_(format),
      destination_(std::move(destination)),
      // Unique per process and job: two caches may render the same file at once.
      temporary_(destination_.string() +
                 fmt::format(".tmp-{}-{}", ::getpid(), static_cast<const void*>(this))),
      done_(std::move(done)) {}

Result<std::unique_ptr<RenderJob>> RenderJob::start(boost::asio::any_io_executor executor,
                                                    const std::filesystem::path& source,
                                                    double gain_db, const RenditionFormat& format,
                                                    const std::filesystem::path& destination,
                                                    Done done) {
  std::unique_ptr<RenderJob> job(new RenderJob(format, destination, std::move(done)));
  if (auto status = job->build(std::move(executor), source, gain_db); !status)
    return status.error();
  return job;
}

Status RenderJob::build(boost::asio::any_io_executor executor, const std::filesystem::path& source,
                        double gain_db) {
  std::error_code ec;
  std::filesystem::create_directories(destination_.parent_path(), ec);
  if (ec)
    return makeError(
        ErrorKind::kIo,
        fmt::format("cannot create {}: {}", destination_.parent_path().string(), ec.message()));
  auto pipeline = Pipeline::fromDescription(executor, "render-" + destination_.filename().string(),
                                            description(format_));
  if (!pipeline) return pipeline.error();
  pipeline_ = std::move(*pipeline);
  // Paths are properties, never spliced into the description.
  g_object_set(pipeline_->element("src").get(), "location", source.c_str(), nullptr);
  g_object_set(pipeline_->element("out").get(), "location", temporary_.c_str(), nullptr);
  g_object_set(pipeline_->element("gain").get(), "volume", dbToLinear(gain_db), nullptr);
  appsrc_ = pipeline_->element("enc");
  ElementHandle pcm = pipeline_->element("pcm");
  GstAppSinkCallbacks callbacks{};
  callbacks.new_sample = &RenderJob::onSample;
  callbacks.eos = &RenderJob::onEos;
  // `this` outlives the callbacks: the destructor stops the pipeline first.
  gst_app_sink_set_callbacks(GST_APP_SINK(pcm.get()), &callbacks, this, nullptr);
  pipeline_->setEventHandler([this](const PipelineEvent& event) { onPipelineEvent(event); });
  return pipeline_->play();
}

RenderJob::~RenderJob() {
  if (pipeline_) pipeline_->stop();  // joins the streaming threads
  if (!finished_) {
    std::error_code ignored;
    std::filesystem::remove(temporary_, ignored);
  }
}

GstFlowReturn RenderJob::onSample(GstAppSink* sink, gpointer data) {
  auto* self = static_cast<RenderJob*>(data);
  SampleHandle sample = SampleHandle::adopt(gst_app_sink_pull_sample(sink));
  if (!sample) return GST_FLOW_EOS;
  GstBuffer* buffer = gst_sample_get_buffer(sample.get());
  GstMapInfo map;
  if (!buffer || !gst_buffer_map(buffer, &map, GST_MAP_READ)) return GST_FLOW_ERROR;
  const auto* samples = reinterpret_cast<const float*>(map.data);
  self->held_.insert(self->held_.end(), samples, samples + map.size / sizeof(float));
  gst_buffer_unmap(buffer, &map);
  // Keep at least one frame back: the end cut may need it.
  std::size_t held_frames = self->held_.size() / kProgramChannels;
  std::size_t keep = std::size_t(renditionFrameSamples(self->format_));
  if (held_frames >= keep + kPushFrames) self->pushFrames(held_frames - keep);
  return GST_FLOW_OK;
}

void RenderJob::onEos(GstAppSink*, gpointer data) {
  auto* self = static_cast<RenderJob*>(data);
  // Cut so that lookahead + all samples fill whole frames: Opus's final
  // packet then holds the item's last sample and no padding; LAME adds one
  // frame exactly (renditionCutLookahead()).
  std::uint64_t held_frames = self->held_.size() / kProgramChannels;
  std::uint64_t total =
      self->frames_pushed_ + held_frames + std::uint64_t(renditionCutLookahead(self->format_));
  std::uint64_t cut = total % std::uint64_t(renditionFrameSamples(self->format_));
  if (cut > held_frames) cut = 0;  // shorter than a frame: keep it whole (padded)
  self->frames_cut_ = cut;
  self->pushFrames(std::size_t(held_frames - cut));
  self->held_.clear();
  gst_app_src_end_of_stream(GST_APP_SRC(self->appsrc_.get()));
}

void RenderJob::pushFrames(std::size_t frames) {
  if (frames == 0) return;
  std::size_t count = frames * kProgramChannels;
  GstBuffer* buffer = gst_buffer_new_allocate(nullptr, count * sizeof(float), nullptr);
  gst_buffer_fill(buffer, 0, held_.data(), count * sizeof(float));
  GST_BUFFER_PTS(buffer) = frames_pushed_ * GST_SECOND / kProgramRate;
  GST_BUFFER_DURATION(buffer) = frames * GST_SECOND / kProgramRate;
  frames_pushed_ += frames;
  held_.erase(held_.begin(), held_.begin() + long(count));
  // Blocks while the encoder's queue is full (block=true): back-pressure.
  gst_app_src_push_buffer(GST_APP_SRC(appsrc_.get()), buffer);
}

void RenderJob::onPipelineEvent(const PipelineEvent& event) {
  if (auto* error = std::get_if<ErrorEvent>(&event)) {
    finish(makeError(ErrorKind::kIo,
                     fmt::format("cannot render: {}: {}", error->element, error->message)));
  } else if (std::holds_alternative<EndOfStreamEvent>(event)) {
    if (frames_pushed_ == 0) {
      finish(makeError(ErrorKind::kInvalidInput, "cannot render: no audio"));
      return;
    }
    std::error_code ec;
    if (!syncFile(temporary_)) ec = std::error_code(errno, std::generic_category());
    if (!ec) std::filesystem::rename(temporary_, destination_, ec);
    if (ec)
      finish(makeError(ErrorKind::kIo, "cannot store the rendition: " + ec.message()));
    else
      finish(okStatus());
  }
}

void RenderJob::finish(Status status) {
  if (finished_) return;
  finished_ = status.ok();
  if (!status.ok()) {
    std::error_code ignored;
    std::filesystem::remove(temporary_, ignored);
  }
  auto done = std::move(done_);
  done_ = nullptr;
  if (done) done(std::move(status));  // may destroy this job: nothing after
}

}  // namespace wardcast::media
