#pragma once
// ScreenFeed: carries the current playlist item's frames (and sound) into
// the LED program. The program pipeline holds two appsrcs ("screen_feed",
// "screen_feed_audio", led_launch.hpp) in front of an intervideosink and an
// interaudiosink that run as long as the program; each item pipeline ends
// in appsinks whose samples this class pushes into those appsrcs.
//
// Why: GStreamer's intervideosink clears the picture it shares with
// intervideosrc when it stops (and interaudiosink its audio format), so an
// inter sink per item made the screen black between two items. With one
// long-lived inter sink, the program's intervideosrc repeats the last frame
// of an item that ended until the next item's first frame arrives (up to
// kHoldLastFrame), and an item can be prerolled while another plays without
// touching the picture.
//
// Threads: construction and connect*() run on the owner's executor, before
// the item pipeline leaves NULL. The appsink callbacks run on the item's
// streaming threads and only push into the program's appsrcs (thread-safe);
// each callback holds its own reference to its appsrc, so it stays valid
// whatever is destroyed first.
#include "media/gst/gst_handles.hpp"

namespace wardcast::media::led {

class ScreenFeed {
 public:
  ScreenFeed() = default;
  // `video`: the program's appsrc kScreenFeed. `audio`: kScreenFeedAudio,
  // or empty when the program encodes no sound (clips then play silent).
  ScreenFeed(ElementHandle video, ElementHandle audio);

  bool hasAudio() const { return static_cast<bool>(audio_); }

  // Forwards every sample `appsink` renders (in PLAYING, at its clock time;
  // a prerolled frame when the item starts playing, never before) to the
  // program's video (audio) appsrc, with its timestamps cleared: the feed
  // stamps arrival times in the program's running time. Sets the appsink's
  // properties (synced, no last sample). No-op when that feed is absent.
  void connectVideo(GstElement* appsink) const;
  void connectAudio(GstElement* appsink) const;

 private:
  static void connect(GstElement* appsink, const ElementHandle& appsrc);

  ElementHandle video_;
  ElementHandle audio_;
};

}  // namespace wardcast::media::led
