#include "daemon/as_run_view.hpp"

#include <fmt/format.h>

namespace wardcast::daemon {

Result<nlohmann::json> asRunJson(Store& store, const TimeZone& zone, Date date,
                                 const std::optional<std::string>& channel) {
  SysMillis from = zone.toInstant(date, MinuteOfDay(0));
  SysMillis to = zone.toInstant(date, MinuteOfDay(24 * 60));
  auto records = store.asRunLog().range(from, to, channel);
  if (!records) return records.error();
  nlohmann::json out{{"date", formatDate(date)}, {"timezone", zone.name()}, {"records", nlohmann::json::array()}};
  for (const auto& r : *records) {
    nlohmann::json row{{"id", r.id},
                       {"channel", r.channel},
                       {"kind", toString(r.kind)},
                       {"item", r.item},
                       {"topic", r.topic},
                       {"campaign", r.campaign},
                       {"start", zone.formatIso(r.start, true)},
                       {"end", zone.formatIso(r.end, true)},
                       {"status", toString(r.status)},
                       {"reason", r.reason}};
    row["planned_id"] = r.planned_id ? nlohmann::json(*r.planned_id) : nlohmann::json(nullptr);
    if (r.offset.count() != 0) row["offset_ms"] = r.offset.count();
    out["records"].push_back(std::move(row));
  }
  return out;
}

std::string asRunText(const nlohmann::json& as_run) {
  std::string out;
  for (const auto& r : as_run.at("records")) {
    // "2026-05-01T06:00:00.012+07:00" -> "06:00:00.012"
    auto clock = [](const nlohmann::json& t) { return t.get<std::string>().substr(11, 12); };
    std::string what = r.at("item").get<std::string>();
    if (what.empty()) what = r.at("kind").get<std::string>();
    out += fmt::format("{}–{}  {:<10} {:<8} {}", clock(r.at("start")), clock(r.at("end")),
                       r.at("channel").get<std::string>(), what, r.at("status").get<std::string>());
    if (!r.at("reason").get<std::string>().empty()) out += " (" + r.at("reason").get<std::string>() + ")";
    out += "\n";
  }
  if (out.empty()) out = "nothing in the as-run log on " + as_run.at("date").get<std::string>() + "\n";
  return out;
}

}  // namespace wardcast::daemon
