// wardcast play: one channel on air, in the foreground and in real time,
// printing what plays. A thin front end on the playout library
// (scheduler/playout/, docs/playout.md), which the daemon uses too.
//   --items ID,...  plays the items back to back, from half a second after
//                   the outputs start.
//   --date D        plays the channel's planned entries of local day D at
//                   their planned times (the station clock: WARDCAST_NOW
//                   sets it for tests). Between entries the outputs carry
//                   silence (receivers and Icecast listeners stay
//                   connected). What is over or in progress is skipped, as
//                   playout::dayProgram() says; relays play for their span.
// An LED channel shows its clips in a loop, each at least once.
// The command owns the io_context and the signal set; SIGINT/SIGTERM drain
// the program (so recordings are complete) and a second signal stops at once.
#include <CLI/CLI.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <fmt/format.h>

#include <unistd.h>

#include <functional>
#include <iostream>

#include "cli/cli_context.hpp"
#include "content/store.hpp"
#include "drivers/window_instances.hpp"
#include "scheduler/playout/channel_lock.hpp"
#include "scheduler/playout/channel_playout.hpp"
#include "scheduler/playout/day_program.hpp"
#include "util/civil_time.hpp"

namespace wardcast::cli {
namespace {

using playout::PlayoutEvent;

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

// "13:30:05.003", local time.
std::string localClock(const TimeZone& zone, SysMillis t) { return zone.formatIso(t, true).substr(11, 12); }

std::string describe(const PlayoutEvent& event, const TimeZone& zone) {
  using K = PlayoutEvent::Kind;
  switch (event.kind) {
    case K::kItemStarted: {
      std::string detail = event.message;
      if (event.planned) {
        auto late = (event.at - *event.planned).count();
        detail = fmt::format("planned {}, {:+} ms", localClock(zone, *event.planned), late) +
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
    case K::kLiveStarted: return "live on air";
    case K::kLiveEnded: return "live over";
    case K::kError: return "error: " + event.message;
    case K::kFinished: return {};
  }
  return {};
}

// What --date has left to play, with every entry left out printed.
std::vector<playout::PlayoutEntry> dayEntries(const CliContext& ctx, const StationConfig& config, Store& store,
                                              const TimeZone& zone, const Channel& channel, Date date) {
  auto day = orFail(playout::dayProgram(store, zone, channel, date, ctx.clock.now(), config.source.parent_path()));
  for (const auto& skipped : day.skipped)
    std::cout << fmt::format("skipping {} at {}: {}\n", skipped.item, zone.formatIso(skipped.start), skipped.message);
  if (day.entries.empty())
    throw UserError(fmt::format("nothing left to play on {} for {}: every entry is over or in progress",
                                formatDate(date), channel.id));
  for (const auto& entry : day.entries) {
    std::string length;
    if (entry.item.length)
      length = fmt::format(" for {} s", std::chrono::duration_cast<std::chrono::seconds>(*entry.item.length).count());
    std::cout << fmt::format("planned {} at {}{}\n", entry.item.id, zone.formatIso(entry.start), length);
  }
  return std::move(day.entries);
}

// Runs `io` until the playout finishes; a first signal drains it, a
// second stops at once. Returns whether the program failed.
bool runToEnd(boost::asio::io_context& io, playout::ChannelPlayout& playout, const TimeZone& zone) {
  bool failed = false;
  playout.setEventHandler([&](const PlayoutEvent& event) {
    if (auto text = describe(event, zone); !text.empty())
      std::cout << "[" << localClock(zone, event.at) << "] " << text << std::endl;
    if (event.kind == PlayoutEvent::Kind::kError) failed = true;
    if (event.kind == PlayoutEvent::Kind::kFinished) io.stop();
  });
  boost::asio::signal_set signals(io, SIGINT, SIGTERM);
  int signals_seen = 0;
  std::function<void(boost::system::error_code, int)> on_signal = [&](boost::system::error_code ec, int) {
    if (ec) return;
    if (++signals_seen > 1) return io.stop();
    std::cout << "stopping..." << std::endl;
    playout.drain();
    signals.async_wait(on_signal);
  };
  signals.async_wait(on_signal);
  if (auto started = playout.start(); !started) throw UserError(started.error().message);
  io.run();
  playout.stop();
  return failed;
}

void runPlay(const CliContext& ctx, const PlayOptions& options) {
  StationConfig config = ctx.loadConfig();
  const Channel* channel = config.findChannel(options.channel);
  if (!channel) throw UserError("no channel \"" + options.channel + "\" in " + config.source.string());
  auto zone = orFail(TimeZone::load(config.station.timezone));
  auto lock = orFail(playout::ChannelLock::acquire(config.station.data_dir, channel->id,
                                                   fmt::format("wardcast play pid {}", ::getpid())));
  auto store = orFail(Store::open(config.station.data_dir));
  std::vector<playout::PlayoutEntry> entries;
  std::vector<drivers::WindowInstance> windows;
  if (!options.date.empty()) {
    auto date = parseDate(options.date);
    if (!date) throw UserError("--date " + options.date + " is not a date (YYYY-MM-DD)");
    entries = dayEntries(ctx, config, *store, zone, *channel, *date);
    windows = drivers::windowInstances(config, *channel, zone, *date, *date);
  }
  std::vector<media::ProgramItem> items;
  for (const auto& id : options.items) items.push_back(orFail(playout::playableItem(*store, *channel, id)));

  boost::asio::io_context io;
  playout::PlayoutSettings settings;
  settings.path = playout::ChannelPlayout::pathFor(
      entries, options.decode ? playout::ProgramPath::kDecode : playout::ProgramPath::kCheapest);
  auto playout = orFail(playout::ChannelPlayout::create(io.get_executor(), config, *channel, ctx.clock, settings));
  std::size_t count = entries.size() + items.size();
  playout->playNow(std::move(items));
  if (!entries.empty()) playout->schedule(std::move(entries), windows);
  std::cout << fmt::format("channel {}: {} item(s) to {} output(s), {}", channel->id, count, channel->outputs.size(),
                           playout->path())
            << std::endl;
  if (runToEnd(io, *playout, zone)) throw UserError("playout failed on channel " + channel->id);
}

}  // namespace

void registerPlayCommands(CLI::App& app, CliContext& ctx) {
  auto options = std::make_shared<PlayOptions>();
  auto* play = app.add_subcommand("play", "play a channel's items to its outputs, in real time");
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
