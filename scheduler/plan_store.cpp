#include "scheduler/plan_store.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "scheduler/planner.hpp"
#include "scheduler/quota_period.hpp"
#include "scheduler/relay_entries.hpp"
#include "scheduler/window_instances.hpp"

namespace wardcast::planner {
namespace {

EntryKind entryKind(ItemMedia media) { return media == ItemMedia::kVideo ? EntryKind::kClip : EntryKind::kBulletin; }

PlanEntry toPlanEntry(const PlannedEntry& e, const TimeZone& zone, EntryOrigin origin) {
  PlanEntry out;
  out.channel = e.channel;
  out.start_ms = toMillis(e.start);
  out.end_ms = toMillis(e.end);
  out.day = toDayNumber(zone.localDate(e.start));
  out.item = e.item;
  out.topic = e.topic;
  out.campaign = e.campaign;
  out.media = e.kind == EntryKind::kClip ? ItemMedia::kVideo : ItemMedia::kAudio;
  out.origin = origin;
  out.window = e.window;
  return out;
}

PlannedEntry toPlannedEntry(const PlanEntry& e, EntryKind kind) {
  PlannedEntry out;
  out.channel = e.channel;
  out.start = fromMillis(e.start_ms);
  out.end = fromMillis(e.end_ms);
  out.kind = kind;
  out.item = e.item;
  out.topic = e.topic;
  out.campaign = e.campaign;
  out.pinned = false;
  out.window = e.window;
  return out;
}

// Approved items of the campaign's topics valid somewhere in the range,
// with the last time each aired (as-run log of the past year).
Result<std::vector<PlanItem>> loadItems(Store& store, const Campaign& campaign, const ApplyRequest& request,
                                        const TimeZone& zone) {
  auto items = store.items().approvedValidBetween(request.from, request.to);
  if (!items) return items.error();
  auto aired = store.asRunLog().range(request.now - std::chrono::days(366), request.now);
  if (!aired) return aired.error();
  std::map<std::string, Millis> last;
  for (const AsRunEntry& a : *aired)
    if (a.status == AsRunStatus::kPlayed) last[a.item] = std::max(last[a.item], toMillis(a.start));
  (void)zone;
  std::vector<PlanItem> out;
  for (const Item& item : *items) {
    bool ours = std::any_of(campaign.topics.begin(), campaign.topics.end(),
                            [&](const Topic& t) { return t.id == item.topic_id; });
    if (!ours || item.duration().count() <= 0) continue;
    PlanItem p;
    p.id = item.id;
    p.topic = item.topic_id;
    p.media = item.kind == ItemKind::kClip ? ItemMedia::kVideo : ItemMedia::kAudio;
    p.duration_ms = item.duration().count();
    if (item.valid_from) p.valid_from = toDayNumber(*item.valid_from);
    if (item.valid_to) p.valid_to = toDayNumber(*item.valid_to);
    if (auto it = last.find(item.id); it != last.end()) p.last_aired_ms = it->second;
    out.push_back(std::move(p));
  }
  return out;
}

Status saveShortfalls(const std::filesystem::path& data_dir, const std::string& campaign_id,
                      const std::vector<Shortfall>& shortfalls) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const Shortfall& s : shortfalls)
    list.push_back({{"topic", s.topic}, {"target", s.target}, {"period", s.period}, {"required", s.required},
                    {"scheduled", s.scheduled}, {"reason", toString(s.reason)}});
  std::filesystem::path file = shortfallsFile(data_dir, campaign_id);
  std::error_code ec;
  std::filesystem::create_directories(file.parent_path(), ec);
  std::filesystem::path tmp = file;
  tmp += ".tmp";
  {
    std::ofstream out(tmp);
    out << list.dump(2) << "\n";
    if (!out) return makeError(ErrorKind::kIo, fmt::format("{}: cannot write", tmp.string()));
  }
  std::filesystem::rename(tmp, file, ec);
  if (ec) return makeError(ErrorKind::kIo, fmt::format("{}: {}", file.string(), ec.message()));
  return okStatus();
}

}  // namespace

