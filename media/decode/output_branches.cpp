#include "media/decode/output_branches.hpp"
#include "media/recording_file.hpp"

#include <gst/app/gstappsink.h>
#include <gst/rtp/gstrtpbuffer.h>

#include <fmt/format.h>

#include <filesystem>
#include <map>
#include <tuple>

namespace wardcast::media {
namespace {

constexpr const char* kTapDescription =
    "queue leaky=downstream max-size-time=1000000000 max-size-bytes=0 max-size-buffers=0 ! "
    "appsink name=sink sync=false async=false drop=true max-buffers=64 enable-last-sample=false";

// A bin from a gst-launch fragment, added to the pipeline and linked after
// `upstream` (a tee gets a new request pad). Returns the bin (borrowed).
Result<GstElement*> addBranch(Pipeline& pipeline, GstElement* upstream, const std::string& fragment) {
  GError* raw = nullptr;
  GstElement* bin = gst_parse_bin_from_description(fragment.c_str(), TRUE, &raw);
  GErrorHandle error = GErrorHandle::adopt(raw);
  ElementHandle owned = sinkElement(bin);
  if (!owned || error)
    return makeError(ErrorKind::kInternal,
                     fmt::format("cannot build '{}': {}", fragment, errorText(error.get())));
  if (auto status = pipeline.add(std::move(owned)); !status) return status.error();
  if (!gst_element_link(upstream, bin))
    return makeError(ErrorKind::kInternal, fmt::format("cannot link '{}'", fragment));
  return bin;
}

ElementHandle childNamed(GstElement* bin, const char* name) {
  return ElementHandle::adopt(gst_bin_get_by_name(GST_BIN(bin), name));
}

// Ends a fragment with a tee so several sinks can share one encoder.
Result<GstElement*> addEncoder(Pipeline& pipeline, GstElement* raw_tee, const std::string& encoder) {
  auto bin = addBranch(pipeline, raw_tee, "queue max-size-time=300000000 max-size-bytes=0 "
                                          "max-size-buffers=0 ! audioconvert ! " + encoder);
  if (!bin) return bin.error();
  auto tee = pipeline.add("tee");
  if (!tee) return tee.error();
  g_object_set(*tee, "allow-not-linked", TRUE, nullptr);
  if (!gst_element_link(*bin, *tee)) return makeError(ErrorKind::kInternal, "cannot link encoder tee");
  return *tee;
}

class EncoderSet {
 public:
  EncoderSet(Pipeline& pipeline, GstElement* raw_tee) : pipeline_(pipeline), raw_tee_(raw_tee) {}

  Result<GstElement*> opus(int kbps, int ptime_ms) {
    return get(AudioCodec::kOpus, kbps, ptime_ms,
               fmt::format("opusenc bitrate={} frame-size={}", kbps * 1000, ptime_ms));
  }
  Result<GstElement*> mp3(int kbps) {
    return get(AudioCodec::kMp3, kbps, 0,
               fmt::format("lamemp3enc target=bitrate bitrate={} cbr=true", kbps));
  }

