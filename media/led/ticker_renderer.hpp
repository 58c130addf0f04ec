#pragma once
// TickerRenderer: draws the LED screen's scrolling text line (chữ chạy), a
// band along the bottom of the picture whose text crawls right to left.
//
// How it is drawn (docs/led.md, "Ticker"): the program pipeline carries a
// cairooverlay element; its "draw" signal calls draw() for every frame with
// the frame's timestamp. The text is laid out once per change with Pango
// (so Vietnamese diacritics are shaped by HarfBuzz and drawn from a font that
// has them, DejaVu Sans by default), and the scroll offset is a pure function
// of the frame timestamp (tickerOffset()), not of a timer: the crawl is
// smooth whatever the load and the same on every output.
//
// Threads: setText() may be called from any thread (normally the owner's
// executor). setFrameSize() and draw() run on cairooverlay's streaming
// thread. One mutex guards the text; all Pango and cairo work happens inside
// draw(), on the streaming thread, with a font map that this object owns.
#include <chrono>
#include <mutex>
#include <string>

#include <cairo.h>
#include <gst/gst.h>
#include <pango/pangocairo.h>

#include "util/c_handle.hpp"

namespace wardcast::media::led {

struct TickerStyle {
  double band_height_fraction = 0.12;  // of the frame height
  double font_fraction = 0.62;         // text pixel size / band height
  double speed_widths_per_s = 0.125;   // crawl speed: frame widths per second
  double gap_fraction = 0.25;          // gap between repeats, of frame width
  std::string font_family = "DejaVu Sans";
  // Colours are 0..1 RGBA.
  double band_rgba[4] = {0.0, 0.13, 0.35, 0.85};
  double text_rgba[4] = {1.0, 0.92, 0.25, 1.0};
};

// Where the first copy of the text starts, in pixels from the left edge, at
// `elapsed` after the text was first shown. The text enters at the right edge
// (offset == frame_width at elapsed 0) and moves left at `speed_px_per_s`;
// once it is fully out on the left, the offset wraps by one period
// (text_width + gap), so the copies drawn every period form a seamless crawl.
// Result is in (-(text_width + gap), frame_width].
double tickerOffset(std::chrono::nanoseconds elapsed, double speed_px_per_s, double frame_width,
                    double text_width, double gap);

class TickerRenderer {
 public:
  explicit TickerRenderer(TickerStyle style = {});
  ~TickerRenderer();
  TickerRenderer(const TickerRenderer&) = delete;
  TickerRenderer& operator=(const TickerRenderer&) = delete;

  // Replaces the text (UTF-8). An empty text hides the band. The new text
  // enters from the right edge on the next frame. Any thread.
  void setText(std::string utf8);
  std::string text() const;

  // The negotiated frame size in pixels. Streaming thread (caps-changed).
  void setFrameSize(int width, int height);

  // Draws the band and the text for the frame with timestamp `pts`.
  // Streaming thread (cairooverlay "draw").
  void draw(cairo_t* cr, std::chrono::nanoseconds pts);

  // The signal handlers for a cairooverlay element; `self` is this object,
  // which must outlive the element's streaming (stop the pipeline first).
  static void onDraw(GstElement* overlay, cairo_t* cr, guint64 timestamp, guint64 duration,
                     gpointer self);
  static void onCapsChanged(GstElement* overlay, GstCaps* caps, gpointer self);

 private:
  struct GObjectTraits {
    static void ref(void* p) { g_object_ref(p); }
    static void unref(void* p) { g_object_unref(p); }
  };
  using FontMapHandle = CHandle<PangoFontMap, GObjectTraits>;
  using ContextHandle = CHandle<PangoContext, GObjectTraits>;
  using LayoutHandle = CHandle<PangoLayout, GObjectTraits>;

  void relayoutLocked();  // mutex_ held; streaming thread

  const TickerStyle style_;
  mutable std::mutex mutex_;
  std::string text_;     // guarded by mutex_
  bool dirty_ = true;    // guarded by mutex_: layout is stale
  bool restart_ = true;  // guarded by mutex_: reset the crawl origin
  int width_ = 0;        // guarded by mutex_
  int height_ = 0;       // guarded by mutex_
  // Streaming thread only (inside draw(), under mutex_):
  FontMapHandle font_map_;
  ContextHandle context_;
  LayoutHandle layout_;
  double text_width_px_ = 0;
  double text_height_px_ = 0;
  std::chrono::nanoseconds origin_{0};  // pts at which the current text entered
};

}  // namespace wardcast::media::led
