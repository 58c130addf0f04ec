#pragma once
// The words of a plan that matter for air time: channels (served and not),
// frequencies, deadlines, audiences. Every function takes text already
// lower-cased with plan_text::toLower (NFC). The default mapping from words
// to quotas is documented in docs/plan_import.md; keep the two in step.
// Pure functions.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "content/plan_import/campaign.hpp"

namespace wardcast::plan_text {

// A channel Wardcast serves, named in the text.
struct ChannelMention {
  std::string target;  // "kind:loudspeaker", "group:<neighbourhood>", "kind:led"
  std::string words;   // the words that named it, for the review comment
  bool guessed = false;  // inferred (video clips -> LED), not named outright
};

// `neighbourhood_group` is the station group of the neighbourhood speakers.
std::vector<ChannelMention> servedChannels(std::string_view lower, const std::string& neighbourhood_group);

// Channels Wardcast does not serve: "website", "social media", "posters and
// print", "conferences and training", "press and television", "contests
// and performances". Returns (category, words) pairs.
std::vector<std::pair<std::string, std::string>> unservedChannels(std::string_view lower);

struct Frequency {
  int plays = 1;
  QuotaPeriod per = QuotaPeriod::kWeek;
  std::string words;  // what the plan said ("hàng tháng", "2 lần/tuần")
  std::string note;   // extra caveat for the reviewer, may be empty
};

// The most frequent schedule the text asks for, if it names one.
std::optional<Frequency> frequencyOf(std::string_view lower);

// A deadline ("hoàn thành trước ngày 30/10/2026", "trước 30/6", "trong quý
// II", "chậm nhất tháng 9/2026") in the text; `year` fills a missing year.
// With `cue_required` false, any date in the text counts (a table's
// "Thời gian thực hiện" column).
std::optional<Date> deadlineOf(std::string_view lower, int year, bool cue_required = true);

// Audience ids named in the text: elderly, vulnerable, young, women,
// disabled, minority.
std::vector<std::string> audiencesOf(std::string_view lower);

// True when `word` occurs in `lower` as whole words.
bool hasWord(std::string_view lower, std::string_view word);

}  // namespace wardcast::plan_text
