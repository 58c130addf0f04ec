#include "daemon/channel_runner.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <set>

#include "config/output_uri.hpp"
#include "drivers/window_instances.hpp"

namespace wardcast::daemon {
namespace {

using playout::PlayoutEvent;
using Reason = playout::SkippedEntry::Reason;

// Relays are decoded at playout, so a channel that any relay targets is put
// on the decoding path from the start; the others take the cheapest.
playout::ProgramPath pathFor(const StationConfig& config, const Channel& channel) {
  for (const auto& relay : config.relays)
    for (const auto& target : relay.targets)
      for (const Channel* c : config.resolveTarget(target))
        if (c->id == channel.id) return playout::ProgramPath::kDecode;
  return playout::ProgramPath::kCheapest;
}

// The configured output an output event's label names. The media code
// labels an output without its password (icecast://source@host:port/mount),
// so the label is matched on scheme, host, port and path; an unknown label
// is kept as it is.
std::string configuredOutput(const Channel& channel, const std::string& label) {
  auto reported = parseOutputUri(label);
  for (const auto& output : channel.outputs) {
    if (output == label) return output;
    auto configured = parseOutputUri(output);
    if (reported && configured && configured->scheme == reported->scheme && configured->host == reported->host &&
        configured->port == reported->port && configured->path == reported->path)
      return output;
  }
  return label;
}

Date nextDay(Date d) { return std::chrono::sys_days(d) + std::chrono::days(1); }

}  // namespace

Result<std::unique_ptr<ChannelRunner>> ChannelRunner::create(boost::asio::any_io_executor executor,
                                                             std::shared_ptr<const StationConfig> config,
                                                             const Channel& channel, Store& store,
                                                             const TimeZone& zone, const WallClock& clock,
                                                             std::shared_ptr<media::led::RtspHostPool> rtsp_hosts) {
  auto lock = playout::ChannelLock::acquire(config->station.data_dir, channel.id,
                                            fmt::format("wardcastd pid {}", ::getpid()));
  if (!lock) return lock.error();
  std::unique_ptr<ChannelRunner> runner(new ChannelRunner(std::move(executor), std::move(config), channel, store,
                                                          zone, clock, std::move(*lock)));
  runner->rtsp_hosts_ = std::move(rtsp_hosts);
  if (auto built = runner->buildPlayout(); !built) return built.error();
  return runner;
}

ChannelRunner::ChannelRunner(boost::asio::any_io_executor executor, std::shared_ptr<const StationConfig> config,
                             const Channel& channel, Store& store, const TimeZone& zone, const WallClock& clock,
                             playout::ChannelLock lock)
    : executor_(executor),
      lock_(std::move(lock)),
      config_(std::move(config)),
      channel_(&channel),
      store_(store),
      zone_(zone),
      clock_(clock),
      recorder_(executor, store, channel.id),
      refresh_timer_(executor),
      rebuild_timer_(executor),
      skip_timer_(executor) {}

ChannelRunner::~ChannelRunner() {
  stopping_ = true;
  if (playout_) playout_->stop();
}

Status ChannelRunner::buildPlayout() {
  playout::PlayoutSettings settings;
  settings.path = pathFor(*config_, *channel_);
  settings.when_done = playout::WhenDone::kStayOnAir;
  settings.rtsp_hosts = rtsp_hosts_;
  auto made = playout::ChannelPlayout::create(executor_, *config_, *channel_, clock_, settings);
  if (!made) return made.error();
  playout_ = std::move(*made);
  playout_->setEventHandler([this](const PlayoutEvent& event) { onEvent(event); });
  return okStatus();
}

Status ChannelRunner::start(bool record_missed) {
  if (auto started = playout_->start(); !started) return started;
  // Until an output reports (Icecast connects, RTCP, a failure), it is
  // sending: RTP and files have no connection to report.
  for (const auto& output : channel_->outputs) outputs_[output] = OutputState{true, "sending", clock_.now()};
  refresh();
  if (record_missed) {
    SysMillis now = clock_.now();
    auto today = playout::dayProgram(store_, zone_, *channel_, zone_.localDate(now), now, config_->source.parent_path());
    if (today) recordMissed(today->skipped);
  }
  return okStatus();
}

void ChannelRunner::refresh() {
  if (stopping_ || !playout_) return;
  SysMillis now = clock_.now();
  Date today = zone_.localDate(now);
  std::vector<playout::PlayoutEntry> entries;
  std::vector<playout::SkippedEntry> cannot_play;
  for (Date day : {today, nextDay(today)}) {
    auto program = playout::dayProgram(store_, zone_, *channel_, day, now, config_->source.parent_path());
    if (!program) {
      if (program.error().kind != ErrorKind::kNotFound)
        spdlog::warn("{}: reading the program log: {}", channel_->id, program.error().message);
      continue;
    }
    for (const auto& skip : program->skipped)
      if (skip.reason == Reason::kCannotPlay) cannot_play.push_back(skip);
    for (auto& entry : program->entries) entries.push_back(std::move(entry));
  }
  recorder_.expect(entries);
  recordSkipsAtTheirStart(std::move(cannot_play));
  scheduled_ = entries;
  playout_->reschedule(std::move(entries), drivers::windowInstances(*config_, *channel_, zone_, today, nextDay(today)));
  refreshLater();
}

void ChannelRunner::recordSkipsAtTheirStart(std::vector<playout::SkippedEntry> cannot_play) {
  skip_timer_.cancel();
  pending_skips_.clear();
  std::vector<playout::SkippedEntry> due;
  SysMillis now = clock_.now();
  for (auto& skip : cannot_play) (skip.start <= now ? due : pending_skips_).push_back(std::move(skip));
  recorder_.skipped(due, AsRunStatus::kSkipped, "");
  if (pending_skips_.empty()) return;
  auto earliest = std::min_element(pending_skips_.begin(), pending_skips_.end(),
                                   [](const auto& a, const auto& b) { return a.start < b.start; });
  skip_timer_.expires_at(clock_.toSystem(earliest->start));
  skip_timer_.async_wait([this](boost::system::error_code ec) {
    if (!ec) recordSkipsAtTheirStart(std::move(pending_skips_));
  });
}

void ChannelRunner::recordMissed(const std::vector<playout::SkippedEntry>& skipped) {
  recorder_.flush();  // what is pending counts as recorded
  SysMillis now = clock_.now();
  auto aired = store_.asRunLog().range(now - std::chrono::hours(48), now + std::chrono::hours(1), channel_->id);
  if (!aired) return spdlog::warn("{}: reading the as-run log: {}", channel_->id, aired.error().message);
  std::set<std::int64_t> recorded;
  for (const auto& record : *aired)
    if (record.planned_id) recorded.insert(*record.planned_id);
  std::vector<playout::SkippedEntry> missed;
  for (const auto& skip : skipped)
    if ((skip.reason == Reason::kOver || skip.reason == Reason::kInProgress) && !recorded.count(skip.planned_id))
      missed.push_back(skip);
  recorder_.skipped(missed, AsRunStatus::kMissed, "planned while wardcastd was not running");
}

void ChannelRunner::refreshLater() {
  refresh_timer_.expires_after(kRefreshEvery);
  refresh_timer_.async_wait([this](boost::system::error_code ec) {
    if (!ec) refresh();
  });
}

void ChannelRunner::adopt(std::shared_ptr<const StationConfig> config, const Channel& channel) {
  config_ = std::move(config);
  channel_ = &channel;
  refresh();
}

void ChannelRunner::stop(const std::string& reason) {
  stopping_ = true;
  refresh_timer_.cancel();
  rebuild_timer_.cancel();
  skip_timer_.cancel();
  recorder_.interrupt(clock_.now(), reason);
  recorder_.flush();
  if (playout_) playout_->stop();
}

void ChannelRunner::onEvent(const PlayoutEvent& event) {
  using K = PlayoutEvent::Kind;
  recorder_.record(event);
  switch (event.kind) {
    case K::kOutputUp: outputs_[configuredOutput(*channel_, event.output)] = OutputState{true, "", event.at}; break;
    case K::kOutputDown:
      outputs_[configuredOutput(*channel_, event.output)] = OutputState{false, event.message, event.at};
      spdlog::warn("{}: output {} down: {}", channel_->id, event.output, event.message);
      break;
    case K::kDeadAirStarted:
      dead_air_ = true;
      spdlog::warn("{}: dead air ({})", channel_->id, event.message);
      break;
    case K::kDeadAirEnded: dead_air_ = false; break;
    case K::kItemStarted: spdlog::info("{}: on air {}", channel_->id, event.item_id); break;
    case K::kItemFailed: spdlog::warn("{}: skipped {}: {}", channel_->id, event.item_id, event.message); break;
    case K::kError:
      last_error_ = event.message;
      spdlog::error("{}: program failed: {}", channel_->id, event.message);
      break;
    case K::kFinished:
      if (!stopping_) rebuildLater();
      break;
    default: break;
  }
}

// The program stopped by itself (an error): a new one after a pause, so a
// failing output does not spin.
void ChannelRunner::rebuildLater() {
  recorder_.interrupt(clock_.now(), "the channel's program failed: " + last_error_);
  rebuild_timer_.expires_after(kRebuildDelay);
  rebuild_timer_.async_wait([this](boost::system::error_code ec) {
    if (ec || stopping_) return;
    // The old playout is destroyed outside its own event handler.
    auto old = std::move(playout_);
    if (auto built = buildPlayout(); !built) {
      last_error_ = built.error().message;
      spdlog::error("{}: cannot rebuild the program: {}", channel_->id, last_error_);
      return rebuildLater();
    }
    if (auto started = playout_->start(); !started) {
      last_error_ = started.error().message;
      spdlog::error("{}: cannot restart the program: {}", channel_->id, last_error_);
      return rebuildLater();
    }
    spdlog::info("{}: program rebuilt", channel_->id);
    refresh();
  });
}

ChannelState ChannelRunner::state() const {
  ChannelState s;
  s.id = channel_->id;
  s.name = channel_->name;
  s.kind = channel_->kind;
  if (playout_) {
    s.path = playout_->path();
    s.status = playout_->status();
  }
  s.on_air = recorder_.onAir();
  SysMillis now = clock_.now();
  for (const auto& entry : scheduled_)
    if (entry.start > now && (!s.on_air || entry.item.id != s.on_air->item || entry.start != s.on_air->planned)) {
      s.next = entry;
      break;
    }
  s.outputs = outputs_;
  s.dead_air = dead_air_;
  s.last_error = last_error_;
  return s;
}

}  // namespace wardcast::daemon
