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

// Parts of the day a plan may name (buổi sáng, trưa, chiều, tối), in local
// time: 04:00-10:59, 11:00-12:59, 13:00-17:59, 18:00-23:59. A window serves
// the parts it is open for.
enum class DayPart { kMorning = 1, kNoon, kAfternoon, kEvening };
const char* toString(DayPart part);              // "morning", "noon", ...
std::optional<DayPart> dayPartAt(int minute_of_day);  // nullopt for 00:00-03:59
// The part's first and last minute of the day.
std::pair<int, int> dayPartSpan(DayPart part);

// When in the week and in the day the text asks for air time: "sáng thứ
// Bảy hằng tuần", "vào các buổi tối", "từ thứ 2 đến thứ 6", "lúc 6 giờ".
// A weekday word counts only where it reads as a day ("vào thứ Hai", "sáng
// thứ 7", "thứ 3 và thứ 5", "chủ nhật"), not as an ordinal ("lần thứ hai").
struct AirTimes {
  std::vector<unsigned> weekdays;  // ISO (1 = Monday), sorted; empty: not said, or every day
  std::vector<DayPart> day_parts;  // in the order of DayPart; empty: not said
  std::string words;               // what the plan said, for the review comment
};
std::optional<AirTimes> airTimesOf(std::string_view lower);

// A part of the year the text limits air time to: a month range ("từ tháng
// 5 đến tháng 10", "trong các tháng 6, 7, 8", "vào tháng 6") or a season
// ("mùa mưa", "mùa mưa bão", "dịp hè"), within `year`. A season is a guess
// (its months differ by region) and says so in `note`. A season across the
// new year ("mùa khô") cannot be one span: `start` is then unset and `note`
// asks the reviewer.
struct Season {
  std::optional<Date> start;
  std::optional<Date> end;
  std::string words;
  std::string note;
};
std::optional<Season> seasonOf(std::string_view lower, int year);

// Audience ids named in the text: elderly, vulnerable, young, women,
// disabled, minority.
std::vector<std::string> audiencesOf(std::string_view lower);

// True when `word` occurs in `lower` as whole words.
bool hasWord(std::string_view lower, std::string_view word);

}  // namespace wardcast::plan_text
