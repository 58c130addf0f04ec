// Scalar values of the campaign file: quota periods and gaps (SPEC §3).
#include <algorithm>
#include <cctype>
#include <limits>

#include "content/plan_import/campaign.hpp"

namespace wardcast {

const char* toString(QuotaPeriod period) {
  switch (period) {
    case QuotaPeriod::kDay: return "day";
    case QuotaPeriod::kWeek: return "week";
    case QuotaPeriod::kMonth: return "month";
    case QuotaPeriod::kQuarter: return "quarter";
    case QuotaPeriod::kCampaign: return "campaign";
  }
  return "?";
}

std::optional<QuotaPeriod> parseQuotaPeriod(std::string_view text) {
  for (auto period : {QuotaPeriod::kDay, QuotaPeriod::kWeek, QuotaPeriod::kMonth,
                      QuotaPeriod::kQuarter, QuotaPeriod::kCampaign})
    if (text == toString(period)) return period;
  return std::nullopt;
}

std::chrono::days weekdaySpan(const std::vector<unsigned>& days) {
  auto [lo, hi] = std::minmax_element(days.begin(), days.end());
  return std::chrono::days{*hi - *lo + 1};
}

bool daysMeetWindows(const Quota& quota, const StationConfig& station) {
  if (quota.days.empty()) return true;
  for (const Channel* channel : station.resolveTarget(quota.target))
    for (const auto& id : channel->windows) {
      bool allowed = quota.windows.empty() || std::find(quota.windows.begin(), quota.windows.end(), id) != quota.windows.end();
      const Window* window = station.findWindow(id);
      if (!allowed || !window) continue;
      for (unsigned day : quota.days)
        if (window->opensOn(day)) return true;
    }
  return false;
}

// Accepts "0", or one or more <digits><unit> parts with unit m, h, d or w:
// "30m", "12h", "1d", "2w", "1h30m". Rejects empty text, a missing unit,
// unknown units and totals above ten years.
std::optional<std::chrono::minutes> parseGap(std::string_view text) {
  if (text == "0") return std::chrono::minutes{0};
  if (text.empty()) return std::nullopt;
  constexpr long long kMaxMinutes = 10LL * 366 * 24 * 60;
  long long total = 0;
  size_t i = 0;
  while (i < text.size()) {
    long long number = 0;
    size_t digits = 0;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
      number = number * 10 + (text[i] - '0');
      if (number > kMaxMinutes) return std::nullopt;
      ++i;
      ++digits;
    }
    if (digits == 0 || i >= text.size()) return std::nullopt;
    long long unit = 0;
    switch (text[i]) {
      case 'm': unit = 1; break;
      case 'h': unit = 60; break;
      case 'd': unit = 24 * 60; break;
      case 'w': unit = 7 * 24 * 60; break;
      default: return std::nullopt;
    }
    ++i;
    total += number * unit;
    if (total > kMaxMinutes) return std::nullopt;
  }
  return std::chrono::minutes{total};
}

}  // namespace wardcast
