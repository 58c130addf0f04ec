#pragma once
// The campaign file (SPEC §3): what `plan import` writes, staff review, and
// `plan apply` reads. This header is the model shared by the importer
// (content/plan_import) and the planner (scheduler/).
#include <chrono>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "config/station_config.hpp"
#include "util/civil_time.hpp"

namespace wardcast {

enum class QuotaPeriod { kDay = 1, kWeek, kMonth, kQuarter, kCampaign };

struct Quota {
  std::string target;  // a channel id, "group:NAME" or "kind:KIND"
  int plays = 1;       // plays required per period on EACH channel of target
  QuotaPeriod per = QuotaPeriod::kWeek;
  std::vector<std::string> windows;    // allowed window ids; empty = any of the channel's
  std::chrono::minutes min_gap{0};     // between two plays of the topic on one channel
  std::vector<unsigned> days;          // allowed ISO weekdays (1 = Monday), sorted; empty = every day
};

struct Topic {
  std::string id;
  std::string title;
  std::string section;      // where it stands in the plan, e.g. "III.1.a"
  std::string description;  // the plan's full text of the item
  int priority = 3;         // 1 = highest
  std::vector<std::string> audiences;
  std::optional<Date> start;  // a later start than the campaign's (a season)
  std::optional<Date> end;    // a deadline earlier than the campaign's end
  std::vector<Quota> quotas;
};

struct Campaign {
  std::string id;
  std::string title;
  std::string issuer;
  Date start{};
  Date end{};
  std::string source;  // the plan document it came from
  std::vector<Topic> topics;
};

// Thrown by loadCampaignFile. what() is "FILE:LINE:COLUMN: message".
class CampaignError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Reads and validates a campaign file: syntax, unknown keys, types, unique
// topic ids, dates, quota fields; with a station, also that every target
// names channels and every window exists. Throws CampaignError.
Campaign loadCampaignFile(const std::filesystem::path& file, const StationConfig* station = nullptr);

const char* toString(QuotaPeriod period);
std::optional<QuotaPeriod> parseQuotaPeriod(std::string_view text);
// "1d", "12h", "30m", "2w" -> minutes
std::optional<std::chrono::minutes> parseGap(std::string_view text);

// The span a week's plays spread over when the quota is limited to some
// weekdays: from the first of `days` to the last (Monday to Sunday).
// `days` is not empty.
std::chrono::days weekdaySpan(const std::vector<unsigned>& days);

// Whether a window the quota may use (its `windows`, else any of its
// target's channels' windows) opens on one of its `days`; true without days.
bool daysMeetWindows(const Quota& quota, const StationConfig& station);

}  // namespace wardcast
