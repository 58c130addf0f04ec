// wardcast play: one loudspeaker channel on air, in the foreground and in
// real time, printing what plays.
//   --items ID,...  plays the items back to back, from half a second after
//                   the outputs start (kItemsLeadIn).
//   --date D        plays the channel's planned entries of local day D at
//                   their planned times (wall clock). Between entries the
//                   outputs carry silence (receivers and Icecast listeners
//                   stay connected). Entries already over are skipped; an
//                   entry in progress is skipped too (a bulletin heard from
//                   its middle is no use), unless it began less than 2 s ago:
//                   then it starts at once, from its beginning. Relays
//                   (kind relay: another station's stream) play for their
//                   span; one in progress is joined for what is left.
// The command owns the io_context and the signal set; SIGINT/SIGTERM drain
// the program (so recordings are complete) and a second signal stops at once.
#include <CLI/CLI.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/system_timer.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <deque>
#include <functional>
#include <iostream>
#include <list>
#include <map>

#include "cli/cli_context.hpp"
#include "content/store.hpp"
#include "drivers/window_instances.hpp"
#include "media/rendition/air_rendition.hpp"
#include "media/forward/forward_program.hpp"
#include "media/decode/loudspeaker_program.hpp"
#include "util/civil_time.hpp"

namespace wardcast::cli {
namespace {

constexpr std::chrono::milliseconds kItemsLeadIn{500};

using WallTime = std::chrono::system_clock::time_point;

// An entry in progress that began at most this long ago starts late rather
// than being skipped (someone started `play` on the minute).
constexpr std::chrono::seconds kLateStartGrace{2};
// An entry is handed to the program this long before its start, so that its
// decoder is ready and the first sample goes out on time.
constexpr std::chrono::seconds kPrepareLead{3};

struct PlayOptions {
  std::string channel;
  std::string date;
  std::vector<std::string> items;
  bool decode = false;
};

template <class T>
T orFail(Result<T> result) {
  if (!result) throw UserError(result.error().message);
  return std::move(result).value();
}

media::ProgramItem resolveItem(Store& store, const std::string& id) {
  auto item = store.items().get(id);
  if (!item) throw UserError(item.error().message);
  if (item->state != ItemState::kApproved)
    throw UserError(fmt::format("item {} is {}, not approved: only approved items go on air", id,
                                toString(item->state)));
  if (item->asset.kind != AssetKind::kAudio && item->asset.audio_codec.empty())
    throw UserError(fmt::format("item {} has no audio to play on a loudspeaker channel", id));
  return media::itemFromAsset(id, item->asset, store.dataDir());
}

WallTime toWall(SysMillis t) { return WallTime(std::chrono::duration_cast<WallTime::duration>(t.time_since_epoch())); }

SysMillis toMillis(WallTime t) { return std::chrono::time_point_cast<std::chrono::milliseconds>(t); }

// "13:30:05.003", local time.
std::string localClock(const TimeZone& zone, WallTime t) { return zone.formatIso(toMillis(t), true).substr(11, 12); }

struct ScheduledEntry {
  SysMillis start;
  media::ProgramItem item;
};

// What --date has left to play on `channel` at `now`, in order; prints
// every entry it leaves out and why.
// Relay sources given as relative file: paths are relative to `relay_base`
// (the station file's folder).
std::vector<ScheduledEntry> entriesToPlay(Store& store, const TimeZone& zone, const std::string& channel,
                                          Date date, const std::string& date_text, WallTime now,
                                          const std::filesystem::path& relay_base) {
  SysMillis from = zone.toInstant(date, MinuteOfDay(0));
  SysMillis to = zone.toInstant(date, MinuteOfDay(24 * 60));
  auto planned = orFail(store.programLog().range(from, to, channel));
  if (planned.empty()) throw UserError(fmt::format("nothing planned on {} for {}", date_text, channel));
  std::vector<ScheduledEntry> entries;
  for (const auto& entry : planned) {
    std::string at = zone.formatIso(entry.start);
    bool relay = entry.kind == EntryKind::kRelay;
    if (!relay && entry.kind != EntryKind::kBulletin && entry.kind != EntryKind::kClip) {
      std::cout << fmt::format("skipping {} at {}: not an item\n", toString(entry.kind), at);
    } else if (toWall(entry.end) <= now) {
      std::cout << fmt::format("skipping {} at {}: already over\n", entry.item, at);
    } else if (relay) {
      // A relay is another station's live stream: joined in its middle, it
      // plays what is left of its span.
      SysMillis start = std::max(entry.start, toMillis(now));
      auto item = media::relayItem(entry.item, entry.end - start, relay_base);
      if (!item) std::cout << fmt::format("skipping relay at {}: {}\n", at, item.error().message);
      else entries.push_back(ScheduledEntry{start, std::move(*item)});
    } else if (toWall(entry.start) + kLateStartGrace < now) {
      std::cout << fmt::format("skipping {} at {}: in progress (a bulletin is not joined in its middle)\n",
                               entry.item, at);
    } else {
      entries.push_back(ScheduledEntry{entry.start, resolveItem(store, entry.item)});
    }
  }
  if (entries.empty())
    throw UserError(fmt::format("nothing left to play on {} for {}: every entry is over or in progress",
                                date_text, channel));
  return entries;
}

// The channel's program on whichever path plays it (docs/media.md): the
// forwarding path when every output can be forwarded (RTP/Opus, or Icecast
// MP3 mounts) and nothing needs decoding at playout (a relay does), the
// decoding path (LoudspeakerProgram) otherwise.
class ChannelPlayer {
 public:
  virtual ~ChannelPlayer() = default;
  virtual std::string path() const = 0;
  virtual void setEventHandler(media::LoudspeakerProgram::EventHandler handler) = 0;
  virtual Status start() = 0;
  // At `start` (wall clock) or, without one, after the item before it.
  virtual void enqueue(media::ProgramItem item, std::optional<WallTime> start) = 0;
  virtual void drain() = 0;
  virtual void stop() = 0;
  virtual std::size_t queued() const = 0;
  virtual bool playing() const = 0;
  virtual void setDeadAirWatch(media::DeadAirWatch) {}
  // When the sound of `event` left the outputs.
  virtual WallTime wallClockAt(const media::ProgramEvent& event) const = 0;
};

class DecodingPlayer final : public ChannelPlayer {
 public:
  explicit DecodingPlayer(std::unique_ptr<media::LoudspeakerProgram> program) : program_(std::move(program)) {}
  std::string path() const override { return "decoding path"; }
  void setEventHandler(media::LoudspeakerProgram::EventHandler handler) override {
    program_->setEventHandler(std::move(handler));
  }
  Status start() override { return program_->start(); }
  void enqueue(media::ProgramItem item, std::optional<WallTime> start) override {
    if (start) program_->enqueueAt(std::move(item), *start);
    else program_->enqueue(std::move(item));
  }
  void drain() override { program_->drain(); }
  void stop() override { program_->stop(); }
  std::size_t queued() const override { return program_->queued(); }
  bool playing() const override { return program_->playing(); }
  void setDeadAirWatch(media::DeadAirWatch watch) override { program_->setDeadAirWatch(watch); }
  WallTime wallClockAt(const media::ProgramEvent& event) const override {
    return program_->wallClockAt(event.running_time);
  }

