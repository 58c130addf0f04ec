#pragma once
// Quota periods on the local calendar (SPEC §3): a day, an ISO week (Monday
// to Sunday), a month, a quarter, or the whole campaign. A period is named
// by a key (comparable, dense enough to sort) and a label for people and
// for the JSON export ("2026-05-01", "2026-W19", "2026-05", "2026-Q2",
// "campaign").
#include <cstdint>
#include <optional>
#include <string>
#include <utility>

#include "content/plan_import/campaign.hpp"
#include "scheduler/plan_model.hpp"

namespace wardcast::planner {

// Key of the period of kind `per` that contains local day `day`.
std::int32_t periodKey(QuotaPeriod per, DayNumber day);
// ISO weekday of a day: 1 = Monday .. 7 = Sunday.
unsigned isoWeekday(DayNumber day);
std::string periodLabel(QuotaPeriod per, std::int32_t key);

DayNumber toDayNumber(Date date);
Date toDate(DayNumber day);

}  // namespace wardcast::planner

namespace wardcast::planner {

// First and last local day of a period label made by periodLabel();
// nullopt for "campaign" and for text that is not a label.
std::optional<std::pair<DayNumber, DayNumber>> periodSpan(const std::string& label);

}  // namespace wardcast::planner
