#include "media/decode/item_decoder.hpp"

#include <gst/app/gstappsink.h>

#include "media/audio_format.hpp"

namespace wardcast::media {
namespace {

// A stream arrives at the network's pace, in bursts: up to 3 s of it wait
// here. The decoder starts a few seconds before its item is due (play's
// kPrepareLead), so the buffer is full when the relay goes on air and a
// network hiccup of less than that is not heard.
constexpr const char* kStreamJitterBuffer =
    " ! queue max-size-time=3000000000 max-size-buffers=0 max-size-bytes=0";

}  // namespace

Result<std::shared_ptr<ItemDecoder>> ItemDecoder::start(
    boost::asio::any_io_executor executor, ProgramItem item, double gain_db,
    std::function<void(const std::string&)> on_failure) {
  std::string name = "decode-" + item.id;
  bool stream = !item.stream_uri.empty();
  std::shared_ptr<ItemDecoder> decoder(new ItemDecoder(std::move(item), gain_db));
  // The location is set as a property, never spliced into the description.
  auto pipeline = Pipeline::fromDescription(
      executor, name,
      std::string(stream ? "uridecodebin name=src" : "filesrc name=src ! decodebin") +
          " ! audioconvert ! audioresample ! volume name=gain ! " + programCapsString() +
          (stream ? kStreamJitterBuffer : "") +
          " ! appsink name=sink sync=false max-buffers=6 drop=false enable-last-sample=false");
  if (!pipeline) return pipeline.error();
  decoder->pipeline_ = std::move(*pipeline);
  ElementHandle src = decoder->pipeline_->element("src");
  ElementHandle gain = decoder->pipeline_->element("gain");
  decoder->sink_ = decoder->pipeline_->element("sink");
  if (stream) g_object_set(src.get(), "uri", decoder->item_.stream_uri.c_str(), nullptr);
  else g_object_set(src.get(), "location", decoder->item_.path.c_str(), nullptr);
  g_object_set(gain.get(), "volume", dbToLinear(gain_db), nullptr);

  std::weak_ptr<ItemDecoder> weak = decoder;
  decoder->pipeline_->setEventHandler(
      [weak, on_failure = std::move(on_failure)](const PipelineEvent& event) {
        auto* error = std::get_if<ErrorEvent>(&event);
        auto self = weak.lock();
        if (!error || !self || self->failed_.exchange(true)) return;
        if (on_failure) on_failure(error->message);
      });
  if (auto status = decoder->pipeline_->play(); !status) {
    decoder->failed_ = true;
    return status.error();
  }
  return decoder;
}

ItemDecoder::PullResult ItemDecoder::pull(BufferHandle& out, std::chrono::milliseconds wait) {
  if (failed_.load()) return PullResult::kFailed;
  auto* sink = GST_APP_SINK(sink_.get());
  SampleHandle sample = SampleHandle::adopt(gst_app_sink_try_pull_sample(
      sink, GstClockTime(std::chrono::duration_cast<std::chrono::nanoseconds>(wait).count())));
  if (!sample) {
    if (failed_.load()) return PullResult::kFailed;
    return gst_app_sink_is_eos(sink) ? PullResult::kEnded : PullResult::kNotReady;
  }
  out = BufferHandle::ref(gst_sample_get_buffer(sample.get()));
  return out ? PullResult::kBuffer : PullResult::kNotReady;
}

}  // namespace wardcast::media
