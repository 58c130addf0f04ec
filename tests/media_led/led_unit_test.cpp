// Unit tests of the LED program's pure parts: ticker scroll arithmetic, the
// ticker's drawing into a cairo image, the looping playlist, and the
// pipeline descriptions built from a channel's outputs.
#include <catch2/catch.hpp>

#include <cairo.h>

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <set>
#include <string>

#include "media/led/led_launch.hpp"
#include "media/led/playlist.hpp"
#include "media/led/ticker_renderer.hpp"

using namespace std::chrono_literals;
namespace led = wardcast::media::led;

TEST_CASE("ticker text enters at the right edge and moves left", "[led][ticker]") {
  CHECK(led::tickerOffset(0s, 100.0, 640.0, 300.0, 50.0) == Approx(640.0));
  CHECK(led::tickerOffset(1s, 100.0, 640.0, 300.0, 50.0) == Approx(540.0));
  CHECK(led::tickerOffset(500ms, 100.0, 640.0, 300.0, 50.0) == Approx(590.0));
}

TEST_CASE("ticker wraps by one period once the text has left", "[led][ticker]") {
  // After 10 s: 640 - 1000 = -360, below -(300 + 50), so it wraps to -10.
  const double offset = led::tickerOffset(10s, 100.0, 640.0, 300.0, 50.0);
  CHECK(offset == Approx(-10.0));
  for (int s = 0; s < 100; ++s) {
    const double x = led::tickerOffset(std::chrono::seconds(s), 77.0, 640.0, 300.0, 50.0);
    CHECK(x > -350.0);
    CHECK(x <= 640.0);
  }
}

namespace {
// Distinct pixel values in the bottom band of a BGRx image.
std::set<std::uint32_t> bandColours(cairo_surface_t* surface, int band_top) {
  cairo_surface_flush(surface);
  const int stride = cairo_image_surface_get_stride(surface);
  const auto* data = cairo_image_surface_get_data(surface);
  std::set<std::uint32_t> colours;
  for (int y = band_top; y < cairo_image_surface_get_height(surface); ++y) {
    const auto* row = reinterpret_cast<const std::uint32_t*>(data + y * stride);
    for (int x = 0; x < cairo_image_surface_get_width(surface); ++x) colours.insert(row[x]);
  }
  return colours;
}
}  // namespace

TEST_CASE("ticker draws Vietnamese text in a band at the bottom", "[led][ticker]") {
  led::TickerRenderer ticker;
  ticker.setText("Thông báo: Ủy ban nhân dân phường Hương Trà tiếp dân thứ Năm hằng tuần");
  ticker.setFrameSize(320, 180);
  cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 320, 180);
  cairo_t* cr = cairo_create(surface);
  cairo_set_source_rgb(cr, 0, 0, 0);
  cairo_paint(cr);
  ticker.draw(cr, 0s);      // sets the crawl origin: text at the right edge
  ticker.draw(cr, 1500ms);  // 1.5 s later: text inside the frame
  const auto colours = bandColours(surface, 160);
  CHECK(colours.size() > 3);  // band colour, text colour, antialiased edges
  // Above the band the picture is untouched: the band is the only change.
  cairo_surface_flush(surface);
  const auto* top_row =
      reinterpret_cast<const std::uint32_t*>(cairo_image_surface_get_data(surface));
  CHECK((top_row[10] & 0xFFFFFF) == 0);
  cairo_destroy(cr);
  cairo_surface_destroy(surface);
}

TEST_CASE("an empty ticker draws nothing", "[led][ticker]") {
  led::TickerRenderer ticker;
  ticker.setFrameSize(64, 36);
  cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 64, 36);
  cairo_t* cr = cairo_create(surface);
  cairo_set_source_rgb(cr, 0, 0, 0);
  cairo_paint(cr);
  ticker.draw(cr, 1s);
  CHECK(bandColours(surface, 0).size() == 1);
  cairo_destroy(cr);
  cairo_surface_destroy(surface);
}

