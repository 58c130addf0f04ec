#include "media/led/led_launch.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include <fmt/format.h>

namespace wardcast::media::led {
namespace {

std::string rawCaps(const LedFormat& f) {
  return fmt::format(
      "video/x-raw,format=BGRx,width={},height={},framerate={}/1,"
      "pixel-aspect-ratio=1/1",
      f.width, f.height, f.framerate);
}

std::string lowerExtension(const std::string& path) {
  std::string ext = std::filesystem::path(path).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext;
}

// A queue for a network or display branch: drops old data rather than
// stalling the tee (and so every other output) when the branch blocks.
constexpr const char* kLeakyQueue =
    "queue leaky=downstream max-size-buffers=0 max-size-bytes=0 max-size-time=2000000000";

Status checkCodec(const OutputUri& uri) {
  auto codec = uri.option("codec");
  if (codec && *codec != "h264") {
    return makeError(ErrorKind::kInvalidInput, "LED outputs encode H.264 once for all outputs; " +
                                                   uri.scheme + " output asks for codec=" + *codec);
  }
  return okStatus();
}

Result<std::string> fileBranch(const OutputUri& uri, int index, LaunchPlan& plan) {
  const std::string ext = lowerExtension(uri.path);
  std::string mux;
  if (ext == ".mkv")
    mux = "matroskamux";
  else if (ext == ".mp4")
    mux = "mp4mux fragment-duration=1000";  // readable if cut short
  else if (ext == ".ts")
    mux = "mpegtsmux";
  else
    return makeError(ErrorKind::kInvalidInput,
                     "LED file output " + uri.path + ": the extension must be .mkv, .mp4 or .ts");
  const std::string name = fmt::format("file_out{}", index);
  plan.properties.push_back({name, "location", uri.path});
  return fmt::format(
      "enc. ! queue ! h264parse ! {} name=mux{} ! filesink name={} "
      "enca. ! queue ! mux{}.",
      mux, index, name, index);
}

std::string srtMode(const OutputUri& uri) {
  if (auto mode = uri.option("mode")) return *mode;
  return uri.host.empty() ? "listener" : "caller";
}

Result<std::string> srtBranch(const OutputUri& uri, int index, LaunchPlan& plan) {
  const std::string mode = srtMode(uri);
  if (mode != "listener" && mode != "caller" && mode != "rendezvous") {
    return makeError(ErrorKind::kInvalidInput,
                     "SRT output mode must be listener, caller or "
                     "rendezvous, not " +
                         mode);
  }
  const std::string host =
      uri.host.find(':') != std::string::npos ? "[" + uri.host + "]" : uri.host;
  LaunchPlan::SrtTarget target;
  target.tap = fmt::format("srt_tap{}", index);
  target.label = fmt::format("srt://{}:{}?mode={}", host, uri.port, mode);
  target.sink_properties.push_back({"sink", "uri", target.label});
  if (auto latency = uri.option("latency"))
    target.sink_properties.push_back({"sink", "latency", *latency});
  if (auto pass = uri.option("passphrase"))
    target.sink_properties.push_back({"sink", "passphrase", *pass});
  if (auto id = uri.option("streamid")) target.sink_properties.push_back({"sink", "streamid", *id});
  plan.srt_targets.push_back(target);
  return fmt::format(
      "enc. ! {0} ! mpegtsmux name=mux{1} alignment=7 ! appsink name={2} "
      "enca. ! {0} ! mux{1}.",
      kLeakyQueue, index, target.tap);
}

constexpr const char* kAudioCaps =
    "audio/x-raw,format=S16LE,rate=48000,channels=2,layout=interleaved";
constexpr int kAudioBitrate = 128000;  // bit/s, AAC-LC stereo
// The screen feed's appsrcs: live, stamped on arrival (the intervideosink
// and interaudiosink behind them keep only the latest data, unsynced), and
// never blocking an item's streaming thread.
constexpr const char* kFeedSource =
    "is-live=true format=time do-timestamp=true block=false max-buffers=8 "
    "leaky-type=downstream";

}  // namespace

std::string srtSenderLaunch() {
  return "appsrc name=src is-live=true format=time do-timestamp=true block=false "
         "max-buffers=500 leaky-type=downstream "
         "! srtsink name=sink wait-for-connection=false sync=false async=false";
}

std::string audioChannel(const std::string& channel) {
  return channel + "-audio";
}

std::string clipAudioBranch() {
  return fmt::format("queue ! audioconvert ! audioresample ! {} ! appsink name={}", kAudioCaps,
                     kItemAudioSink);
}

int encoderBitrateKbps(const LedFormat& format, const std::vector<OutputUri>& outputs) {
  int best = 0;
  for (const auto& uri : outputs) {
    if (auto bitrate = uri.option("bitrate")) best = std::max(best, std::atoi(bitrate->c_str()));
  }
  if (best > 0) return best;
  const double bits = 0.07 * format.width * format.height * format.framerate;
  return std::max(100, static_cast<int>(bits / 1000.0));
}

std::string displaySinkFor(const OutputUri& uri) {
  const std::string& device = uri.path;
  if (device.rfind("kms", 0) == 0) {
    const auto slash = device.find('/');
    if (slash == std::string::npos) return "kmssink";
    return "kmssink connector-id=" + std::to_string(std::atoi(device.c_str() + slash + 1));
  }
  if (device == "wayland") return "waylandsink";
  if (device == "x11") return "ximagesink";
  if (std::getenv("WAYLAND_DISPLAY")) return "waylandsink";
  // Before KMS: under a running X server the DRM device is the server's.
  if (std::getenv("DISPLAY")) return "ximagesink";
  if (std::filesystem::exists("/dev/dri/card0")) return "kmssink";
  spdlog::warn(
      "LED display output: no Wayland session, no X display and no /dev/dri/card0; "
      "the picture for the local display is discarded");
  return "fakesink";
}

Result<LaunchPlan> programLaunch(const LedFormat& format, const std::string& channel, bool ticker,
                                 const std::vector<OutputUri>& outputs) {
  if (outputs.empty()) {
    return makeError(ErrorKind::kInvalidInput, "an LED channel needs at least one output");
  }
  LaunchPlan plan;
  plan.has_ticker = ticker;
  std::vector<std::string> encoded;
  std::vector<std::string> raw;
  int index = 0;
  for (const auto& uri : outputs) {
    ++index;
    if (auto ok = checkCodec(uri); !ok) return ok.error();
    if (uri.scheme == "file") {
      auto branch = fileBranch(uri, index, plan);
      if (!branch) return branch.error();
      encoded.push_back(*branch);
    } else if (uri.scheme == "srt") {
      auto branch = srtBranch(uri, index, plan);
      if (!branch) return branch.error();
      encoded.push_back(*branch);
    } else if (uri.scheme == "rtsp") {
      if (plan.has_rtsp_tap) {
        return makeError(ErrorKind::kInvalidInput, "an LED channel serves one RTSP mount");
      }
      plan.has_rtsp_tap = true;
      encoded.push_back(
          fmt::format("enc. ! {0} ! appsink name=rtsp_tap "
                      "enca. ! {0} ! appsink name=rtsp_tap_audio",
                      kLeakyQueue));
    } else if (uri.scheme == "display") {
      raw.push_back(
          fmt::format("raw. ! queue leaky=downstream max-size-buffers=2 ! videoconvert "
                      "! {} name=display_out{}",
                      displaySinkFor(uri), index));
    } else {
      return makeError(ErrorKind::kInvalidInput,
                       "LED channels output to file, srt, rtsp or display, not " + uri.scheme);
    }
  }
  // The screen feed: items push their frames into this appsrc, and its
  // intervideosink lives as long as the program, so the picture survives
  // the change from one item to the next (led_program.hpp).
  plan.properties.push_back({kScreenFeed, "caps", rawCaps(format)});
  std::string d = fmt::format(
      "appsrc name={} {} ! intervideosink channel={} sync=false async=false "
      "intervideosrc name=program_in channel={} timeout={} ! {} ",
      kScreenFeed, kFeedSource, channel, channel, kHoldLastFrame.count(), rawCaps(format));
  if (ticker) d += "! cairooverlay name=ticker ";
  d += "! tee name=raw allow-not-linked=true ";
  if (!encoded.empty()) {
    d += fmt::format(
        "raw. ! queue max-size-buffers=4 ! videoconvert ! video/x-raw,format=I420 "
        "! x264enc name=encoder tune=zerolatency speed-preset=veryfast bitrate={} key-int-max={} "
        "! h264parse config-interval=-1 ! video/x-h264,stream-format=byte-stream,alignment=au "
        "! tee name=enc allow-not-linked=true ",
        encoderBitrateKbps(format, outputs), 2 * format.framerate);
    // Audio: whatever the current item sends (interaudiosink), silence
    // otherwise; one AAC encode shared like the video's.
    plan.properties.push_back({kScreenFeedAudio, "caps", kAudioCaps});
    d += fmt::format(
        "appsrc name={} {} ! interaudiosink channel={} sync=false async=false "
        "interaudiosrc name=program_audio_in channel={} ! {} ! audioconvert "
        "! avenc_aac bitrate={} ! aacparse ! tee name=enca allow-not-linked=true ",
        kScreenFeedAudio, kFeedSource, audioChannel(channel), audioChannel(channel), kAudioCaps,
        kAudioBitrate);
    plan.has_audio = true;
    for (const auto& branch : encoded) d += branch + " ";
  }
  for (const auto& branch : raw) d += branch + " ";
  plan.description = std::move(d);
  return plan;
}

LaunchPlan clipLaunch(const LedFormat& format, const std::string& file_uri) {
  LaunchPlan plan;
  plan.description = fmt::format(
      "uridecodebin name=source source. ! video/x-raw ! queue "
      "! videoconvert ! videoscale add-borders=true ! videorate ! {} "
      "! appsink name={}",
      rawCaps(format), kItemVideoSink);
  plan.properties.push_back({"source", "uri", file_uri});
  return plan;
}

LaunchPlan stillLaunch(const LedFormat& format, const std::string& path, int frames) {
  LaunchPlan plan;
  plan.description = fmt::format(
      "filesrc name=source ! decodebin ! videoconvert ! videoscale add-borders=true "
      "! video/x-raw,format=BGRx,width={},height={},pixel-aspect-ratio=1/1 "
      "! imagefreeze num-buffers={} ! {} ! appsink name={}",
      format.width, format.height, std::max(1, frames), rawCaps(format), kItemVideoSink);
  plan.properties.push_back({"source", "location", path});
  return plan;
}

}  // namespace wardcast::media::led
