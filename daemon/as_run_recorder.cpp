#include "daemon/as_run_recorder.hpp"

#include <spdlog/spdlog.h>

namespace wardcast::daemon {

using playout::PlayoutEvent;

void AsRunRecorder::expect(const std::vector<playout::PlayoutEntry>& entries) {
  // Entries that left the schedule unaired (unpinned, replanned) are
  // forgotten a day after their start.
  if (!entries.empty())
    std::erase_if(expected_, [&](const auto& kv) { return kv.first.second < entries.front().start - std::chrono::hours(24); });
  for (const auto& entry : entries)
    if (entry.planned) expected_[{entry.item.id, entry.start}] = *entry.planned;
}

void AsRunRecorder::skipped(const std::vector<playout::SkippedEntry>& entries, AsRunStatus status,
                            const std::string& why) {
  for (const auto& skip : entries) {
    if (skip.planned_id == 0 || !recorded_skips_.insert(skip.planned_id).second) continue;
    AsRunEntry e;
    e.channel = channel_;
    e.planned_id = skip.planned_id;
    e.kind = skip.kind;
    e.item = skip.kind == EntryKind::kRelay ? "" : skip.item;
    e.start = skip.start;
    e.end = skip.start;
    e.status = status;
    e.reason = why.empty() ? skip.message : why + ": " + skip.message;
    if (auto id = store_.asRunLog().append(e); !id) spdlog::warn("as-run log: {}", id.error().message);
  }
}

AsRunEntry AsRunRecorder::entryFor(const std::string& item, std::optional<SysMillis> planned) const {
  AsRunEntry e;
  e.channel = channel_;
  e.item = item;
  e.kind = itemKindOfId(item) == ItemKind::kClip ? EntryKind::kClip : EntryKind::kBulletin;
  if (!planned) return e;
  auto it = expected_.find({item, *planned});
  if (it == expected_.end()) return e;
  e.planned_id = it->second.id;
  e.kind = it->second.kind;
  e.topic = it->second.topic;
  e.campaign = it->second.campaign;
  return e;
}

void AsRunRecorder::record(const PlayoutEvent& event) {
  using K = PlayoutEvent::Kind;
  if (event.kind == K::kItemStarted) {
    interrupt(event.at, "another item started");  // never two open at once
    AsRunEntry e = entryFor(event.item_id, event.planned);
    e.start = event.at;
    e.end = event.at;
    auto id = store_.asRunLog().open(e);
    if (!id) spdlog::warn("as-run log: {}", id.error().message);
    else open_id_ = *id;
    on_air_ = OnAir{event.item_id, event.at, event.planned, std::nullopt};
    if (event.planned) expected_.erase({event.item_id, *event.planned});
  } else if (event.kind == K::kItemEnded) {
    if (open_id_) warnIfFailed(store_.asRunLog().close(*open_id_, event.at, AsRunStatus::kPlayed), "closing");
    open_id_.reset();
    on_air_.reset();
  } else if (event.kind == K::kItemFailed) {
    AsRunEntry e = entryFor(event.item_id, event.planned);
    e.start = event.planned.value_or(event.at);
    e.end = event.at;
    e.status = AsRunStatus::kFailed;
    e.reason = event.message;
    if (auto id = store_.asRunLog().append(e); !id) spdlog::warn("as-run log: {}", id.error().message);
    if (event.planned) expected_.erase({event.item_id, *event.planned});
  }
}

void AsRunRecorder::interrupt(SysMillis at, const std::string& reason) {
  if (!open_id_) return;
  warnIfFailed(store_.asRunLog().close(*open_id_, at, AsRunStatus::kInterrupted, reason), "closing");
  open_id_.reset();
  on_air_.reset();
}

void AsRunRecorder::warnIfFailed(const Status& status, const char* doing) const {
  if (!status) spdlog::warn("as-run log ({} a record on {}): {}", doing, channel_, status.error().message);
}

void AsRunRecorder::recoverInterrupted(Store& store, std::optional<SysMillis> last_alive) {
  auto open = store.asRunLog().openRecords();
  if (!open) return spdlog::warn("as-run log: {}", open.error().message);
  for (const auto& record : *open) {
    SysMillis end = std::max(record.start, last_alive.value_or(record.start));
    auto closed = store.asRunLog().close(record.id, end, AsRunStatus::kInterrupted,
                                         "wardcastd stopped unexpectedly (crash or kill) while it aired");
    if (!closed) spdlog::warn("as-run log: {}", closed.error().message);
    else spdlog::info("as-run: {} on {} was cut off by the last run's end", record.item, record.channel);
  }
}

}  // namespace wardcast::daemon
