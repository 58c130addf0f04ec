#pragma once
// LedProgram: what one LED screen shows. A looping playlist of clips and
// still images, letterboxed to the screen's resolution and frame rate, with a
// scrolling ticker along the bottom, encoded once (H.264) and sent to every
// output of the channel: RTSP mount, SRT, local display, file.
//
// Pipelines (see led_launch.hpp): one live program pipeline per screen that
// runs from start() to stop(), fed through its screen feed (ScreenFeed:
// appsrc ! intervideosink, intervideosrc, and the same for sound; silence
// when no clip sends any) by a short-lived item pipeline per playlist item.
// An item that fails is logged (ItemFailedEvent) and skipped; if every item
// fails in a row, the program waits kRetryDelay before trying the playlist
// again (the last frame stays up to kHoldLastFrame, then black).
//
// Between two items the screen never goes black: while an item plays, the
// next one is prerolled (its pipeline PAUSED, first frame decoded, in
// next_); when the current item's pipeline reaches EOS, it is torn down and
// the next one is set PLAYING. Meanwhile the program repeats the last frame
// of the item that ended, so a change of item costs at most a repeated
// frame or two, never a black one. An item that could not be prerolled in
// time (slow disk, or it failed) leaves the last frame up until the
// following item starts, up to kHoldLastFrame.
//
// Threads: every method runs on the owner's executor (given at create()),
// except setTickerText(), which any thread may call. Events are delivered on
// the executor. The ticker is drawn on the program's streaming thread
// (TickerRenderer); items push frames from their own streaming threads
// (ScreenFeed). Destroy on the executor; the destructor stops every
// pipeline and joins their streaming threads.
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>

#include <chrono>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "config/output_uri.hpp"
#include "config/station_config.hpp"
#include "media/led/led_event.hpp"
#include "media/program_status.hpp"
#include "media/led/led_launch.hpp"
#include "media/led/playlist.hpp"
#include "media/led/rtsp_feed.hpp"
#include "media/led/screen_feed.hpp"
#include "media/led/srt_output.hpp"
#include "media/led/ticker_renderer.hpp"
#include "media/gst/pipeline.hpp"
#include "util/result.hpp"

namespace wardcast::media::led {

class RtspServerHost;


class LedProgram {
 public:
  using EventHandler = std::function<void(const LedEvent&)>;
  static constexpr std::chrono::milliseconds kRetryDelay{1000};

  // `channel` must be a kind = led channel; its outputs are parsed here.
  // `rtsp` serves the channel's rtsp:// output and must listen on the port
  // that URI names; it may be null when the channel has no rtsp:// output.
  // Both must outlive the program. Fails with a sentence on bad outputs.
  static Result<std::unique_ptr<LedProgram>> create(boost::asio::any_io_executor executor,
                                                    const Channel& channel, RtspServerHost* rtsp,
                                                    TickerStyle ticker_style = {});
  ~LedProgram();
  LedProgram(const LedProgram&) = delete;
  LedProgram& operator=(const LedProgram&) = delete;

  void setEventHandler(EventHandler handler) { handler_ = std::move(handler); }

  // Replaces the playlist. The current item plays to its end; the new list
  // starts from its first item after it (at once when nothing is playing).
  // An item already prerolled from the old list is dropped.
  void setPlaylist(std::vector<PlaylistItem> items);
  // The ticker line (the bulletins' text). Empty hides the band. Any thread.
  void setTickerText(std::string text);

  // Starts the program pipeline and the first item; after a stop(), the
  // item that was on screen (from its start), then the one prerolled
  // behind it, then the playlist on from there: nothing is skipped.
  Status start();
  // Ends every output cleanly (EOS, so recordings are finalised); a
  // ProgramFinishedEvent follows, and the program is then stopped.
  Status finish();
  // Stops at once. Recordings may lack their index (mp4 is fragmented and
  // mkv stays readable).
  void stop();

  // The lifecycle every program kind shares (media/program_status.hpp);
  // an LED program may start() again once stopped.
  ProgramStatus status() const { return state_; }
  const LedFormat& format() const { return format_; }
  const std::string& channelId() const { return channel_id_; }
  // rtsp://HOST:PORT/PATH of the mount, when the channel has one.
  std::optional<std::string> rtspUrl() const;
  // How many times the playlist wrapped around (counted when the first item
  // is taken again, which is when it is prerolled).
  std::size_t playlistLoops() const { return playlist_.loops(); }
  // Buffers the RTSP mount has forwarded (0 when no rtsp output).
  std::uint64_t rtspForwardedBuffers() const;

 private:
  struct Anchor {
    LedProgram* self;
  };
  // One item's pipeline and what it plays. `pipeline` is empty once the
  // item has failed (`failure` says why).
  struct ItemSlot {
    PlaylistItem item;
    std::unique_ptr<Pipeline> pipeline;
    std::uint64_t generation = 0;  // tells its events from older slots'
    std::optional<std::string> failure;
  };
  LedProgram(boost::asio::any_io_executor executor, const Channel& channel, TickerStyle style);
  Status buildProgram(const std::vector<OutputUri>& outputs);
  void onProgramEvent(const PipelineEvent& event);
  ItemSlot makeSlot(const PlaylistItem& item);
  void startNextItem();
  void prepareNextItem();
  void onItemEvent(std::uint64_t generation, const PipelineEvent& event);
  void endItem(std::uint64_t generation, std::optional<std::string> failure);
  void failNextItem(std::uint64_t generation, std::string failure);
  void dropItems();
  std::optional<PlaylistItem> takeNextItem();
  void retryLater();
  void emit(const LedEvent& event);

  boost::asio::any_io_executor executor_;
  std::string channel_id_;
  std::string inter_channel_;  // intervideo channel, unique per program
  LedFormat format_;
  bool ticker_enabled_ = true;
  std::optional<OutputUri> rtsp_uri_;
  RtspServerHost* rtsp_host_ = nullptr;
  EventHandler handler_;
  ProgramStatus state_ = ProgramStatus::kIdle;
  Playlist playlist_;
  // Destroyed after the pipelines (declared before them): their streaming
  // threads call into these until the pipelines are stopped.
  std::unique_ptr<TickerRenderer> ticker_;
  std::unique_ptr<RtspFeed> feed_;
  std::vector<std::unique_ptr<SrtOutput>> srt_outputs_;
  std::unique_ptr<Pipeline> program_;
  ScreenFeed screen_;                // the program's appsrcs, for item pipelines
  std::optional<ItemSlot> current_;  // on screen (or starting)
  std::optional<ItemSlot> next_;     // prerolled while current_ plays
  // Taken from the playlist but not shown to the end when stop() came: they
  // come first at the next start() (cleared by setPlaylist() and finish()).
  std::deque<PlaylistItem> resume_;
  std::uint64_t last_generation_ = 0;
  std::size_t failures_in_a_row_ = 0;
  boost::asio::steady_timer retry_timer_;
  std::shared_ptr<Anchor> anchor_;
};

}  // namespace wardcast::media::led
