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

#include <deque>
#include <functional>
#include <iostream>
#include <list>

#include "cli/cli_context.hpp"
#include "content/store.hpp"
#include "drivers/window_instances.hpp"
#include "media/loudspeaker_program.hpp"
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

// Hands --date's entries to the program kPrepareLead before their starts and
// switches dead-air watching on inside the channel's windows. Runs on the
// io_context's thread; owns its timers.
class PlannedFeed {
 public:
  PlannedFeed(boost::asio::io_context& io, media::LoudspeakerProgram& program) : io_(io), program_(program) {}

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
        program_.enqueueAt(std::move(item), start);
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
  media::LoudspeakerProgram& program_;
  std::list<boost::asio::system_timer> timers_;
  std::deque<std::pair<std::string, WallTime>> planned_;
  std::size_t remaining_ = 0;
};

std::string describe(const media::ProgramEvent& event, std::optional<WallTime> planned, WallTime real,
                     const TimeZone& zone) {
  using K = media::ProgramEvent::Kind;
  switch (event.kind) {
    case K::kItemStarted: {
      if (!planned) return fmt::format("playing {} ({})", event.item_id, event.message);
      auto late = std::chrono::duration_cast<std::chrono::milliseconds>(real - *planned).count();
      return fmt::format("playing {} (planned {}, {:+} ms; {})", event.item_id, localClock(zone, *planned), late,
                         event.message);
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
  auto program = orFail(media::LoudspeakerProgram::create(io.get_executor(), media::programSettings(config, *channel)));
  PlannedFeed feed(io, *program);
  bool failed = false;
  program->setEventHandler([&](const media::ProgramEvent& event) {
    using K = media::ProgramEvent::Kind;
    WallTime real = program->wallClockAt(event.running_time);
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
    if (i == 0) program->enqueueAt(std::move(items[i]), std::chrono::system_clock::now() + kItemsLeadIn);
    else program->enqueue(std::move(items[i]));
  }
  if (!entries.empty()) {
    for (const auto& entry : entries)
      std::cout << fmt::format("planned {} at {}{}\n", entry.item.id, zone.formatIso(entry.start),
                               entry.item.length ? fmt::format(" for {} s", std::chrono::duration_cast<std::chrono::seconds>(*entry.item.length).count()) : "");
    feed.schedule(std::move(entries), windows);
  }
  std::cout << fmt::format("channel {}: {} item(s) to {} output(s)", channel->id, count, channel->outputs.size())
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
  date->excludes(items);
  items->excludes(date);
  play->callback([&ctx, options] {
    if (options->date.empty() && options->items.empty())
      throw CLI::ValidationError("play", "give --date D or --items ID,...");
    runPlay(ctx, *options);
  });
}

}  // namespace wardcast::cli
