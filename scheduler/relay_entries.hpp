#pragma once
// Relays (*tiếp sóng*): a station's `[[relay]]` tables say which stream to
// carry on which targets at which daily spans. On air a relay ranks below a
// planned item (SPEC §6), so relays fill what the plan leaves free: for
// every day of the range, every span and every channel the targets reach,
// the span minus the entries already on that channel becomes relay entries
// (kind relay, item = the source URI). Pieces shorter than
// kMinRelayPiece are left out: a few seconds of a relayed programme between
// two bulletins is noise, not a relay. Nothing starts before `now`.
//
// `plan apply` drops the future relay entries of the range and computes
// them again after planning, so they always follow the latest plan.
#include <chrono>
#include <vector>

#include "config/station_config.hpp"
#include "content/content_model.hpp"
#include "util/civil_time.hpp"

namespace wardcast::planner {

inline constexpr std::chrono::milliseconds kMinRelayPiece{60'000};

// `busy`: every entry on air in the range (planned, pinned, kept), any
// channel. Returns the relay entries, by channel then start.
std::vector<PlannedEntry> relayEntries(const StationConfig& station, const TimeZone& zone, Date from, Date to,
                                       SysMillis now, const std::vector<PlannedEntry>& busy);

}  // namespace wardcast::planner
