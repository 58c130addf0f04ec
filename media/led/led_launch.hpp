#pragma once
// gst-launch descriptions of the LED program's pipelines, built from the
// screen's configuration. Pure functions, any thread; LedProgram parses them
// with Pipeline::fromDescription.
//
// Program pipeline (one per screen, live, never restarted between items):
//
//   appsrc screen_feed (BGRx WxH F/1) ! intervideosink channel=CH
//   appsrc screen_feed_audio (S16LE 48 kHz) ! interaudiosink channel=CH-audio
//        (the screen feed: ScreenFeed pushes the current item's frames and
//        sound here; these inter sinks run as long as the program)
//   intervideosrc name=program_in channel=CH timeout=kHoldLastFrame
//     ! BGRx WxH F/1 par 1/1
//     [! cairooverlay name=ticker]                (the ticker, TickerRenderer)
//     ! tee name=raw
//   raw. ! queue ! videoconvert ! I420 ! x264enc tune=zerolatency
//        ! h264parse config-interval=-1 ! byte-stream/au ! tee name=enc
//   interaudiosrc channel=CH-audio ! S16LE 48 kHz stereo ! avenc_aac
//        ! aacparse ! tee name=enca
//   enc./enca. ! queue ! [h264parse] ! matroskamux|mp4mux|mpegtsmux
//        ! filesink                                                   file://
//   enc./enca. ! queue leaky ! mpegtsmux ! appsink srt_tapN   srt:// (SrtOutput:
//        appsrc ! srtsink in a pipeline of its own, restarted on failure)
//   enc./enca. ! queue leaky ! appsink rtsp_tap[_audio]   rtsp:// (RtspFeed)
//   raw. ! queue leaky ! videoconvert ! kmssink|waylandsink|ximagesink|fakesink
//                                                                   display://
//
// Item pipelines (one per playlist item, short-lived) decode, letterbox with
// videoscale add-borders=true, fix the rate with videorate (clips) or
// imagefreeze (stills), and end in appsink "item_video" (synced to the
// clock: it paces the item), whose frames ScreenFeed pushes into the
// program's screen_feed. A clip's audio, when it has some, ends in appsink
// "item_audio" (clipAudioBranch(), linked by the item when the decoder
// exposes an audio pad). No item pipeline holds an inter element: an
// intervideosink that stops clears the picture it shared (GStreamer 1.22),
// which is what made the screen black between items.
#include <chrono>
#include <string>
#include <vector>

#include "config/output_uri.hpp"
#include "util/result.hpp"

namespace wardcast::media::led {

// Element names shared by the program and item pipelines.
inline constexpr const char* kScreenFeed = "screen_feed";             // program, appsrc
inline constexpr const char* kScreenFeedAudio = "screen_feed_audio";  // program, appsrc
inline constexpr const char* kItemVideoSink = "item_video";           // item, appsink
inline constexpr const char* kItemAudioSink = "item_audio";           // item's audio bin

// How long the program repeats the last frame an item sent before it shows
// black (intervideosrc timeout): covers the change from one item to the
// next with a wide margin, and is short enough that a playlist that fails
// as a whole shows black rather than a frozen picture.
inline constexpr std::chrono::nanoseconds kHoldLastFrame = std::chrono::seconds(2);

struct LedFormat {
  int width = 1920;
  int height = 1080;
  int framerate = 25;  // frames per second
};

// A description plus the string properties to set after parsing (paths,
// URIs), so file names never need quoting inside the description.
struct LaunchPlan {
  struct Property {
    std::string element;
    std::string name;
    std::string value;
  };
  std::string description;
  std::vector<Property> properties;
  // One per srt:// output: the program's appsink carrying MPEG-TS, and the
  // properties of the "sink" element of srtSenderLaunch().
  struct SrtTarget {
    std::string tap;
    std::string label;  // srt://HOST:PORT?mode=..., for logs
    std::vector<Property> sink_properties;
  };
  std::vector<SrtTarget> srt_targets;
  bool has_rtsp_tap = false;  // appsink "rtsp_tap" present
  bool has_ticker = false;    // cairooverlay "ticker" present
  bool has_audio = false;     // screen_feed_audio, interaudiosrc and AAC encode present
};

// The SRT sender pipeline: appsrc "src" (MPEG-TS) ! srtsink "sink".
std::string srtSenderLaunch();

// The interaudio channel that goes with intervideo channel `channel`.
std::string audioChannel(const std::string& channel);

// The bin description (sink pad first) for a clip's decoded audio: it ends in
// appsink kItemAudioSink.
std::string clipAudioBranch();

// The encoder's bit rate in kbit/s: the largest ?bitrate= among the outputs,
// else about 0.07 bit per pixel per frame (3.6 Mbit/s at 1080p25).
int encoderBitrateKbps(const LedFormat& format, const std::vector<OutputUri>& outputs);

// The program pipeline for `outputs` (schemes file, srt, rtsp, display).
// Fails with a sentence on an unsupported scheme, file extension or codec.
Result<LaunchPlan> programLaunch(const LedFormat& format, const std::string& channel, bool ticker,
                                 const std::vector<OutputUri>& outputs);

// A clip item: any file uridecodebin plays; the description links its video
// pad to appsink kItemVideoSink; the item links an audio pad, if one
// appears, to clipAudioBranch().
LaunchPlan clipLaunch(const LedFormat& format, const std::string& file_uri);
// A still item: a PNG/JPEG shown for `frames` frames at the screen's rate,
// into appsink kItemVideoSink.
LaunchPlan stillLaunch(const LedFormat& format, const std::string& path, int frames);

// The video sink for a display:// output: display://kms[/N] (kmssink,
// connector N), display://wayland, display://x11 (ximagesink on $DISPLAY),
// or display:// (auto: wayland when WAYLAND_DISPLAY is set, else X11 when
// DISPLAY is set, else kms when /dev/dri/card0 exists, else a fakesink: the
// picture is discarded, logged once). autovideosink is not used: on a
// headless box it probes DirectFB, which crashes.
std::string displaySinkFor(const OutputUri& uri);

}  // namespace wardcast::media::led