 private:
  Result<GstElement*> get(AudioCodec codec, int kbps, int ptime, const std::string& encoder) {
    auto key = std::make_tuple(codec, kbps, ptime);
    if (auto it = tees_.find(key); it != tees_.end()) return it->second;
    auto tee = addEncoder(pipeline_, raw_tee_, encoder);
    if (tee) tees_[key] = *tee;
    return tee;
  }
  Pipeline& pipeline_;
  GstElement* raw_tee_;
  std::map<std::tuple<AudioCodec, int, int>, GstElement*> tees_;
};

void countRtpPacket(GstBuffer* buffer, RtpTap& tap) {
  GstRTPBuffer rtp = GST_RTP_BUFFER_INIT;
  if (!gst_rtp_buffer_map(buffer, GST_MAP_READ, &rtp)) return;
  tap.onPacket(gst_rtp_buffer_get_ssrc(&rtp), gst_rtp_buffer_get_timestamp(&rtp),
               gst_rtp_buffer_get_payload_len(&rtp));
  gst_rtp_buffer_unmap(&rtp);
}

// Streaming thread of the udpsink: every buffer reaching it is one RTP packet.
GstPadProbeReturn onRtpPacket(GstPad*, GstPadProbeInfo* info, gpointer data) {
  auto& tap = *static_cast<RtpTap*>(data);
  if (info->type & GST_PAD_PROBE_TYPE_BUFFER) {
    countRtpPacket(GST_PAD_PROBE_INFO_BUFFER(info), tap);
  } else if (info->type & GST_PAD_PROBE_TYPE_BUFFER_LIST) {
    GstBufferList* list = GST_PAD_PROBE_INFO_BUFFER_LIST(info);
    for (guint i = 0; i < gst_buffer_list_length(list); ++i) countRtpPacket(gst_buffer_list_get(list, i), tap);
  }
  return GST_PAD_PROBE_OK;
}

Status addRtp(Pipeline& pipeline, EncoderSet& encoders, const RtpOutput& out, BuiltOutputs& built) {
  auto tee = encoders.opus(out.bitrate_kbps, out.ptime_ms);
  if (!tee) return tee.error();
  std::string pay = fmt::format("rtpopuspay pt={}", out.payload_type);
  if (out.ssrc) pay += fmt::format(" ssrc={}", *out.ssrc);
  auto bin = addBranch(pipeline, *tee,
                       "queue max-size-time=200000000 ! " + pay +
                           " ! udpsink name=sink sync=false async=false");
  if (!bin) return bin.error();
  ElementHandle sink = childNamed(*bin, "sink");
  g_object_set(sink.get(), "host", out.host.c_str(), "port", out.port, nullptr);
  if (out.multicast) {
    g_object_set(sink.get(), "auto-multicast", TRUE, "ttl-mc", out.ttl, nullptr);
    if (!out.iface.empty()) g_object_set(sink.get(), "multicast-iface", out.iface.c_str(), nullptr);
    return okStatus();
  }
  auto& tap = *built.rtp_taps.emplace_back(std::make_unique<RtpTap>(out));
  PadHandle pad = PadHandle::adopt(gst_element_get_static_pad(sink.get(), "sink"));
  gst_pad_add_probe(pad.get(), GstPadProbeType(GST_PAD_PROBE_TYPE_BUFFER | GST_PAD_PROBE_TYPE_BUFFER_LIST),
                    &onRtpPacket, &tap, nullptr);
  return okStatus();
}

Status addFile(Pipeline& pipeline, GstElement* raw_tee, EncoderSet& encoders, const FileOutput& out) {
  // A recording may go to a folder that does not exist yet (file:rec/x.ogg
  // under a fresh data directory): make it, or say why not.
  std::error_code ec;
  std::filesystem::create_directories(out.path.parent_path(), ec);
  if (ec)
    return makeError(ErrorKind::kIo, fmt::format("cannot create the folder of recording {}: {}",
                                                 out.path.string(), ec.message()));
  if (auto kept = keepEarlierRecording(out.path); !kept) return kept.error();
  Result<GstElement*> bin = makeError(ErrorKind::kInternal, "no codec");
  const std::string sink = " ! filesink name=sink sync=false async=false";
  if (out.codec == AudioCodec::kPcm) {
    bin = addBranch(pipeline, raw_tee, "queue ! audioconvert ! audio/x-raw,format=S16LE ! wavenc" + sink);
  } else if (out.codec == AudioCodec::kMp3) {
    auto tee = encoders.mp3(out.bitrate_kbps ? out.bitrate_kbps : kDefaultMp3Kbps);
    if (!tee) return tee.error();
    bin = addBranch(pipeline, *tee, "queue" + sink);
  } else {
    auto tee = encoders.opus(out.bitrate_kbps ? out.bitrate_kbps : kDefaultOpusKbps, 20);
    if (!tee) return tee.error();
    // The capsfilter makes oggmux hand out an audio pad (not its first, video, one).
    bin = addBranch(pipeline, *tee, "queue ! audio/x-opus ! oggmux" + sink);
  }
  if (!bin) return bin.error();
  ElementHandle filesink = childNamed(*bin, "sink");
  g_object_set(filesink.get(), "location", out.path.c_str(), nullptr);
  return okStatus();
}

GstFlowReturn onTapSample(GstAppSink* sink, gpointer data) {
  auto* tap = static_cast<IcecastTap*>(data);
  SampleHandle sample = SampleHandle::adopt(gst_app_sink_pull_sample(sink));
  if (!sample) return GST_FLOW_EOS;
  for (auto& sender : tap->senders) sender->push(sample.get());
  return GST_FLOW_OK;
}

Status addTap(Pipeline& pipeline, GstElement* upstream, IcecastTap& tap) {
  auto bin = addBranch(pipeline, upstream, kTapDescription);
  if (!bin) return bin.error();
  ElementHandle sink = childNamed(*bin, "sink");
  GstAppSinkCallbacks callbacks{};
  callbacks.new_sample = &onTapSample;
  gst_app_sink_set_callbacks(GST_APP_SINK(sink.get()), &callbacks, &tap, nullptr);
  return okStatus();
}

Status addIcecast(Pipeline& pipeline, GstElement* raw_tee, EncoderSet& encoders,
                  const std::vector<IcecastOutput>& outputs,
                  const IcecastSender::StatusHandler& status, BuiltOutputs& built) {
  // One tap per MP3 bit rate (encoded once, shared) and one raw tap for all
  // Ogg/Opus mounts (each encodes its own Ogg stream).
  std::map<int, IcecastTap*> mp3_taps;
  IcecastTap* raw_tap = nullptr;
  for (const auto& out : outputs) {
    auto sender = std::make_shared<IcecastSender>(pipeline.executor(), out, status);
    built.senders.push_back(sender);
    IcecastTap*& tap = out.codec == AudioCodec::kMp3 ? mp3_taps[out.bitrate_kbps] : raw_tap;
    if (!tap) {
      built.taps.push_back(std::make_unique<IcecastTap>());
      tap = built.taps.back().get();
      GstElement* upstream = raw_tee;
      if (out.codec == AudioCodec::kMp3) {
        auto tee = encoders.mp3(out.bitrate_kbps);
        if (!tee) return tee.error();
        upstream = *tee;
      }
      if (auto added = addTap(pipeline, upstream, *tap); !added) return added.error();
    }
    tap->senders.push_back(std::move(sender));
  }
  return okStatus();
}

}  // namespace

Result<BuiltOutputs> buildOutputs(Pipeline& pipeline, GstElement* raw_tee, const OutputPlan& plan,
                                  const IcecastSender::StatusHandler& icecast_status) {
  BuiltOutputs built;
  EncoderSet encoders(pipeline, raw_tee);
  for (const auto& out : plan.rtp)
    if (auto status = addRtp(pipeline, encoders, out, built); !status) return status.error();
  for (const auto& out : plan.files)
    if (auto status = addFile(pipeline, raw_tee, encoders, out); !status) return status.error();
  for (const auto& out : plan.alsa) {
    auto bin = addBranch(pipeline, raw_tee,
                         "queue max-size-time=200000000 ! audioconvert ! audioresample ! "
                         "alsasink name=sink");
    if (!bin) return bin.error();
    ElementHandle sink = childNamed(*bin, "sink");
    g_object_set(sink.get(), "device", out.device.c_str(), nullptr);
  }
  if (auto status = addIcecast(pipeline, raw_tee, encoders, plan.icecast, icecast_status, built); !status)
    return status.error();
  return built;
}

}  // namespace wardcast::media
