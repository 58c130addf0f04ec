#include "daemon/status_routes.hpp"

#include <unistd.h>

#include "daemon/as_run_view.hpp"

namespace wardcast::daemon {
namespace {

namespace http = boost::beast::http;
using nlohmann::json;

}  // namespace

std::string withoutPassword(const std::string& uri) {
  auto scheme_end = uri.find("://");
  if (scheme_end == std::string::npos) return uri;
  auto authority = scheme_end + 3;
  auto at = uri.find('@', authority);
  auto slash = uri.find('/', authority);
  if (at == std::string::npos || (slash != std::string::npos && slash < at)) return uri;
  auto colon = uri.find(':', authority);
  if (colon == std::string::npos || colon > at) return uri;
  return uri.substr(0, colon + 1) + "***" + uri.substr(at);
}

namespace {

json channelJson(const ChannelState& c, const TimeZone& zone) {
  json out{{"id", c.id},
           {"name", c.name},
           {"kind", c.kind == ChannelKind::kLed ? "led" : "loudspeaker"},
           {"path", c.path},
           {"status", std::string(media::toString(c.status))},
           {"dead_air", c.dead_air},
           {"on_air", nullptr},
           {"next", nullptr},
           {"outputs", json::array()}};
  if (c.on_air) {
    out["on_air"] = {{"item", c.on_air->item}, {"since", zone.formatIso(c.on_air->since, true)}};
    if (c.on_air->planned) {
      out["on_air"]["planned"] = zone.formatIso(*c.on_air->planned, true);
      out["on_air"]["late_ms"] = (c.on_air->since - *c.on_air->planned).count();
    }
  }
  if (c.next) out["next"] = {{"item", c.next->item.id}, {"start", zone.formatIso(c.next->start, true)}};
  for (const auto& [uri, state] : c.outputs)
    out["outputs"].push_back(
        {{"uri", withoutPassword(uri)}, {"up", state.up}, {"message", state.message}, {"since", zone.formatIso(state.since, true)}});
  if (!c.last_error.empty()) out["error"] = c.last_error;
  return out;
}

ApiResponse asRunRoute(const StatusSources& sources, const ApiRequest& request) {
  Date date = sources.zone.localDate(sources.clock.now());
  if (auto it = request.query.find("date"); it != request.query.end()) {
    auto parsed = parseDate(it->second);
    if (!parsed) return jsonError(400, "date " + it->second + " is not a date (YYYY-MM-DD)", "date");
    date = *parsed;
  }
  std::optional<std::string> channel;
  if (auto it = request.query.find("channel"); it != request.query.end()) channel = it->second;
  auto body = asRunJson(sources.store, sources.zone, date, channel);
  if (!body) return jsonError(500, body.error().message);
  return ApiResponse{200, "application/json", body->dump()};
}

}  // namespace

json statusJson(const StatusSources& sources) {
  json out{{"station", sources.station_name()},
           {"timezone", sources.zone.name()},
           {"now", sources.zone.formatIso(sources.clock.now(), true)},
           {"started", sources.zone.formatIso(sources.started, true)},
           {"pid", static_cast<int>(::getpid())},
           {"channels", json::array()}};
  for (const auto& channel : sources.channels()) out["channels"].push_back(channelJson(channel, sources.zone));
  return out;
}

void addStatusRoutes(ApiRouter& router, StatusSources sources) {
  router.add(http::verb::get, "/healthz", "liveness: ok while the daemon's loop runs",
             [](const ApiRequest&) { return ApiResponse{200, "text/plain", "ok\n"}; });
  router.add(http::verb::get, "/api/v1/status", "every channel: on air now, next, outputs' health",
             [sources](const ApiRequest&) { return ApiResponse{200, "application/json", statusJson(sources).dump()}; });
  router.add(http::verb::get, "/api/v1/as-run", "the as-run log of a local day (?date=, ?channel=)",
             [sources](const ApiRequest& request) { return asRunRoute(sources, request); });
}

}  // namespace wardcast::daemon
