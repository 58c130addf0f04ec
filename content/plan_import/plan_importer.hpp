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
#include "util/result.hpp"

namespace wardcast {

struct ImportOptions {
  std::string source_name;                     // the document's file name, kept in [campaign].source
  // Station group of the neighbourhood speakers ("loa tổ dân phố / thôn");
  // empty: the station has none, those mentions become kind:loudspeaker.
  std::string neighbourhood_group = "neighbourhood";
  int fallback_year = 0;                       // used when the plan names no year (0: this year)
};

struct TopicGuesses {
  std::map<std::string, std::string> fields;  // "title", "priority", "audiences", "end" -> why
  std::vector<std::string> quotas;            // one per quota of the topic: why that target and rate
};

struct PlanImport {
  Campaign campaign;
  std::map<std::string, std::string> campaign_guesses;  // "id", "start", "end", "issuer" -> why
  std::vector<TopicGuesses> topic_guesses;              // parallel to campaign.topics
  std::vector<std::string> skipped;  // lines for standard error: channels and items left out
  // Window ids of the channels each target reaches, when the caller knows
  // the station; the campaign file lists them in its hint for `windows`.
  std::map<std::string, std::vector<std::string>> target_windows;
};

// Errors (kInvalidInput): no content section, no items in it.
Result<PlanImport> importPlan(std::string_view text, const ImportOptions& options);

// The campaign file, with "# guess: ..." comments. Valid for loadCampaignFile.
std::string campaignToToml(const PlanImport& plan);

}  // namespace wardcast