 private:
  std::unique_ptr<media::LoudspeakerProgram> program_;
};

// Items are rendered to air renditions before going on air (render()), once
// per item and station format: later plays find them in the data directory.
class ForwardingPlayer final : public ChannelPlayer {
 public:
  ForwardingPlayer(boost::asio::io_context& io, const StationConfig& config, const media::OutputPlan& plan,
                   const media::RenditionFormat& format, const std::string& channel_id)
      : io_(io),
        cache_(io.get_executor(), config.station.data_dir,
               media::LoudnessTarget{config.station.loudness_lufs, config.station.true_peak_dbtp}, format) {
    settings_.channel_id = channel_id;
    settings_.outputs = plan.rtp;
    if (const auto* opus = std::get_if<media::AirFormat>(&format)) settings_.format = *opus;
    settings_.icecast = plan.icecast;
  }
  std::string path() const override {
    return std::holds_alternative<media::AirFormat>(cache_.format()) ? "forwarding Opus air renditions"
                                                                     : "forwarding MP3 air renditions";
  }
  // Renders every item that has no rendition yet, on `io_`, before the
  // program exists. Items that cannot be rendered are left out (printed).
  void render(std::vector<media::ProgramItem> items) {
    std::size_t waiting = 0;
    for (auto& item : items) {
      if (renditions_.count(item.id)) continue;
      ++waiting;
      renditions_[item.id];  // reserved: rendered once even when listed twice
      cache_.ensure(item, [this, id = item.id, &waiting](Result<std::filesystem::path> rendition) {
        --waiting;
        if (rendition) renditions_[id] = std::move(*rendition);
        else std::cout << fmt::format("skipped {}: {}", id, rendition.error().message) << std::endl;
      });
    }
    while (waiting > 0 && io_.run_one() > 0) {
    }
    io_.restart();
  }
  Status create() {
    auto program = media::ForwardProgram::create(io_.get_executor(), settings_);
    if (!program) return program.error();
    program_ = std::move(*program);
    return okStatus();
  }
  void setEventHandler(media::LoudspeakerProgram::EventHandler handler) override {
    program_->setEventHandler(std::move(handler));
  }
  Status start() override { return program_->start(); }
  void enqueue(media::ProgramItem item, std::optional<WallTime> start) override {
    auto rendition = renditions_.find(item.id);
    if (rendition == renditions_.end() || rendition->second.empty()) return;  // reported by render()
    program_->enqueue(media::ForwardItem{item.id, rendition->second, start});
  }
  void drain() override { program_->drain(); }
  void stop() override { program_->stop(); }
  std::size_t queued() const override { return program_->queued(); }
  bool playing() const override { return program_->onAir(); }
  // Events are posted as the packet leaves: now, to the millisecond.
  WallTime wallClockAt(const media::ProgramEvent&) const override { return std::chrono::system_clock::now(); }

