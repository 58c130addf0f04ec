#pragma once
// The as-run log of one local day as JSON, shared by `GET /api/v1/as-run`
// and `wardcast asrun` so that both say the same (docs/daemon.md has the
// shape). Times are ISO 8601 in the station's zone, to the millisecond.
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "content/store.hpp"
#include "util/civil_time.hpp"

namespace wardcast::daemon {

Result<nlohmann::json> asRunJson(Store& store, const TimeZone& zone, Date date,
                                 const std::optional<std::string>& channel);

// One line per record, for a terminal: "06:00:00.012–06:00:31.540 ward b12 played".
std::string asRunText(const nlohmann::json& as_run);

}  // namespace wardcast::daemon
