#include "daemon/station.hpp"

#include <unistd.h>

#include <algorithm>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "daemon/as_run_recorder.hpp"
#include "daemon/status_routes.hpp"

namespace wardcast::daemon {

Result<std::unique_ptr<Station>> Station::create(boost::asio::any_io_executor executor, StationConfig config,
                                                 const WallClock& clock) {
  auto zone = TimeZone::load(config.station.timezone);
  if (!zone) return makeError(ErrorKind::kInvalidInput, config.source.string() + ": " + zone.error().message);
  auto store = Store::open(config.station.data_dir);
  if (!store) return makeError(ErrorKind::kIo, store.error().message);
  // The as-run log and the heartbeat commit on the loop that sends audio.
  if (auto relaxed = (*store)->commitWithoutFsync(); !relaxed) return makeError(ErrorKind::kIo, relaxed.error().message);
  auto shared = std::make_shared<const StationConfig>(std::move(config));
  std::unique_ptr<Station> station(new Station(executor, shared, std::move(*zone), std::move(*store), clock));
  // The socket first: a second daemon on the same station must stop here,
  // before it touches the first one's as-run records.
  auto api = HttpServer::listenUnix(executor, shared->apiSocket(), station->router_);
  if (!api) return api.error();
  station->api_ = std::move(*api);
  auto last = station->store_->daemonRuns().last();
  if (!last) return makeError(ErrorKind::kIo, last.error().message);
  station->previous_run_ = *last;
  if (auto built = station->buildRunners(); !built) return built.error();
  return station;
}

Station::Station(boost::asio::any_io_executor executor, std::shared_ptr<const StationConfig> config, TimeZone zone,
                 std::unique_ptr<Store> store, const WallClock& clock)
    : executor_(executor),
      config_(std::move(config)),
      zone_(std::move(zone)),
      store_(std::move(store)),
      clock_(clock),
      rtsp_hosts_(std::make_shared<media::led::RtspHostPool>(executor)),
      watcher_(executor, *store_, [this] { refreshAll(); }) {
  addStatusRoutes(router_, StatusSources{[this] { return channelStates(); }, [this] { return config_->station.name; },
                                         *store_, zone_, clock_, clock_.now()});
}

Station::~Station() { stop(); }

Status Station::buildRunners() {
  for (const auto& channel : config_->channels) {
    auto runner = ChannelRunner::create(executor_, config_, channel, *store_, zone_, clock_, rtsp_hosts_);
    if (!runner)
      return makeError(runner.error().kind == ErrorKind::kConflict ? ErrorKind::kConflict : ErrorKind::kIo,
                       fmt::format("channel {}: {}", channel.id, runner.error().message));
    runners_.push_back(std::move(*runner));
  }
  return okStatus();
}

Status Station::start() {
  started_ = clock_.now();
  std::optional<SysMillis> last_alive;
  if (previous_run_ && !previous_run_->stopped) {
    last_alive = previous_run_->alive;
    spdlog::warn("the last run (pid {}) did not stop cleanly; last alive {}", previous_run_->pid,
                 zone_.formatIso(previous_run_->alive));
  }
  AsRunRecorder::recoverInterrupted(*store_, last_alive);
  auto run = store_->daemonRuns().begin(static_cast<int>(::getpid()), started_);
  if (!run) return makeError(ErrorKind::kIo, run.error().message);
  run_id_ = *run;
  for (auto& runner : runners_)
    if (auto started = runner->start(true); !started)
      return makeError(ErrorKind::kIo, fmt::format("channel {}: {}", runner->channel().id, started.error().message));
  api_->start();
  watcher_.start();
  heartbeat_ = std::make_unique<Heartbeat>(executor_, *store_, run_id_, clock_, notifier_);
  heartbeat_->start();
  std::string status = fmt::format("{} channel(s) on air; API on {}", runners_.size(), config_->apiSocket().string());
  spdlog::info("{}: {}", config_->station.name, status);
  notifier_.ready(status);
  return okStatus();
}

void Station::reload(StationConfig config) {
  notifier_.reloading();
  auto next = std::make_shared<const StationConfig>(std::move(config));
  if (next->station.timezone != config_->station.timezone || next->station.data_dir != config_->station.data_dir)
    spdlog::warn("reload: the time zone and the data directory change only with a restart");
  // Channels whose definition is unchanged keep playing; the others go off
  // air first (their channel lock is released before a new runner takes it).
  std::vector<std::unique_ptr<ChannelRunner>> kept;
  for (auto& runner : runners_) {
    const Channel* same = next->findChannel(runner->channel().id);
    if (same && *same == runner->channel()) {
      runner->adopt(next, *same);
      kept.push_back(std::move(runner));
    } else {
      runner->stop("the channel was changed or removed by a config reload");
    }
  }
  runners_.clear();
  for (const auto& channel : next->channels) {
    bool running = std::any_of(kept.begin(), kept.end(), [&](const auto& r) { return r->channel().id == channel.id; });
    if (running) continue;
    auto runner = ChannelRunner::create(executor_, next, channel, *store_, zone_, clock_, rtsp_hosts_);
    if (!runner) {
      spdlog::error("reload: channel {}: {}", channel.id, runner.error().message);
      continue;
    }
    if (auto started = (*runner)->start(false); !started) {
      spdlog::error("reload: channel {}: {}", channel.id, started.error().message);
      continue;
    }
    spdlog::info("reload: channel {} (re)built", channel.id);
    kept.push_back(std::move(*runner));
  }
  runners_ = std::move(kept);
  config_ = next;
  notifier_.ready(fmt::format("reloaded; {} channel(s) on air", runners_.size()));
}

void Station::stop() {
  if (run_id_ == 0 && runners_.empty() && !api_) return;
  notifier_.stopping();
  watcher_.stop();
  if (heartbeat_) heartbeat_->stop();
  if (api_) api_->stop();
  for (auto& runner : runners_) runner->stop("wardcastd stopped");
  runners_.clear();
  if (run_id_ != 0) {
    if (auto stopped = store_->daemonRuns().stopped(run_id_, clock_.now()); !stopped)
      spdlog::warn("{}", stopped.error().message);
    run_id_ = 0;
  }
}

void Station::refreshAll() {
  for (auto& runner : runners_) runner->refresh();
}

std::vector<ChannelState> Station::channelStates() const {
  std::vector<ChannelState> out;
  for (const auto& runner : runners_) out.push_back(runner->state());
  return out;
}

}  // namespace wardcast::daemon
