#pragma once
// `wardcast plan import`: from a plan's text to a draft campaign (SPEC §3).
//
// The importer rebuilds the plan's outline (plan_outline.hpp), takes the
// content sections (headings with "NỘI DUNG" or "CHỦ ĐỀ") and makes one topic
// per content item; the channels, frequencies, deadlines and audiences come
// from the items' own words and from the rest of the plan (form sections,
// targets, responsibilities), mapped as documented in docs/plan_import.md.
// Whatever is inferred rather than read is recorded as a guess, so that the
// written file can say so next to the value. Pure; callable from any thread.
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "content/plan_import/campaign.hpp"
#include "content/plan_import/plan_lexicon.hpp"
#include "util/result.hpp"

namespace wardcast {

struct ImportOptions {
  std::string source_name;                     // the document's file name, kept in [campaign].source
  // Station group of the neighbourhood speakers ("loa tổ dân phố / thôn");
  // empty: the station has none, those mentions become kind:loudspeaker.
  std::string neighbourhood_group = "neighbourhood";
  int fallback_year = 0;                       // used when the plan names no year (0: this year)
};

// Parts of the day the plan asks for on one quota. The importer does not
// know the station's windows; fitToStation turns these into the quota's
// `windows`.
struct QuotaDayParts {
  std::vector<plan_text::DayPart> parts;  // empty: the plan names none
  std::string why;                        // the plan's words and where
};

struct TopicGuesses {
  std::map<std::string, std::string> fields;  // "title", "priority", "audiences", "start", "end" -> why
  std::vector<std::string> quotas;            // one per quota of the topic: why that target and rate
  std::vector<QuotaDayParts> day_parts;       // one per quota
};

struct PlanImport {
  Campaign campaign;
  std::map<std::string, std::string> campaign_guesses;  // "id", "start", "end", "issuer" -> why
  std::vector<TopicGuesses> topic_guesses;              // parallel to campaign.topics
  std::vector<std::string> skipped;  // lines for standard error: channels and items left out
  // Window ids of the channels each target reaches, when the station is
  // known (fitToStation); the campaign file lists them in its hint for `windows`.
  std::map<std::string, std::vector<std::string>> target_windows;
};

// Errors (kInvalidInput): no content section, no items in it.
Result<PlanImport> importPlan(std::string_view text, const ImportOptions& options);

// With the station known (else nullptr: the guesses just say what the
// plan asks for): each quota whose plan names parts of the day
// ("buổi sáng", "tối") gets the target's windows that are open for some
// of those parts (the nearest within 3 hours when none is), and weekdays
// on which none of the target's windows opens are dropped. Every change, and
// every request it could not meet, is added to the quota's guess comment.
// It also fills `target_windows` for the file's hints.
void fitToStation(PlanImport& plan, const StationConfig* station);

// The campaign file, with "# guess: ..." comments. Valid for loadCampaignFile.
std::string campaignToToml(const PlanImport& plan);

}  // namespace wardcast
