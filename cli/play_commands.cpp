// wardcast play: one loudspeaker channel's items to its configured outputs,
// in the foreground and in real time, printing what plays. The command owns
// the io_context and the signal set; SIGINT/SIGTERM drain the program (so
// recordings are complete) and a second signal stops at once.
#include <CLI/CLI.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <fmt/format.h>

#include <iostream>

#include "cli/cli_context.hpp"
#include "content/store.hpp"
#include "media/loudspeaker_program.hpp"
#include "util/civil_time.hpp"

namespace wardcast::cli {
namespace {

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

// The planned bulletins and clips of `channel` on `date` (local), in order.
std::vector<std::string> plannedItems(Store& store, const StationConfig& config,
                                      const std::string& channel, const std::string& date_text) {
  auto date = parseDate(date_text);
  if (!date) throw UserError("--date " + date_text + " is not a date (YYYY-MM-DD)");
  auto zone = orFail(TimeZone::load(config.station.timezone));
  SysMillis from = zone.toInstant(*date, MinuteOfDay(0));
  SysMillis to = zone.toInstant(*date, MinuteOfDay(24 * 60));
  std::vector<std::string> ids;
  for (const auto& entry : orFail(store.programLog().range(from, to, channel))) {
    if (entry.kind == EntryKind::kBulletin || entry.kind == EntryKind::kClip) ids.push_back(entry.item);
    else std::cerr << fmt::format("skipping planned {} at {} (not an item)\n", toString(entry.kind),
                                  zone.formatIso(entry.start));
  }
  if (ids.empty()) throw UserError(fmt::format("nothing planned on {} for {}", date_text, channel));
  return ids;
}

std::string clockText(std::chrono::nanoseconds t) {
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(t).count();
  return fmt::format("{:02}:{:02}.{:03}", ms / 60000, ms / 1000 % 60, ms % 1000);
}

void printEvent(const media::ProgramEvent& event) {
  using K = media::ProgramEvent::Kind;
  std::string what;
  switch (event.kind) {
    case K::kItemStarted: what = fmt::format("playing {} ({})", event.item_id, event.message); break;
    case K::kItemEnded: what = fmt::format("ended   {}", event.item_id); break;
    case K::kItemFailed: what = fmt::format("skipped {}: {}", event.item_id, event.message); break;
    case K::kOutputUp: what = fmt::format("output up   {}", event.output); break;
    case K::kOutputDown: what = fmt::format("output down {}: {}", event.output, event.message); break;
    case K::kDeadAirStarted: what = "dead air (" + event.message + ")"; break;
    case K::kDeadAirEnded: what = "sound is back"; break;
    case K::kError: what = "error: " + event.message; break;
    default: return;
  }
  std::cout << "[" << clockText(event.running_time) << "] " << what << std::endl;
}

void runPlay(const CliContext& ctx, const PlayOptions& options) {
  StationConfig config = ctx.loadConfig();
  const Channel* channel = config.findChannel(options.channel);
  if (!channel) throw UserError("no channel \"" + options.channel + "\" in " + config.source.string());
  if (channel->kind != ChannelKind::kLoudspeaker)
    throw UserError("channel " + options.channel + " is not a loudspeaker channel");
  auto store = orFail(Store::open(config.station.data_dir));
  std::vector<std::string> ids = options.items;
  if (!options.date.empty()) ids = plannedItems(*store, config, channel->id, options.date);
  std::vector<media::ProgramItem> items;
  for (const auto& id : ids) items.push_back(resolveItem(*store, id));

  boost::asio::io_context io;
  auto program = orFail(media::LoudspeakerProgram::create(io.get_executor(), media::programSettings(config, *channel)));
  bool failed = false;
  program->setEventHandler([&](const media::ProgramEvent& event) {
    printEvent(event);
    if (event.kind == media::ProgramEvent::Kind::kQueueEmpty) program->drain();
    if (event.kind == media::ProgramEvent::Kind::kError) failed = true, program->drain();
    if (event.kind == media::ProgramEvent::Kind::kStopped) io.stop();
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
  for (auto& item : items) program->enqueue(std::move(item));
  std::cout << fmt::format("channel {}: {} item(s) to {} output(s)", channel->id, ids.size(),
                           channel->outputs.size())
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
  auto* date = play->add_option("--date", options->date, "play the items planned on this day (YYYY-MM-DD)");
  auto* items = play->add_option("--items", options->items, "play these items (ID,ID,...)")->delimiter(',');
  date->excludes(items);
  items->excludes(date);
  play->callback([&ctx, options] {
    if (options->date.empty() && options->items.empty())
      throw CLI::ValidationError("play", "give --date D or --items ID,...");
    runPlay(ctx, *options);
  });
}

}  // namespace wardcast::cli
