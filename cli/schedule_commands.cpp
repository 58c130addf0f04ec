// `wardcast plan apply`, `wardcast pin`, `wardcast schedule show|export`
// (SPEC §4, §5). The planning is in scheduler/ (planner.hpp, plan_store.hpp);
// formatting in scheduler/schedule_export.hpp. `plan` itself is created by
// registerPlanCommands, which runs before this.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <iostream>
#include <map>
#include <tuple>
#include <memory>

#include "cli/cli_context.hpp"
#include "content/plan_import/campaign.hpp"
#include "content/store.hpp"
#include "scheduler/plan_store.hpp"
#include "scheduler/quota_period.hpp"
#include "scheduler/schedule_export.hpp"
#include "scheduler/window_instances.hpp"

namespace wardcast::cli {
namespace {

using planner::DayNumber;
using planner::toDate;
using planner::toDayNumber;

template <class T>
T orFail(Result<T> result) {
  if (!result) throw UserError(result.error().message);
  return std::move(result.value());
}

struct Station {
  StationConfig config;
  TimeZone zone;
  std::unique_ptr<Store> store;
};

Station openStation(const CliContext& ctx) {
  StationConfig config = ctx.loadConfig();
  TimeZone zone = orFail(TimeZone::load(config.station.timezone));
  auto store = orFail(Store::open(config.station.data_dir));
  return Station{std::move(config), std::move(zone), std::move(store)};
}

Date dateOr(const std::optional<std::string>& text, const char* flag, Date fallback) {
  if (!text) return fallback;
  auto date = parseDate(*text);
  if (!date) throw UserError(fmt::format("{} '{}' is not a date (expected YYYY-MM-DD)", flag, *text));
  return *date;
}

std::string actor(const CliContext& ctx) { return ctx.user.value_or("planner"); }

struct ApplyOptions {
  std::filesystem::path file;
  std::optional<std::string> from, to;
  bool each_shortfall = false;
};

// Shortfalls of one topic on one target for one reason, over the range.
struct ShortfallRun {
  int periods = 0;
  int required = 0;
  int scheduled = 0;
  std::string first, last;  // period labels
};

// One line per topic, target and reason ("dvc on led: 0 of 7 plays in 7
// periods, 2027-01-04 .. 2027-01-10 (no approved item valid then)"): a
// month of a plan can fall short in hundreds of periods, and staff act per
// topic. `--each-shortfall` and the JSON export list every period.
void printShortfallSummary(const std::vector<planner::Shortfall>& shortfalls) {
  std::map<std::tuple<std::string, std::string, std::string>, ShortfallRun> runs;
  std::vector<std::tuple<std::string, std::string, std::string>> order;
  for (const auto& s : shortfalls) {
    auto key = std::tuple(s.topic, s.target, std::string(planner::toString(s.reason)));
    auto [it, fresh] = runs.try_emplace(key);
    if (fresh) order.push_back(key);
    ShortfallRun& run = it->second;
    ++run.periods;
    run.required += s.required;
    run.scheduled += s.scheduled;
    if (run.first.empty() || s.period < run.first) run.first = s.period;
    if (run.last.empty() || s.period > run.last) run.last = s.period;
  }
  for (const auto& key : order) {
    const auto& [topic, target, reason] = key;
    const ShortfallRun& r = runs.at(key);
    std::string when = r.periods == 1 ? "in " + r.first
                                      : fmt::format("in {} periods, {} .. {}", r.periods, r.first, r.last);
    std::cout << fmt::format("shortfall: topic {} on {}: {} of {} plays {} ({})\n", topic, target, r.scheduled,
                             r.required, when, reason);
  }
}

void runApply(const ApplyOptions& o, const CliContext& ctx) {
  Station st = openStation(ctx);
  Campaign campaign;
  try {
    campaign = loadCampaignFile(o.file, &st.config);
  } catch (const CampaignError& e) {
    throw UserError(e.what());
  }
  SysMillis at = ctx.clock.now();
  Date today = st.zone.localDate(at);
  Date from = dateOr(o.from, "--from", std::max(campaign.start, today));
  Date to = dateOr(o.to, "--to", campaign.end);
  if (to < from) throw UserError(fmt::format("--to {} is before --from {}", formatDate(to), formatDate(from)));
  auto report = orFail(planner::applyCampaign(*st.store, st.config, campaign, {from, to, at, actor(ctx)}));
  const auto& stats = report.result.stats;
  std::cout << fmt::format(
      "campaign {}: {} to {}: {} plays placed of {} required (max-flow bound {}), {} entries written, {} "
      "relay entries, {} shortfalls\n",
      campaign.id, formatDate(from), formatDate(to), stats.plays_placed, stats.plays_required, stats.bound,
      report.planned_entries, report.relay_entries, report.result.shortfalls.size());
  if (!o.each_shortfall) {
    printShortfallSummary(report.result.shortfalls);
    return;
  }
  for (const auto& s : report.result.shortfalls)
    std::cout << fmt::format("shortfall: topic {} on {} in {}: {} of {} ({})\n", s.topic, s.target, s.period,
                             s.scheduled, s.required, planner::toString(s.reason));
}

struct PinOptions {
  std::string item;
  std::string channel;
  std::string at;
};

// "2026-05-01T06:10", "2026-05-01 06:10" or with ":SS", local time.
SysMillis parseLocal(const std::string& text, const TimeZone& zone) {
  auto fail = [&] {
    return UserError(fmt::format("--at '{}' is not a local date and time (expected YYYY-MM-DDTHH:MM[:SS])", text));
  };
  if (text.size() != 16 && text.size() != 19) throw fail();
  auto date = parseDate(text.substr(0, 10));
  auto clock = parseClock(text.substr(11, 5));
  if (!date || !clock || (text[10] != 'T' && text[10] != ' ') || *clock >= std::chrono::hours(24)) throw fail();
  int seconds = 0;
  if (text.size() == 19) {
    if (text[16] != ':' || !std::isdigit(static_cast<unsigned char>(text[17])) ||
        !std::isdigit(static_cast<unsigned char>(text[18])))
      throw fail();
    seconds = (text[17] - '0') * 10 + (text[18] - '0');
    if (seconds > 59) throw fail();
  }
  return zone.toInstant(*date, *clock) + std::chrono::seconds(seconds);
}

// The pinned entry of `item` on `channel` at `start`; throws when the item
// cannot play there or would overlap another pin.
PlannedEntry pinEntry(Station& st, const Item& item, const Channel& channel, SysMillis start) {
  bool video = item.kind == ItemKind::kClip;
  if (video != (channel.kind == ChannelKind::kLed))
    throw UserError(fmt::format("{} is a {} and channel {} is a {}", item.id, toString(item.kind), channel.id,
                                channel.kind == ChannelKind::kLed ? "LED screen" : "loudspeaker channel"));
  PlannedEntry entry;
  entry.channel = channel.id;
  entry.start = start;
  entry.end = entry.start + item.duration();
  entry.kind = video ? EntryKind::kClip : EntryKind::kBulletin;
  entry.item = item.id;
  entry.topic = item.topic_id;
  auto stored_topic = st.store->campaigns().topic(item.topic_id);
  if (stored_topic) entry.campaign = stored_topic->campaign_id;
  entry.pinned = true;
  DayNumber day = toDayNumber(st.zone.localDate(entry.start));
  for (const auto& pc : planner::buildPlanChannels(st.config, st.zone, day - 1, day))
    if (pc.id == channel.id)
      for (const auto& w : pc.windows)
        if (w.start_ms <= entry.start.time_since_epoch().count() && entry.end.time_since_epoch().count() <= w.end_ms)
          entry.window = w.window_id;
  auto pins = orFail(st.store->programLog().pins(entry.start - std::chrono::hours(24), entry.end));
  for (const auto& p : pins)
    if (p.channel == entry.channel && p.start < entry.end && entry.start < p.end)
      throw UserError(fmt::format("{} on {} would overlap pinned {} at {}", item.id, entry.channel, p.item,
                                  st.zone.formatIso(p.start)));
  return entry;
}

// --channel takes a target: a channel id, "group:NAME" (every member at the
// same instant, so neighbouring loudspeakers do not echo) or "kind:KIND".
// Every pin is checked before any is stored.
void runPin(const PinOptions& o, const CliContext& ctx) {
  Station st = openStation(ctx);
  auto channels = st.config.resolveTarget(o.channel);
  if (channels.empty())
    throw UserError(fmt::format("--channel '{}': no such channel or group in the station file", o.channel));
  Item item = orFail(st.store->items().get(o.item));
  if (item.state != ItemState::kApproved)
    throw UserError(fmt::format("{} is {}: only approved items can be pinned", item.id, toString(item.state)));
  SysMillis start = parseLocal(o.at, st.zone);
  std::vector<PlannedEntry> entries;
  for (const Channel* channel : channels) entries.push_back(pinEntry(st, item, *channel, start));
  for (const auto& entry : entries) {
    PlannedEntry stored = orFail(st.store->programLog().pin(entry, actor(ctx)));
    std::cout << fmt::format("pinned {} on {} from {} to {}{}\n", stored.item, stored.channel,
                             st.zone.formatIso(stored.start), st.zone.formatIso(stored.end),
                             stored.window.empty() ? " (outside the channel's windows)" : " in " + stored.window);
  }
}

planner::ScheduleSnapshot snapshot(Station& st, Date from, Date to, const std::optional<std::string>& channel) {
  planner::ScheduleSnapshot snap;
  snap.station = &st.config;
  snap.from = from;
  snap.to = to;
  DayNumber first = toDayNumber(from), last = toDayNumber(to);
  for (auto& pc : planner::buildPlanChannels(st.config, st.zone, first, last))
    if (!channel || pc.id == *channel) snap.channels.push_back(std::move(pc));
  SysMillis start = st.zone.toInstant(from, MinuteOfDay{0});
  SysMillis end = st.zone.toInstant(toDate(last + 1), MinuteOfDay{0});
  snap.entries = orFail(st.store->programLog().range(start, end, channel));
  for (auto& s : planner::loadShortfalls(st.config.station.data_dir)) {
    auto span = planner::periodSpan(s.period);
    if (!span || (span->first <= last && first <= span->second)) snap.shortfalls.push_back(std::move(s));
  }
  return snap;
}

struct ShowOptions {
  std::optional<std::string> channel;
  std::optional<std::string> date;
};

void runShow(const ShowOptions& o, const CliContext& ctx) {
  Station st = openStation(ctx);
  if (o.channel && st.config.findChannel(*o.channel) == nullptr)
    throw UserError(fmt::format("--channel '{}': no such channel in the station file", *o.channel));
  Date day = dateOr(o.date, "--date", st.zone.localDate(ctx.clock.now()));
  std::cout << planner::scheduleToText(snapshot(st, day, day, o.channel), st.zone);
}

struct ExportOptions {
  std::string format;
  std::optional<std::string> from, to;
};

void runExport(const ExportOptions& o, const CliContext& ctx) {
  Station st = openStation(ctx);
  Date from = dateOr(o.from, "--from", st.zone.localDate(ctx.clock.now()));
  Date to = dateOr(o.to, "--to", toDate(toDayNumber(from) + 6));
  if (to < from) throw UserError(fmt::format("--to {} is before --from {}", formatDate(to), formatDate(from)));
  auto snap = snapshot(st, from, to, std::nullopt);
  std::cout << (o.format == "ics" ? planner::scheduleToICalendar(snap, st.zone)
                                  : planner::scheduleToJson(snap, st.zone));
}

}  // namespace

void registerScheduleCommands(CLI::App& app, CliContext& ctx) {
  CLI::App* plan = nullptr;
  try {
    plan = app.get_subcommand("plan");
  } catch (const CLI::OptionNotFound&) {
    plan = app.add_subcommand("plan", "import, check and apply communication plans");
  }
  auto apply = std::make_shared<ApplyOptions>();
  auto* apply_cmd = plan->add_subcommand("apply", "store a campaign file and plan air time; prints every shortfall");
  apply_cmd->add_option("FILE", apply->file, "campaign file (TOML)")->required();
  apply_cmd->add_option("--from", apply->from, "first day to plan (default: today or the campaign's start)");
  apply_cmd->add_option("--to", apply->to, "last day to plan (default: the campaign's end)");
  apply_cmd->add_flag("--each-shortfall", apply->each_shortfall,
                      "one line per period that falls short (default: one per topic, target and reason)");
  apply_cmd->callback([apply, &ctx] { runApply(*apply, ctx); });

  auto pin = std::make_shared<PinOptions>();
  auto* pin_cmd = app.add_subcommand("pin", "put an approved item on a channel at a fixed time");
  pin_cmd->add_option("ID", pin->item, "item id, e.g. b12")->required();
  pin_cmd->add_option("--channel", pin->channel, "channel id, group:NAME or kind:KIND")->required();
  pin_cmd->add_option("--at", pin->at, "local date and time, YYYY-MM-DDTHH:MM[:SS]")->required();
  pin_cmd->callback([pin, &ctx] { runPin(*pin, ctx); });

  auto* schedule = app.add_subcommand("schedule", "show or export the planned schedule");
  schedule->require_subcommand(1);
  auto show = std::make_shared<ShowOptions>();
  auto* show_cmd = schedule->add_subcommand("show", "the schedule of one day, for people");
  show_cmd->add_option("--channel", show->channel, "one channel only");
  show_cmd->add_option("--date", show->date, "local day, YYYY-MM-DD (default today)");
  show_cmd->callback([show, &ctx] { runShow(*show, ctx); });

  auto exp = std::make_shared<ExportOptions>();
  auto* export_cmd = schedule->add_subcommand("export", "the schedule as JSON (SPEC §5) or iCalendar");
  export_cmd->add_option("--format", exp->format, "json or ics")->required()->check(CLI::IsMember({"json", "ics"}));
  export_cmd->add_option("--from", exp->from, "first day (default today)");
  export_cmd->add_option("--to", exp->to, "last day (default a week from --from)");
  export_cmd->callback([exp, &ctx] { runExport(*exp, ctx); });
}

}  // namespace wardcast::cli
