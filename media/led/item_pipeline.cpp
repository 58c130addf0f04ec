#include "media/led/item_pipeline.hpp"

#include <spdlog/spdlog.h>

#include <atomic>
#include <filesystem>

namespace wardcast::media::led {
namespace {

Result<std::string> fileUri(const std::filesystem::path& file) {
  GError* raw = nullptr;
  gchar* uri = gst_filename_to_uri(file.c_str(), &raw);
  GErrorHandle error = GErrorHandle::adopt(raw);
  if (!uri) return makeError(ErrorKind::kInvalidInput, errorText(error.get()));
  std::string result(uri);
  g_free(uri);
  return result;
}

// Links a clip's first decoded audio pad to a clipAudioBranch() bin whose
// appsink feeds the program's sound. Runs on the decoder's streaming thread
// ("pad-added"); touches only the item pipeline and its own flag.
struct AudioLink {
  ScreenFeed feed;
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
  GstElement* bin = gst_parse_bin_from_description(clipAudioBranch().c_str(), TRUE, &raw);
  GErrorHandle error = GErrorHandle::adopt(raw);
  if (!bin) {
    spdlog::warn("LED: cannot play a clip's audio: {}", errorText(error.get()));
    return;
  }
  ElementHandle appsink = ElementHandle::adopt(gst_bin_get_by_name(GST_BIN(bin), kItemAudioSink));
  link->feed.connectAudio(appsink.get());
  ElementHandle parent =
      ElementHandle::adopt(GST_ELEMENT(gst_object_get_parent(GST_OBJECT(decoder))));
  if (!parent || !gst_bin_add(GST_BIN(parent.get()), bin)) {
    gst_object_unref(gst_object_ref_sink(bin));
    return;
  }
  gst_element_sync_state_with_parent(bin);
  PadHandle sink = PadHandle::adopt(gst_element_get_static_pad(bin, "sink"));
  if (gst_pad_link(pad, sink.get()) != GST_PAD_LINK_OK) {
    spdlog::warn("LED: a clip's audio pad does not link to the program's audio");
  }
}

}  // namespace

Status setLaunchProperties(const Pipeline& pipeline,
                           const std::vector<LaunchPlan::Property>& properties) {
  for (const auto& property : properties) {
    ElementHandle element = pipeline.element(property.element);
    if (!element) {
      return makeError(ErrorKind::kInternal,
                       "no element " + property.element + " in " + pipeline.name());
    }
    gst_util_set_object_arg(G_OBJECT(element.get()), property.name.c_str(), property.value.c_str());
  }
  return okStatus();
}

Result<std::unique_ptr<Pipeline>> makeItemPipeline(boost::asio::any_io_executor executor,
                                                   const std::string& channel_id,
                                                   const LedFormat& format,
                                                   const PlaylistItem& item,
                                                   const ScreenFeed& feed) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(item.file, ec)) {
    return makeError(ErrorKind::kNotFound, item.file.string() + " does not exist");
  }
  LaunchPlan plan;
  if (item.kind == ItemKind::kStill) {
    const auto frames = item.duration.count() * format.framerate / 1000;
    plan = stillLaunch(format, item.file.string(), static_cast<int>(frames));
  } else {
    auto uri = fileUri(item.file);
    if (!uri) return uri.error();
    plan = clipLaunch(format, *uri);
  }
  auto pipeline = Pipeline::fromDescription(std::move(executor), "led-" + channel_id + "-item",
                                            plan.description);
  if (!pipeline) return pipeline.error();
  if (auto ok = setLaunchProperties(**pipeline, plan.properties); !ok) return ok.error();
  feed.connectVideo((*pipeline)->element(kItemVideoSink).get());
  if (item.kind == ItemKind::kClip && feed.hasAudio()) {
    ElementHandle decoder = (*pipeline)->element("source");
    g_signal_connect_data(decoder.get(), "pad-added", G_CALLBACK(onDecodedPad),
                          new AudioLink{feed, {}}, freeAudioLink, GConnectFlags{});
  }
  return std::move(*pipeline);
}

}  // namespace wardcast::media::led
