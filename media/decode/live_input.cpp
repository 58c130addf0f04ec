#include "media/decode/live_input.hpp"

#include <boost/asio/post.hpp>

#include "media/audio_format.hpp"

namespace wardcast::media {

Result<std::unique_ptr<LiveInput>> LiveInput::attach(Pipeline& pipeline, GstElement* mixer,
                                                     ElementHandle source,
                                                     std::function<void()> on_end) {
  if (!source) return makeError(ErrorKind::kInvalidInput, "no live source given");
  std::unique_ptr<LiveInput> live(new LiveInput(pipeline, mixer));
  GError* raw = nullptr;
  GstElement* bin = gst_parse_bin_from_description(
      ("audioconvert ! audioresample ! capsfilter caps=\"" + programCapsString() + "\"").c_str(), TRUE, &raw);
  GErrorHandle error = GErrorHandle::adopt(raw);
  live->convert_ = sinkElement(bin);
  if (!live->convert_) return makeError(ErrorKind::kInternal, "cannot build the live converter: " + errorText(error.get()));
  live->source_ = std::move(source);
  gst_bin_add_many(live->bin(), live->source_.get(), live->convert_.get(), nullptr);
  live->mixer_pad_ = PadHandle::adopt(gst_element_request_pad_simple(mixer, "sink_%u"));
  PadHandle convert_src = PadHandle::adopt(gst_element_get_static_pad(live->convert_.get(), "src"));
  if (!gst_element_link(live->source_.get(), live->convert_.get())) {
    live->detach();
    return makeError(ErrorKind::kInvalidInput, "the live source does not produce raw audio");
  }
  GstPadLinkReturn linked = live->mixer_pad_ && convert_src
                                ? gst_pad_link(convert_src.get(), live->mixer_pad_.get())
                                : GST_PAD_LINK_REFUSED;
  if (linked != GST_PAD_LINK_OK) {
    live->detach();
    return makeError(ErrorKind::kInternal, std::string("cannot patch the live source into the mixer: ") +
                                               gst_pad_link_get_name(linked));
  }
  live->anchor_ = std::make_shared<Anchor>(Anchor{pipeline.executor(), std::move(on_end)});
  live->probe_ = gst_pad_add_probe(live->mixer_pad_.get(), GST_PAD_PROBE_TYPE_EVENT_DOWNSTREAM,
                                   &LiveInput::onEvent, new std::weak_ptr<Anchor>(live->anchor_),
                                   [](gpointer data) { delete static_cast<std::weak_ptr<Anchor>*>(data); });
  // Downstream first, so the source never pushes into a stopped element.
  if (!gst_element_sync_state_with_parent(live->convert_.get()) ||
      !gst_element_sync_state_with_parent(live->source_.get())) {
    live->detach();
    return makeError(ErrorKind::kInvalidInput, "the live source refused to start");
  }
  return live;
}

// Streaming thread of the source.
GstPadProbeReturn LiveInput::onEvent(GstPad*, GstPadProbeInfo* info, gpointer data) {
  GstEvent* event = GST_PAD_PROBE_INFO_EVENT(info);
  if (GST_EVENT_TYPE(event) != GST_EVENT_EOS) return GST_PAD_PROBE_OK;
  if (auto anchor = static_cast<std::weak_ptr<Anchor>*>(data)->lock()) {
    boost::asio::post(anchor->executor, [weak = std::weak_ptr<Anchor>(anchor)]() {
      if (auto alive = weak.lock(); alive && alive->on_end) alive->on_end();
    });
  }
  return GST_PAD_PROBE_DROP;  // the mixer carries on with the program
}

LiveInput::~LiveInput() { detach(); }

void LiveInput::detach() {
  anchor_.reset();
  if (source_) {
    gst_element_set_state(source_.get(), GST_STATE_NULL);
    if (GST_OBJECT_PARENT(source_.get())) gst_bin_remove(bin(), source_.get());
  }
  if (convert_) {
    gst_element_set_state(convert_.get(), GST_STATE_NULL);
    if (GST_OBJECT_PARENT(convert_.get())) gst_bin_remove(bin(), convert_.get());
  }
  if (mixer_pad_) {
    if (probe_) gst_pad_remove_probe(mixer_pad_.get(), probe_);
    gst_element_release_request_pad(mixer_, mixer_pad_.get());
  }
  probe_ = 0;
  source_.reset();
  convert_.reset();
  mixer_pad_.reset();
}

}  // namespace wardcast::media
