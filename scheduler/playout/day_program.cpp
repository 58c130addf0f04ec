#include "scheduler/playout/day_program.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace wardcast::playout {
namespace {

using Reason = SkippedEntry::Reason;

bool namesItem(EntryKind kind) { return kind == EntryKind::kBulletin || kind == EntryKind::kClip; }

// The relay entry from `now` (or its start) to its end.
Result<media::ProgramItem> relayFromNow(const PlannedEntry& entry, SysMillis now,
                                        const std::filesystem::path& relay_base) {
  SysMillis start = std::max(entry.start, now);
  return media::relayItem(entry.item, entry.end - start, relay_base);
}

// The asset's file is where the store says, with the size it had when it
// was ingested: a file deleted or replaced after approval must not air (nor
// leave silence in its place: the entry is skipped and logged). A stat, so
// that every refresh can afford it; the SHA-256 is not recomputed here.
Status assetUnchanged(const std::string& id, const AssetInfo& asset, const std::filesystem::path& data_dir) {
  std::filesystem::path file = data_dir / asset.relative_path;
  std::error_code ec;
  auto size = std::filesystem::file_size(file, ec);
  if (ec)
    return makeError(ErrorKind::kNotFound,
                     fmt::format("item {}: its file {} cannot be read ({})", id, asset.relative_path, ec.message()));
  if (size != asset.size_bytes)
    return makeError(ErrorKind::kInvalidInput,
                     fmt::format("item {}: its file {} has changed since it was stored ({} bytes, not {})", id,
                                 asset.relative_path, size, asset.size_bytes));
  return okStatus();
}

}  // namespace

Result<media::ProgramItem> playableItem(Store& store, const Channel& channel, const std::string& id) {
  auto item = store.items().get(id);
  if (!item) return item.error();
  if (item->state != ItemState::kApproved)
    return makeError(ErrorKind::kInvalidInput,
                     fmt::format("item {} is {}, not approved: only approved items go on air", id,
                                 toString(item->state)));
  if (channel.kind == ChannelKind::kLed) {
    if (item->asset.kind != AssetKind::kVideo && item->asset.kind != AssetKind::kImage)
      return makeError(ErrorKind::kInvalidInput,
                       fmt::format("item {} has no picture to show on LED screen {}", id, channel.id));
  } else if (item->asset.kind != AssetKind::kAudio && item->asset.audio_codec.empty()) {
    return makeError(ErrorKind::kInvalidInput,
                     fmt::format("item {} has no audio to play on a loudspeaker channel", id));
  }
  if (auto present = assetUnchanged(id, item->asset, store.dataDir()); !present) return present.error();
  return media::itemFromAsset(id, item->asset, store.dataDir());
}

Result<DayProgram> dayProgram(Store& store, const TimeZone& zone, const Channel& channel, Date date,
                              SysMillis now, const std::filesystem::path& relay_base) {
  SysMillis from = zone.toInstant(date, MinuteOfDay(0));
  SysMillis to = zone.toInstant(date, MinuteOfDay(24 * 60));
  auto planned = store.programLog().range(from, to, channel.id);
  if (!planned) return planned.error();
  if (planned->empty())
    return makeError(ErrorKind::kNotFound, fmt::format("nothing planned on {} for {}", formatDate(date), channel.id));
  DayProgram day;
  auto skip = [&](const PlannedEntry& entry, Reason reason, std::string message) {
    std::string what = entry.kind == EntryKind::kRelay ? "relay" : entry.item;
    if (reason == Reason::kNotAnItem) what = std::string(toString(entry.kind));
    day.skipped.push_back(
        SkippedEntry{what, entry.start, reason, std::move(message), entry.id, entry.kind, entry.end});
  };
  for (const auto& entry : *planned) {
    bool relay = entry.kind == EntryKind::kRelay;
    if (!relay && !namesItem(entry.kind)) {
      skip(entry, Reason::kNotAnItem, "not an item");
    } else if (entry.end <= now) {
      skip(entry, Reason::kOver, "already over");
    } else if (relay) {
      auto item = relayFromNow(entry, now, relay_base);
      if (!item) skip(entry, Reason::kCannotPlay, item.error().message);
      else day.entries.push_back(PlayoutEntry{std::max(entry.start, now), std::move(*item), entry});
    } else if (entry.start + kLateStartGrace < now) {
      skip(entry, Reason::kInProgress, "in progress (a bulletin is not joined in its middle)");
    } else if (auto item = playableItem(store, channel, entry.item); !item) {
      skip(entry, Reason::kCannotPlay, item.error().message);
    } else {
      day.entries.push_back(PlayoutEntry{entry.start, std::move(*item), entry});
    }
  }
  return day;
}

}  // namespace wardcast::playout