std::filesystem::path shortfallsFile(const std::filesystem::path& data_dir, const std::string& campaign_id) {
  return data_dir / "plan" / ("shortfalls-" + campaign_id + ".json");
}

std::vector<Shortfall> loadShortfalls(const std::filesystem::path& data_dir) {
  std::vector<Shortfall> out;
  std::error_code ec;
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(data_dir / "plan", ec))
    if (entry.path().filename().string().rfind("shortfalls-", 0) == 0) files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    std::ifstream in(file);
    auto list = nlohmann::json::parse(in, nullptr, false);
    if (!list.is_array()) continue;
    for (const auto& s : list) {
      Shortfall sf;
      sf.topic = s.value("topic", "");
      sf.target = s.value("target", "");
      sf.period = s.value("period", "");
      sf.required = s.value("required", 0);
      sf.scheduled = s.value("scheduled", 0);
      std::string reason = s.value("reason", "");
      for (auto r : {ShortfallReason::kNoItem, ShortfallReason::kWindowsFull, ShortfallReason::kNoWindows,
                     ShortfallReason::kMinGap})
        if (reason == toString(r)) sf.reason = r;
      out.push_back(std::move(sf));
    }
  }
  return out;
}

Result<ApplyReport> applyCampaign(Store& store, const StationConfig& station, const Campaign& campaign,
                                  const ApplyRequest& request) {
  auto zone = TimeZone::load(station.station.timezone);
  if (!zone) return zone.error();
  if (Status saved = store.campaigns().save(campaign, request.actor); !saved) return saved.error();

  PlanInput input;
  input.campaign = campaign;
  input.first_day = toDayNumber(request.from);
  input.last_day = toDayNumber(request.to);
  input.now_ms = toMillis(request.now);
  input.channels = buildPlanChannels(station, *zone, input.first_day, input.last_day);
  auto items = loadItems(store, campaign, request, *zone);
  if (!items) return items.error();
  input.items = std::move(*items);

  SysMillis range_start = zone->toInstant(request.from, MinuteOfDay{0});
  SysMillis range_end = zone->toInstant(toDate(input.last_day + 1), MinuteOfDay{0});
  auto existing = store.programLog().range(range_start, range_end);
  if (!existing) return existing.error();
  std::vector<PlannedEntry> carried;  // other campaigns' future entries: written back
  for (const PlannedEntry& e : *existing) {
    bool future_relay = e.kind == EntryKind::kRelay && !e.pinned && e.start >= request.now;
    if (future_relay) continue;  // made again below, around the new plan
    if (e.pinned) input.fixed.push_back(toPlanEntry(e, *zone, EntryOrigin::kPinned));
    else if (e.start < request.now) input.fixed.push_back(toPlanEntry(e, *zone, EntryOrigin::kKept));
    else if (e.campaign != campaign.id) {
      input.fixed.push_back(toPlanEntry(e, *zone, EntryOrigin::kKept));
      carried.push_back(e);
    }
  }

  ApplyReport report;
  report.result = planSchedule(input);
  std::vector<PlannedEntry> write = carried;
  for (const PlanEntry& e : report.result.entries)
    if (e.origin == EntryOrigin::kPlanned) write.push_back(toPlannedEntry(e, entryKind(e.media)));
  report.planned_entries = write.size() - carried.size();
  // What is on air: every entry of the result (pins, the past, other
  // campaigns' entries and the new plays); relays fill around them.
  std::vector<PlannedEntry> on_air;
  for (const PlanEntry& e : report.result.entries) on_air.push_back(toPlannedEntry(e, entryKind(e.media)));
  std::vector<PlannedEntry> relays = relayEntries(station, *zone, request.from, request.to, request.now, on_air);
  report.relay_entries = relays.size();
  write.insert(write.end(), relays.begin(), relays.end());
  SysMillis replace_from = std::max(range_start, request.now);
  if (Status written = store.programLog().replaceRange(replace_from, range_end, write, request.actor); !written)
    return written.error();
  if (Status kept = saveShortfalls(store.dataDir(), campaign.id, report.result.shortfalls); !kept)
    return kept.error();
  return report;
}

}  // namespace wardcast::planner
