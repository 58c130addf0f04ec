#include "daemon/as_run_recorder.hpp"

#include <spdlog/spdlog.h>

namespace wardcast::daemon {

using playout::PlayoutEvent;

AsRunRecorder::~AsRunRecorder() { flush(); }

void AsRunRecorder::flush() {
  flush_timer_.cancel();
  auto writes = std::move(pending_);
  pending_.clear();
  for (auto& write : writes) write();
}

void AsRunRecorder::later(std::function<void()> write) {
  pending_.push_back(std::move(write));
  if (pending_.size() > 1) return;  // the timer is set
  flush_timer_.expires_after(kWriteDelay);
  flush_timer_.async_wait([this, alive = std::weak_ptr<int>(alive_)](const boost::system::error_code& ec) {
    if (!ec && !alive.expired()) flush();
  });
}

void AsRunRecorder::append(AsRunEntry entry) {
  later([this, entry = std::move(entry)] {
    if (auto id = store_.asRunLog().append(entry); !id) spdlog::warn("as-run log: {}", id.error().message);
  });
}

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
    append(std::move(e));
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
    auto opened = std::make_shared<std::optional<std::int64_t>>();
    later([this, e, opened] {
      auto id = store_.asRunLog().open(e);
      if (!id) spdlog::warn("as-run log: {}", id.error().message);
      else *opened = *id;
    });
    open_ = opened;
    on_air_ = OnAir{event.item_id, event.at, event.planned, std::nullopt};
    if (event.planned) expected_.erase({event.item_id, *event.planned});
  } else if (event.kind == K::kItemEnded) {
    if (open_)
      later([this, opened = open_, at = event.at] {
        if (*opened) warnIfFailed(store_.asRunLog().close(**opened, at, AsRunStatus::kPlayed), "closing");
      });
    open_.reset();
    on_air_.reset();
  } else if (event.kind == K::kItemFailed) {
    AsRunEntry e = entryFor(event.item_id, event.planned);
    e.start = event.planned.value_or(event.at);
    e.end = event.at;
    e.status = AsRunStatus::kFailed;
    e.reason = event.message;
    append(std::move(e));
    if (event.planned) expected_.erase({event.item_id, *event.planned});
  }
}

void AsRunRecorder::interrupt(SysMillis at, const std::string& reason) {
  if (!open_) return;
  later([this, opened = open_, at, reason] {
    if (*opened) warnIfFailed(store_.asRunLog().close(**opened, at, AsRunStatus::kInterrupted, reason), "closing");
  });
  open_.reset();
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
