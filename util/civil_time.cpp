#include "util/civil_time.hpp"

#include <fmt/format.h>
#include <unicode/basictz.h>
#include <unicode/timezone.h>
#include <unicode/unistr.h>

#include <array>
#include <charconv>
#include <cstdint>

namespace wardcast {
namespace {

std::optional<int> parseInt(std::string_view text) {
  int value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

bool allDigits(std::string_view text) {
  for (char c : text)
    if (c < '0' || c > '9') return false;
  return !text.empty();
}

}  // namespace

std::optional<Date> parseDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  auto y = text.substr(0, 4), m = text.substr(5, 2), d = text.substr(8, 2);
  if (!allDigits(y) || !allDigits(m) || !allDigits(d)) return std::nullopt;
  Date date{std::chrono::year{*parseInt(y)}, std::chrono::month(unsigned(*parseInt(m))),
            std::chrono::day(unsigned(*parseInt(d)))};
  if (!date.ok()) return std::nullopt;
  return date;
}

std::string formatDate(Date date) {
  return fmt::format("{:04}-{:02}-{:02}", int(date.year()), unsigned(date.month()),
                     unsigned(date.day()));
}

std::optional<MinuteOfDay> parseClock(std::string_view text) {
  if (text.size() != 5 || text[2] != ':') return std::nullopt;
  auto h = text.substr(0, 2), m = text.substr(3, 2);
  if (!allDigits(h) || !allDigits(m)) return std::nullopt;
  int hours = *parseInt(h), minutes = *parseInt(m);
  if (minutes > 59 || hours > 24 || (hours == 24 && minutes != 0)) return std::nullopt;
  return MinuteOfDay(hours * 60 + minutes);
}

std::string formatClock(MinuteOfDay minutes) {
  return fmt::format("{:02}:{:02}", minutes.count() / 60, minutes.count() % 60);
}

std::optional<SysMillis> parseIsoInstant(std::string_view text) {
  using namespace std::chrono;
  if (text.size() < 20 || text[10] != 'T' || text[13] != ':' || text[16] != ':') return std::nullopt;
  auto date = parseDate(text.substr(0, 10));
  auto hh = text.substr(11, 2), mm = text.substr(14, 2), ss = text.substr(17, 2);
  if (!date || !allDigits(hh) || !allDigits(mm) || !allDigits(ss)) return std::nullopt;
  int h = *parseInt(hh), m = *parseInt(mm), s = *parseInt(ss);
  if (h > 23 || m > 59 || s > 59) return std::nullopt;
  std::string_view rest = text.substr(19);
  milliseconds fraction{0};
  if (!rest.empty() && rest[0] == '.') {
    std::size_t digits = 1;
    while (digits < rest.size() && rest[digits] >= '0' && rest[digits] <= '9') ++digits;
    auto frac = rest.substr(1, digits - 1);
    if (frac.empty()) return std::nullopt;
    std::string padded(frac.substr(0, 3));
    padded.resize(3, '0');
    fraction = milliseconds(*parseInt(padded));
    rest = rest.substr(digits);
  }
  minutes offset{0};
  if (rest == "Z") {
  } else if (rest.size() == 6 && (rest[0] == '+' || rest[0] == '-') && rest[3] == ':' &&
             allDigits(rest.substr(1, 2)) && allDigits(rest.substr(4, 2))) {
    int oh = *parseInt(rest.substr(1, 2)), om = *parseInt(rest.substr(4, 2));
    if (oh > 23 || om > 59) return std::nullopt;
    offset = minutes((oh * 60 + om) * (rest[0] == '-' ? -1 : 1));
  } else {
    return std::nullopt;
  }
  auto local = sys_days(*date) + hours(h) + minutes(m) + seconds(s) + fraction;
  return time_point_cast<milliseconds>(local - offset);
}

namespace {
constexpr std::array<const char*, 7> kWeekdayNames = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
}  // namespace

std::optional<unsigned> parseWeekday(std::string_view text) {
  for (unsigned i = 0; i < kWeekdayNames.size(); ++i)
    if (kWeekdayNames[i] == text) return i + 1;
  return std::nullopt;
}

const char* formatWeekday(unsigned iso_weekday) {
  return iso_weekday >= 1 && iso_weekday <= 7 ? kWeekdayNames[iso_weekday - 1] : "?";
}

struct TimeZone::Impl {
  std::unique_ptr<icu::TimeZone> zone;
};

Result<TimeZone> TimeZone::load(const std::string& iana_name) {
  auto id = icu::UnicodeString::fromUTF8(iana_name);
  std::unique_ptr<icu::TimeZone> zone(icu::TimeZone::createTimeZone(id));
  icu::UnicodeString canonical;
  UBool is_system = false;
  UErrorCode status = U_ZERO_ERROR;
  icu::TimeZone::getCanonicalID(id, canonical, is_system, status);
  if (!zone || U_FAILURE(status) || !is_system || *zone == icu::TimeZone::getUnknown())
    return makeError(ErrorKind::kInvalidInput,
                     "unknown time zone \"" + iana_name + "\" (expected an IANA name such as "
                     "\"Asia/Ho_Chi_Minh\")");
  TimeZone result;
  result.impl_ = std::make_shared<const Impl>(Impl{std::move(zone)});
  result.name_ = iana_name;
  return result;
}

std::chrono::minutes TimeZone::offsetAt(SysMillis instant) const {
  int32_t raw = 0, dst = 0;
  UErrorCode status = U_ZERO_ERROR;
  impl_->zone->getOffset(double(instant.time_since_epoch().count()), false, raw, dst, status);
  return std::chrono::duration_cast<std::chrono::minutes>(std::chrono::milliseconds(raw + dst));
}

namespace {

// Offset of local time from UTC at `instant`, in milliseconds.
std::int64_t offsetMs(const icu::TimeZone& zone, SysMillis instant) {
  int32_t raw = 0, dst = 0;
  UErrorCode status = U_ZERO_ERROR;
  zone.getOffset(double(instant.time_since_epoch().count()), false, raw, dst, status);
  return std::int64_t(raw) + dst;
}

}  // namespace

SysMillis TimeZone::toInstant(Date date, MinuteOfDay minutes) const {
  using std::chrono::milliseconds;
  // Local wall time treated as if UTC, then corrected by the offset in force
  // before the change, if there is one: for a wall time that occurs twice
  // (fall-back) that is its first occurrence. (TimeZone::getOffset with
  // local = true takes the second one.)
  const SysMillis wall = std::chrono::sys_days(date) + minutes;
  int32_t raw = 0, dst = 0;
  UErrorCode status = U_ZERO_ERROR;
  const double wall_ms = double(wall.time_since_epoch().count());
  if (const auto* basic = dynamic_cast<const icu::BasicTimeZone*>(impl_->zone.get())) {
    basic->getOffsetFromLocal(wall_ms, UCAL_TZ_LOCAL_FORMER, UCAL_TZ_LOCAL_FORMER, raw, dst, status);
  } else {
    impl_->zone->getOffset(wall_ms, true, raw, dst, status);
  }
  const SysMillis guess = wall - milliseconds(std::int64_t(raw) + dst);
  if (guess + milliseconds(offsetMs(*impl_->zone, guess)) == wall) return guess;
  // A wall time the clock skips (spring-forward): ICU shifts it on by the
  // gap (02:30 -> 03:30), past instants whose clock reads later than `wall`.
  // The first instant whose clock reads `wall` or later is the change itself:
  // it lies in (guess - gap, guess]; find it by bisection on the offset.
  const std::int64_t before = std::int64_t(raw) + dst;  // the offset ICU used
  SysMillis lo = wall - milliseconds(offsetMs(*impl_->zone, guess));  // clock reads < wall
  SysMillis hi = guess;                                               // clock reads > wall
  while (hi - lo > milliseconds(1)) {
    const SysMillis mid = lo + (hi - lo) / 2;
    (offsetMs(*impl_->zone, mid) == before ? lo : hi) = mid;
  }
  return hi;
}

Date TimeZone::localDate(SysMillis instant) const {
  auto local = instant + offsetAt(instant);
  return Date(std::chrono::floor<std::chrono::days>(local));
}

std::string TimeZone::formatIso(SysMillis instant, bool always_millis) const {
  using namespace std::chrono;
  auto offset = offsetAt(instant);
  auto local = instant + offset;
  auto day = floor<days>(local);
  Date date(day);
  auto since_midnight = local - day;
  auto ms = since_midnight.count();
  std::string text = fmt::format("{}T{:02}:{:02}:{:02}", formatDate(date), ms / 3600000,
                                 (ms / 60000) % 60, (ms / 1000) % 60);
  if (always_millis || ms % 1000 != 0) text += fmt::format(".{:03}", ms % 1000);
  auto off = offset.count();
  text += fmt::format("{}{:02}:{:02}", off < 0 ? '-' : '+', std::abs(off) / 60, std::abs(off) % 60);
  return text;
}

}  // namespace wardcast