 private:
  boost::asio::io_context& io_;
  media::AirRenditionCache cache_;
  media::ForwardSettings settings_;
  std::map<std::string, std::filesystem::path> renditions_;
  std::unique_ptr<media::ForwardProgram> program_;
};

// Hands --date's entries to the program kPrepareLead before their starts and
// switches dead-air watching on inside the channel's windows. Runs on the
// io_context's thread; owns its timers.
class PlannedFeed {
 public:
  PlannedFeed(boost::asio::io_context& io, ChannelPlayer& program) : io_(io), program_(program) {}

  void schedule(std::vector<ScheduledEntry> entries, const std::vector<drivers::WindowInstance>& windows) {
    program_.setDeadAirWatch(media::DeadAirWatch::kWhileOnAir);
    for (const auto& window : windows) {
      at(toWall(window.start), [this] { program_.setDeadAirWatch(media::DeadAirWatch::kAlways); });
      at(toWall(window.end), [this] { program_.setDeadAirWatch(media::DeadAirWatch::kWhileOnAir); });
    }
    remaining_ = entries.size();
    for (auto& entry : entries) {
      WallTime start = toWall(entry.start);
      at(start - kPrepareLead, [this, start, item = std::move(entry.item)]() mutable {
        planned_.push_back({item.id, start});
        program_.enqueue(std::move(item), start);
        --remaining_;
      });
    }
  }
  // Every entry handed over, and none waiting: the day's program is done.
  bool done() const { return remaining_ == 0 && program_.queued() == 0; }
  // The planned start of an item that just started or failed (in order).
  std::optional<WallTime> takePlanned(const std::string& id) {
    for (auto it = planned_.begin(); it != planned_.end(); ++it) {
      if (it->first != id) continue;
      WallTime start = it->second;
      planned_.erase(it);
      return start;
    }
    return std::nullopt;
  }

