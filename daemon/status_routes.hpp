#pragma once
// The routes wardcastd answers since the daemon issue (SPEC §9):
//   GET /healthz          "ok" while the loop runs (open to anyone)
//   GET /api/v1/status    every channel: on air now, next, outputs' health
//   GET /api/v1/as-run    ?date=YYYY-MM-DD&channel=ID: the day's as-run log
// They read through narrow sources and never touch a pipeline.
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "content/store.hpp"
#include "daemon/api_router.hpp"
#include "daemon/channel_runner.hpp"
#include "util/wall_clock.hpp"

namespace wardcast::daemon {

struct StatusSources {
  std::function<std::vector<ChannelState>()> channels;
  std::function<std::string()> station_name;
  Store& store;
  const TimeZone& zone;
  const WallClock& clock;
  SysMillis started{};
};

// The status is read by every local user and the console: an output's
// password ("icecast://source:secret@host/m") is shown as "***".
std::string withoutPassword(const std::string& uri);

nlohmann::json statusJson(const StatusSources& sources);
void addStatusRoutes(ApiRouter& router, StatusSources sources);

}  // namespace wardcast::daemon
