#pragma once
// The planner's own input and output values (docs/planner.md). The planner
// (scheduler/planner.hpp) is a pure function of a PlanInput: no database, no
// clock, no time-zone lookups. The glue (scheduler/plan_store.hpp) builds a
// PlanInput from the station file, the campaign and the store, and writes a
// PlanResult back to the program log.
//
// Units: instants are UTC milliseconds since the epoch (int64); "days" are
// the station's local calendar days counted from 1970-01-01 (sys_days), so
// that periods (day, ISO week, month, quarter) follow the local calendar.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "config/station_config.hpp"
#include "content/plan_import/campaign.hpp"
#include "util/civil_time.hpp"

namespace wardcast::planner {

using Millis = std::int64_t;  // UTC instant or duration, in milliseconds

// Between the store's instants (util/civil_time.hpp) and the planner's.
inline Millis toMillis(SysMillis t) { return t.time_since_epoch().count(); }
inline SysMillis fromMillis(Millis t) { return SysMillis(std::chrono::milliseconds(t)); }
using DayNumber = std::int32_t;  // local calendar day, days since 1970-01-01

// One occurrence of a declared window on one channel, e.g. "morning" of
// 2026-05-01 on channel "to-3": [start_ms, end_ms).
struct WindowInstance {
  std::string window_id;
  DayNumber day = 0;  // local date the window opens on
  Millis start_ms = 0;
  Millis end_ms = 0;
};

struct PlanChannel {
  std::string id;
  ChannelKind kind = ChannelKind::kLoudspeaker;
  std::vector<std::string> groups;
  std::vector<WindowInstance> windows;  // any order; the planner sorts
};

// Which channels can play an item: audio (bulletins) airs on loudspeakers,
// video (clips) on LED screens.
enum class ItemMedia { kAudio = 1, kVideo };

// An approved item the planner may place.
struct PlanItem {
  std::string id;     // "b12", "c3"
  std::string topic;  // topic id
  ItemMedia media = ItemMedia::kAudio;
  Millis duration_ms = 0;  // real duration, > 0
  DayNumber valid_from = INT32_MIN;  // first local day it may air
  DayNumber valid_to = INT32_MAX;    // last local day it may air (inclusive)
  std::optional<Millis> last_aired_ms;  // none = never aired (goes first)
};

enum class EntryOrigin {
  kPlanned = 1,  // placed by this run
  kPinned,       // put at a fixed time by staff; never moved
  kKept,         // a past entry (starts before PlanInput::now_ms); never moved
};

// An entry of the schedule. Fixed entries (pins, the past) are given in the
// input with origin kPinned / kKept and come back unchanged in the output.
struct PlanEntry {
  std::string channel;
  Millis start_ms = 0;
  Millis end_ms = 0;
  DayNumber day = 0;  // local day it starts on (the caller sets it on fixed entries)
  std::string item;
  std::string topic;     // empty when none
  std::string campaign;  // empty when none
  ItemMedia media = ItemMedia::kAudio;
  EntryOrigin origin = EntryOrigin::kPlanned;
  std::string window;  // window id the entry lies in; empty for pins outside
};

struct PlanInput {
  Campaign campaign;        // topics, priorities, quotas (SPEC §3)
  DayNumber first_day = 0;  // range to plan, inclusive, local days
  DayNumber last_day = 0;
  Millis now_ms = INT64_MIN;  // nothing is placed before this instant
  std::vector<PlanChannel> channels;
  std::vector<PlanItem> items;        // approved items of the campaign's topics
  std::vector<PlanEntry> fixed;       // pins and past entries (count towards quotas)
};

enum class ShortfallReason {
  kNoItem = 1,     // no approved item of the topic is valid then
  kWindowsFull,    // the windows have no room left for it
  kNoWindows,      // the target has no (allowed) windows in the period
  kMinGap,         // min_gap between plays cannot be kept
};

// Plays a quota asked for in one period on one target that were not placed.
struct Shortfall {
  std::string topic;
  std::string target;  // a channel id (also for kind: targets), or "group:NAME"
  std::string period;  // "2026-05-01", "2026-W19", "2026-05", "2026-Q2", "campaign"
  int required = 0;
  int scheduled = 0;
  ShortfallReason reason = ShortfallReason::kWindowsFull;
};

struct PlanStats {
  std::int64_t plays_required = 0;  // demanded by quotas, fixed plays deducted
  std::int64_t plays_placed = 0;    // planned entries (origin kPlanned)
  // Max-flow upper bound on plays_placed (docs/planner.md, "The bound").
  std::int64_t bound = 0;
  std::int64_t group_bound = 0;     // part of `bound` from group targets
  int units_planned = 0;            // planning units solved (groups and channels)
  int units_copied = 0;             // channel units copied from an identical one (unit_memo.hpp)
  int units_exact = 0;              // units solved to optimality as integer programs (exact_packing.hpp)
};

struct PlanResult {
  std::vector<PlanEntry> entries;  // fixed + planned, by channel then start
  std::vector<Shortfall> shortfalls;  // by topic, target, period
  PlanStats stats;
};

const char* toString(ShortfallReason reason);
const char* toString(EntryOrigin origin);

}  // namespace wardcast::planner
