#pragma once
// The content model: plain values the store reads and writes (users, items,
// program and as-run log entries, audit entries). The campaign, topic and
// quota values are in content/plan_import/campaign.hpp; assets in
// content/asset.hpp. Times are UTC instants in milliseconds (SysMillis);
// validity dates are the station's local calendar days.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "content/asset.hpp"
#include "util/civil_time.hpp"

namespace wardcast {

// SPEC §8: editor writes bulletins, approver approves (not their own),
// operator makes live announcements and emergencies, admin manages users
// and config.
enum class Role { kEditor = 1, kApprover, kOperator, kAdmin };

struct User {
  std::string name;
  Role role = Role::kEditor;
  bool has_password = false;
  SysMillis created{};
};

enum class ItemKind { kBulletin = 1, kClip };
enum class ItemState { kDraft = 1, kApproved, kRejected };

// A bulletin or a clip. Its id is "b<N>" or "c<N>" and is never reused.
struct Item {
  std::string id;
  ItemKind kind = ItemKind::kBulletin;
  std::string topic_id;
  std::string title;
  std::optional<std::string> text;  // bulletins made by TTS keep their text
  std::optional<std::string> source_file;  // name of the file it was made from
  AssetInfo asset;
  std::optional<Date> valid_from;  // first day it may air; none = no limit
  std::optional<Date> valid_to;    // last day it may air (inclusive)
  ItemState state = ItemState::kDraft;
  std::string author;
  std::optional<std::string> decided_by;  // approver or rejecter
  std::optional<std::string> reason;      // why it was rejected
  SysMillis created{};
  std::optional<SysMillis> decided;

  std::chrono::milliseconds duration() const { return asset.duration; }
  // Whether its validity dates cover `day` (state is not considered).
  bool validOn(Date day) const;
};

// What an editor hands in; the asset has been ingested already.
struct NewItem {
  ItemKind kind = ItemKind::kBulletin;
  std::string topic_id;  // an unknown topic is created as an unplanned topic
  std::string title;
  std::optional<std::string> text;
  std::optional<std::string> source_file;  // file name only, for people
  std::optional<Date> valid_from;
  std::optional<Date> valid_to;
};

enum class EntryKind { kBulletin = 1, kClip, kRelay, kIdent };

// One planned entry of the program log.
struct PlannedEntry {
  std::int64_t id = 0;  // assigned by the store
  std::string channel;
  SysMillis start{};
  SysMillis end{};
  EntryKind kind = EntryKind::kBulletin;
  std::string item;      // "b12", "c3"; a relay's source URI; empty for an ident
  std::string topic;     // empty when none
  std::string campaign;  // empty when none
  bool pinned = false;
  std::string window;    // window id; empty for a pin outside windows
};

// What became of an airing (SPEC §6). kOnAir: still airing (the daemon
// closes it when it ends; one left open after a crash is closed as
// kInterrupted on restart).
enum class AsRunStatus {
  kPlayed = 1,   // aired in full
  kPreempted,    // cut off by a higher priority, not resumed
  kResumed,      // the rest of a preempted or interrupted airing
  kBumped,       // displaced by a priority item before it started
  kFailed,       // could not be played (missing, corrupt, changed asset)
  kSkipped,      // left out (late start, not approved any more)
  kMissed,       // planned while the daemon was not running
  kInterrupted,  // cut off by a crash or a stop of the daemon
  kOnAir,
};

// What really happened on a channel.
struct AsRunEntry {
  std::int64_t id = 0;  // assigned by the store
  std::string channel;
  std::optional<std::int64_t> planned_id;  // the program log entry, if any
  EntryKind kind = EntryKind::kBulletin;
  std::string item;
  std::string topic;
  std::string campaign;
  SysMillis start{};  // real start
  SysMillis end{};    // real end
  AsRunStatus status = AsRunStatus::kPlayed;
  std::string reason;  // why preempted, failed or skipped
  // Where in the item this airing began (a resumed airing), and, for an
  // interrupted one, how far it got: end - start + offset.
  std::chrono::milliseconds offset{0};
};

struct AuditEntry {
  std::int64_t id = 0;
  SysMillis at{};
  std::string who;      // a user name, or "system", "planner", ...
  std::string what;     // short verb phrase: "bulletin.add", "item.approve"
  std::string details;  // human sentence or JSON
};

const char* toString(Role role);
std::optional<Role> parseRole(std::string_view text);
const char* toString(ItemKind kind);
const char* toString(ItemState state);
std::optional<ItemState> parseItemState(std::string_view text);
const char* toString(EntryKind kind);
std::optional<EntryKind> parseEntryKind(std::string_view text);
const char* toString(AsRunStatus status);
std::optional<AsRunStatus> parseAsRunStatus(std::string_view text);
// "b12" -> kBulletin, "c3" -> kClip; nullopt for anything else.
std::optional<ItemKind> itemKindOfId(std::string_view id);

}  // namespace wardcast
