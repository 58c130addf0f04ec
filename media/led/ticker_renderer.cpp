#include "media/led/ticker_renderer.hpp"

#include <gst/video/video.h>

#include <algorithm>
#include <cmath>

namespace wardcast::media::led {

double tickerOffset(std::chrono::nanoseconds elapsed, double speed_px_per_s, double frame_width,
                    double text_width, double gap) {
  const double seconds = std::chrono::duration<double>(elapsed).count();
  const double travelled = std::max(0.0, seconds) * speed_px_per_s;
  const double offset = frame_width - travelled;
  const double period = text_width + gap;
  if (offset > -period || period <= 0) return offset;
  // Fully out on the left: wrap into (-period, 0].
  const double wrapped = std::fmod(offset, period);
  return wrapped > -period ? wrapped : wrapped + period;
}

TickerRenderer::TickerRenderer(TickerStyle style)
    : style_(std::move(style)), font_map_(FontMapHandle::adopt(pango_cairo_font_map_new())) {
  context_ = ContextHandle::adopt(pango_font_map_create_context(font_map_.get()));
  layout_ = LayoutHandle::adopt(pango_layout_new(context_.get()));
  pango_layout_set_single_paragraph_mode(layout_.get(), TRUE);
}

TickerRenderer::~TickerRenderer() = default;

void TickerRenderer::setText(std::string utf8) {
  // Pango would reject invalid UTF-8 with a warning per frame; replace it once.
  if (!g_utf8_validate(utf8.data(), static_cast<gssize>(utf8.size()), nullptr)) {
    gchar* valid = g_utf8_make_valid(utf8.data(), static_cast<gssize>(utf8.size()));
    utf8 = valid;
    g_free(valid);
  }
  std::lock_guard lock(mutex_);
  if (utf8 == text_) return;
  text_ = std::move(utf8);
  dirty_ = true;
  restart_ = true;
}

std::string TickerRenderer::text() const {
  std::lock_guard lock(mutex_);
  return text_;
}

void TickerRenderer::setFrameSize(int width, int height) {
  std::lock_guard lock(mutex_);
  if (width == width_ && height == height_) return;
  width_ = width;
  height_ = height;
  dirty_ = true;
}

void TickerRenderer::relayoutLocked() {
  const double band_px = height_ * style_.band_height_fraction;
  PangoFontDescription* font = pango_font_description_new();
  pango_font_description_set_family(font, style_.font_family.c_str());
  pango_font_description_set_weight(font, PANGO_WEIGHT_BOLD);
  pango_font_description_set_absolute_size(font, band_px * style_.font_fraction * PANGO_SCALE);
  pango_layout_set_font_description(layout_.get(), font);
  pango_font_description_free(font);
  pango_layout_set_text(layout_.get(), text_.c_str(), static_cast<int>(text_.size()));
  PangoRectangle logical{};
  pango_layout_get_pixel_extents(layout_.get(), nullptr, &logical);
  text_width_px_ = logical.width;
  text_height_px_ = logical.height;
  dirty_ = false;
}

void TickerRenderer::draw(cairo_t* cr, std::chrono::nanoseconds pts) {
  std::lock_guard lock(mutex_);
  if (text_.empty() || width_ <= 0 || height_ <= 0) return;
  if (dirty_) relayoutLocked();
  if (restart_) {
    origin_ = pts;
    restart_ = false;
  }
  const double band_px = std::round(height_ * style_.band_height_fraction);
  const double band_top = height_ - band_px;
  cairo_save(cr);
  cairo_rectangle(cr, 0, band_top, width_, band_px);
  cairo_clip(cr);
  const auto& b = style_.band_rgba;
  cairo_set_source_rgba(cr, b[0], b[1], b[2], b[3]);
  cairo_paint(cr);

  const double gap = width_ * style_.gap_fraction;
  const double speed = width_ * style_.speed_widths_per_s;
  double x = tickerOffset(pts - origin_, speed, width_, text_width_px_, gap);
  const double y = band_top + (band_px - text_height_px_) / 2.0;
  const auto& t = style_.text_rgba;
  cairo_set_source_rgba(cr, t[0], t[1], t[2], t[3]);
  pango_cairo_update_context(cr, context_.get());
  // Copies one period apart until the right edge: a seamless crawl.
  for (; x < width_; x += text_width_px_ + gap) {
    cairo_move_to(cr, std::round(x), y);
    pango_cairo_show_layout(cr, layout_.get());
    if (text_width_px_ + gap <= 0) break;
  }
  cairo_restore(cr);
}

void TickerRenderer::onDraw(GstElement* /*overlay*/, cairo_t* cr, guint64 timestamp,
                            guint64 /*duration*/, gpointer self) {
  if (!GST_CLOCK_TIME_IS_VALID(timestamp)) return;
  static_cast<TickerRenderer*>(self)->draw(cr, std::chrono::nanoseconds(timestamp));
}

void TickerRenderer::onCapsChanged(GstElement* /*overlay*/, GstCaps* caps, gpointer self) {
  GstVideoInfo info;
  if (!gst_video_info_from_caps(&info, caps)) return;
  static_cast<TickerRenderer*>(self)->setFrameSize(GST_VIDEO_INFO_WIDTH(&info),
                                                   GST_VIDEO_INFO_HEIGHT(&info));
}

}  // namespace wardcast::media::led
