#pragma once
// The planner's glue to the store (content/store.hpp): `plan apply` stores
// the campaign, builds a PlanInput from the station file and the database
// (approved items valid in the range, pins, past entries, other campaigns'
// entries, last time each item aired), runs planSchedule() and replaces the
// range's planned entries in the program log. Pins and the past are kept.
// Relays fill the free part of their spans afterwards (relay_entries.hpp).
//
// Shortfalls have no table in the store: the last apply's shortfalls are
// kept as JSON in data_dir/plan/shortfalls-<campaign>.json, which
// `schedule export` reads.
//
// Threads: the caller's; uses the Store from that thread only.
#include <filesystem>
#include <string>
#include <vector>

#include "config/station_config.hpp"
#include "content/plan_import/campaign.hpp"
#include "content/store.hpp"
#include "scheduler/plan_model.hpp"
#include "util/civil_time.hpp"
#include "util/result.hpp"

namespace wardcast::planner {

struct ApplyRequest {
  Date from{};  // first local day to plan
  Date to{};    // last local day (inclusive)
  SysMillis now{};  // nothing is placed before it; earlier entries are kept
  std::string actor;  // for the audit log
};

struct ApplyReport {
  PlanResult result;
  std::size_t planned_entries = 0;  // entries written (every member of a group counts)
  std::size_t relay_entries = 0;    // relay entries written around them (relay_entries.hpp)
};

Result<ApplyReport> applyCampaign(Store& store, const StationConfig& station, const Campaign& campaign,
                                  const ApplyRequest& request);

// The file that keeps a campaign's last shortfalls.
std::filesystem::path shortfallsFile(const std::filesystem::path& data_dir, const std::string& campaign_id);
// Shortfalls of every campaign applied so far (empty when none).
std::vector<Shortfall> loadShortfalls(const std::filesystem::path& data_dir);

}  // namespace wardcast::planner
