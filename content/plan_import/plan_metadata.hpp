#pragma once
// What a plan says about itself: title, year, issuing committee, dates.
// Read from the preamble (the text before the first section). Pure.
#include <optional>
#include <string>
#include <vector>

#include "util/civil_time.hpp"

namespace wardcast::plan_text {

struct PlanMetadata {
  std::string title;             // the subject line under "KẾ HOẠCH"
  int year = 0;                  // the plan's year (0 when none found)
  std::string issuer;            // "UBND phường Hương Trà"; empty when none found
  bool issuer_guessed = false;   // place name completed from elsewhere in the text
  std::optional<Date> start;     // first day the plan can apply
  std::string start_reason;      // how `start` was found, for the review comment
};

PlanMetadata readMetadata(const std::vector<std::string>& preamble);

// "Tuyên truyền về vai trò X; ..." -> "Tuyên truyền về vai trò X": up to the
// first ';', ". " or ": ", shortened to about `max_chars` code points.
std::string firstClause(const std::string& text, size_t max_chars = 90);

// An ASCII slug of the meaningful words of `title` (generic verbs such as
// "tuyên truyền" and function words dropped), at most `max_words` words.
std::string titleSlug(const std::string& title, size_t max_words);

}  // namespace wardcast::plan_text
