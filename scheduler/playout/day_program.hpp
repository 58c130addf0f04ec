#pragma once
// What a channel has to play: the entries of its program log for one local
// day that are still ahead at `now`, each resolved to something a program
// can play, and every entry left out with its reason. Shared by `wardcast
// play --date` and the daemon; it reads the store and prints nothing.
//
// The late-start policy: an entry already over is left out; an entry in
// progress is left out too (a bulletin heard from its middle is no use),
// unless it began at most kLateStartGrace ago: then it starts at once, from
// its beginning. A relay (another station's live stream) is joined in its
// middle for what is left of its span.
#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "config/station_config.hpp"
#include "content/store.hpp"
#include "media/program_item.hpp"
#include "util/civil_time.hpp"
#include "util/result.hpp"

namespace wardcast::playout {

constexpr std::chrono::seconds kLateStartGrace{2};

// One entry to put on air at `start` (station clock).
struct PlayoutEntry {
  SysMillis start{};
  media::ProgramItem item;
  // The program log entry it comes from (dayProgram()); none for items
  // played at once. The daemon's as-run records name it.
  std::optional<PlannedEntry> planned;
};

// An entry of the program log that will not air, and why.
struct SkippedEntry {
  enum class Reason {
    kNotAnItem = 1,  // an ident or another kind that names no item
    kOver,           // ended before now
    kInProgress,     // began more than kLateStartGrace ago
    kCannotPlay,     // the item or relay cannot be played (message says why)
  };
  std::string item;  // the entry's item id; "relay", or the entry's kind when it names no item
  SysMillis start{};
  Reason reason = Reason::kOver;
  std::string message;  // a sentence, e.g. "already over"
  std::int64_t planned_id = 0;  // the program log entry
  EntryKind kind = EntryKind::kBulletin;
  SysMillis end{};
};

struct DayProgram {
  std::vector<PlayoutEntry> entries;  // in order of start
  std::vector<SkippedEntry> skipped;
};

// The approved item `id` as `channel` plays it: its audio on a loudspeaker
// channel, its video on an LED screen. Fails with a sentence when the item
// does not exist, is not approved, or has nothing the channel can play.
Result<media::ProgramItem> playableItem(Store& store, const Channel& channel, const std::string& id);

// The entries of `channel` planned on local `date` that are left to play at
// `now`. Relay sources given as relative file: paths are relative to
// `relay_base` (the station file's folder). Fails when nothing is planned
// that day; an empty `entries` with skips is a result, not an error.
Result<DayProgram> dayProgram(Store& store, const TimeZone& zone, const Channel& channel, Date date,
                              SysMillis now, const std::filesystem::path& relay_base);

}  // namespace wardcast::playout