TEST_CASE("the playlist loops and counts its loops", "[led][playlist]") {
  led::Playlist playlist(
      {led::PlaylistItem::clip("/a.mp4", "a"), led::PlaylistItem::still("/b.png", 5s, "b")});
  CHECK(playlist.next()->id == "a");
  CHECK(playlist.next()->id == "b");
  CHECK(playlist.loops() == 0);
  CHECK(playlist.next()->id == "a");
  CHECK(playlist.loops() == 1);
  playlist.replace({led::PlaylistItem::clip("/c.mp4", "c")});
  CHECK(playlist.next()->id == "c");
  CHECK(led::Playlist{}.next() == std::nullopt);
}

namespace {
wardcast::OutputUri uri(const std::string& text) {
  auto parsed = wardcast::parseOutputUri(text);
  REQUIRE(parsed.ok());
  return *parsed;
}
}  // namespace

TEST_CASE("the program encodes once and fans out to every output", "[led][launch]") {
  const led::LedFormat format{640, 360, 25};
  auto plan = led::programLaunch(
      format, "ch", true,
      {uri("rtsp://127.0.0.1:8554/led"), uri("srt://127.0.0.1:9000"), uri("file:///tmp/x.mkv")});
  REQUIRE(plan.ok());
  const std::string& d = plan->description;
  CHECK(plan->has_rtsp_tap);
  CHECK(plan->has_ticker);
  // One encoder, whatever the number of encoded outputs.
  CHECK(d.find("x264enc") == d.rfind("x264enc"));
  CHECK(d.find("width=640,height=360,framerate=25/1") != std::string::npos);
  CHECK(d.find("mpegtsmux") != std::string::npos);
  CHECK(d.find("matroskamux") != std::string::npos);
  // SRT is sent from a pipeline of its own, fed by an appsink tap.
  CHECK(d.find("srtsink") == std::string::npos);
  REQUIRE(plan->srt_targets.size() == 1);
  CHECK(plan->srt_targets.front().label == "srt://127.0.0.1:9000?mode=caller");
  CHECK(d.find("appsink name=" + plan->srt_targets.front().tap) != std::string::npos);
}

TEST_CASE("LED outputs refuse what they cannot do", "[led][launch]") {
  const led::LedFormat format{640, 360, 25};
  CHECK_FALSE(led::programLaunch(format, "ch", false, {}).ok());
  CHECK_FALSE(led::programLaunch(format, "ch", false, {uri("file:///tmp/x.avi")}).ok());
  CHECK_FALSE(led::programLaunch(format, "ch", false, {uri("file:///tmp/x.mkv?codec=vp8")}).ok());
  auto listener = led::programLaunch(format, "ch", false, {uri("srt://:9000")});
  REQUIRE(listener.ok());
  REQUIRE(listener->srt_targets.size() == 1);
  CHECK(listener->srt_targets.front().label == "srt://:9000?mode=listener");
}

TEST_CASE("display:// picks the screen the machine has", "[led][launch][display]") {
  auto sink = [](const char* text) { return led::displaySinkFor(uri(text)); };
  CHECK(sink("display://kms") == "kmssink");
  CHECK(sink("display://kms/2") == "kmssink connector-id=2");
  CHECK(sink("display://wayland") == "waylandsink");
  CHECK(sink("display://x11") == "ximagesink");
  const char* wayland = std::getenv("WAYLAND_DISPLAY");
  const char* x11 = std::getenv("DISPLAY");
  const std::optional<std::string> saved_wayland = wayland ? std::optional<std::string>(wayland) : std::nullopt;
  const std::optional<std::string> saved_x11 = x11 ? std::optional<std::string>(x11) : std::nullopt;
  ::setenv("WAYLAND_DISPLAY", "wayland-0", 1);
  ::setenv("DISPLAY", ":0", 1);
  CHECK(sink("display://") == "waylandsink");
  ::unsetenv("WAYLAND_DISPLAY");
  CHECK(sink("display://") == "ximagesink");
  ::unsetenv("DISPLAY");
  // The headless fallback: the picture is discarded, the program still runs.
  if (!std::filesystem::exists("/dev/dri/card0")) CHECK(sink("display://") == "fakesink");
  if (saved_wayland) ::setenv("WAYLAND_DISPLAY", saved_wayland->c_str(), 1);
  if (saved_x11) ::setenv("DISPLAY", saved_x11->c_str(), 1);
}