 private:
  // Runs `action` at `when` (at once, in order, when `when` has passed).
  void at(WallTime when, std::function<void()> action) {
    auto& timer = timers_.emplace_back(io_, when);
    timer.async_wait([action = std::move(action)](boost::system::error_code ec) {
      if (!ec) action();
    });
  }

  boost::asio::io_context& io_;
  ChannelPlayer& program_;
  std::list<boost::asio::system_timer> timers_;
  std::deque<std::pair<std::string, WallTime>> planned_;
  std::size_t remaining_ = 0;
};

std::string describe(const media::ProgramEvent& event, std::optional<WallTime> planned, WallTime real,
                     const TimeZone& zone) {
  using K = media::ProgramEvent::Kind;
  switch (event.kind) {
    case K::kItemStarted: {
      std::string detail = event.message;
      if (planned) {
        auto late = std::chrono::duration_cast<std::chrono::milliseconds>(real - *planned).count();
        detail = fmt::format("planned {}, {:+} ms", localClock(zone, *planned), late) +
                 (detail.empty() ? "" : "; " + detail);
      }
      return detail.empty() ? "playing " + event.item_id : fmt::format("playing {} ({})", event.item_id, detail);
    }
    case K::kItemEnded: return fmt::format("ended   {}", event.item_id);
    case K::kItemFailed: return fmt::format("skipped {}: {}", event.item_id, event.message);
    case K::kOutputUp: return fmt::format("output up   {}", event.output);
    case K::kOutputDown: return fmt::format("output down {}: {}", event.output, event.message);
    case K::kDeadAirStarted: return "dead air (" + event.message + ")";
    case K::kDeadAirEnded: return "dead air over" + (event.message.empty() ? "" : " (" + event.message + ")");
    case K::kError: return "error: " + event.message;
    default: return {};
  }
}

// The player for `channel`: forwarding when its outputs allow it, nothing
// to play needs decoding (relays do) and --decode was not given; then the
// items are rendered here, before the outputs start.
std::unique_ptr<ChannelPlayer> makePlayer(boost::asio::io_context& io, const StationConfig& config,
                                          const Channel& channel, const std::vector<ScheduledEntry>& entries,
                                          const std::vector<media::ProgramItem>& items, bool decode) {
  auto plan = orFail(media::planOutputs(channel.outputs));
  auto format = media::forwardRenditionFormat(plan);
  bool relays = std::any_of(entries.begin(), entries.end(),
                            [](const ScheduledEntry& e) { return !e.item.stream_uri.empty(); });
  if (!format || relays || decode) {
    auto program = orFail(media::LoudspeakerProgram::create(io.get_executor(), media::programSettings(config, channel)));
    return std::make_unique<DecodingPlayer>(std::move(program));
  }
  auto player = std::make_unique<ForwardingPlayer>(io, config, plan, *format, channel.id);
  std::vector<media::ProgramItem> all = items;
  for (const auto& entry : entries) all.push_back(entry.item);
  player->render(std::move(all));
  if (auto created = player->create(); !created) throw UserError(created.error().message);
  return player;
}

void runPlay(const CliContext& ctx, const PlayOptions& options) {
  StationConfig config = ctx.loadConfig();
  const Channel* channel = config.findChannel(options.channel);
  if (!channel) throw UserError("no channel \"" + options.channel + "\" in " + config.source.string());
  if (channel->kind != ChannelKind::kLoudspeaker)
    throw UserError("channel " + options.channel + " is not a loudspeaker channel");
  auto zone = orFail(TimeZone::load(config.station.timezone));
  auto store = orFail(Store::open(config.station.data_dir));
  std::vector<ScheduledEntry> entries;
  std::vector<media::ProgramItem> items;
  std::vector<drivers::WindowInstance> windows;
  if (!options.date.empty()) {
    auto date = parseDate(options.date);
    if (!date) throw UserError("--date " + options.date + " is not a date (YYYY-MM-DD)");
    entries = entriesToPlay(*store, zone, channel->id, *date, options.date, std::chrono::system_clock::now(),
                            config.source.parent_path());
    windows = drivers::windowInstances(config, *channel, zone, *date, *date);
  }
  for (const auto& id : options.items) items.push_back(resolveItem(*store, id));

  boost::asio::io_context io;
  auto program = makePlayer(io, config, *channel, entries, items, options.decode);
  PlannedFeed feed(io, *program);
  bool failed = false;
  program->setEventHandler([&](const media::ProgramEvent& event) {
    using K = media::ProgramEvent::Kind;
    WallTime real = program->wallClockAt(event);
    std::optional<WallTime> planned;
    if (event.kind == K::kItemStarted || event.kind == K::kItemFailed) planned = feed.takePlanned(event.item_id);
    if (auto text = describe(event, planned, real, zone); !text.empty())
      std::cout << "[" << localClock(zone, real) << "] " << text << std::endl;
    if (event.kind == K::kQueueEmpty && feed.done()) program->drain();
    if (event.kind == K::kItemFailed && feed.done() && !program->playing()) program->drain();
    if (event.kind == K::kError) failed = true, program->drain();
    if (event.kind == K::kStopped) io.stop();
  });
  boost::asio::signal_set signals(io, SIGINT, SIGTERM);
  int signals_seen = 0;
  std::function<void(boost::system::error_code, int)> on_signal = [&](boost::system::error_code ec, int) {
    if (ec) return;
    if (++signals_seen > 1) return io.stop();
    std::cout << "stopping..." << std::endl;
    program->drain();
    signals.async_wait(on_signal);
  };
  signals.async_wait(on_signal);
  std::size_t count = entries.size() + items.size();
  // --items: the first item after a short lead-in of silence, the rest back
  // to back: a receiver joining the RTP stream misses its first packets,
  // and an Icecast listener connects after the source; the lead-in falls there.
  for (std::size_t i = 0; i < items.size(); ++i) {
    std::optional<WallTime> start;
    if (i == 0) start = std::chrono::system_clock::now() + kItemsLeadIn;
    program->enqueue(std::move(items[i]), start);
  }
  if (!entries.empty()) {
    for (const auto& entry : entries)
      std::cout << fmt::format("planned {} at {}{}\n", entry.item.id, zone.formatIso(entry.start),
                               entry.item.length ? fmt::format(" for {} s", std::chrono::duration_cast<std::chrono::seconds>(*entry.item.length).count()) : "");
    feed.schedule(std::move(entries), windows);
  }
  std::cout << fmt::format("channel {}: {} item(s) to {} output(s), {}", channel->id, count,
                           channel->outputs.size(), program->path())
            << std::endl;
  if (auto started = program->start(); !started) throw UserError(started.error().message);
  io.run();
  program->stop();
  if (failed) throw UserError("playout failed on channel " + channel->id);
}

}  // namespace

void registerPlayCommands(CLI::App& app, CliContext& ctx) {
  auto options = std::make_shared<PlayOptions>();
  auto* play = app.add_subcommand("play", "play a loudspeaker channel's items to its outputs, in real time");
  play->add_option("--channel", options->channel, "channel id")->required();
  auto* date = play->add_option("--date", options->date,
                                "play the entries planned on this local day (YYYY-MM-DD) at their planned times");
  auto* items = play->add_option("--items", options->items, "play these items at once, back to back (ID,ID,...)")
                    ->delimiter(',');
  play->add_flag("--decode", options->decode,
                 "decode and encode at playout even when the outputs could be forwarded "
                 "(RTP/Opus or Icecast MP3 only: items are then rendered once and their packets sent)");
  date->excludes(items);
  items->excludes(date);
  play->callback([&ctx, options] {
    if (options->date.empty() && options->items.empty())
      throw CLI::ValidationError("play", "give --date D or --items ID,...");
    runPlay(ctx, *options);
  });
}

}  // namespace wardcast::cli
