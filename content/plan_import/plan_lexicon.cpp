#include "content/plan_import/plan_lexicon.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <array>
#include <regex>

#include "content/plan_import/vietnamese_text.hpp"

namespace wardcast::plan_text {
namespace {

using Words = std::vector<std::string_view>;

bool letterAt(std::string_view text, size_t at, bool before) {
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  auto length = static_cast<int32_t>(text.size());
  auto i = static_cast<int32_t>(at);
  UChar32 c;
  if (before) {
    if (i <= 0) return false;
    U8_PREV(s, 0, i, c);
  } else {
    if (i >= length) return false;
    U8_NEXT(s, i, length, c);
  }
  return c > 0 && u_isalnum(c);
}

// First whole-word occurrence of any of `words`; npos when none.
size_t findAny(std::string_view lower, const Words& words, std::string_view* found = nullptr) {
  size_t best = std::string_view::npos;
  for (auto word : words) {
    for (size_t at = lower.find(word); at != std::string_view::npos; at = lower.find(word, at + 1)) {
      if (letterAt(lower, at, true) || letterAt(lower, at + word.size(), false)) continue;
      if (at < best) {
        best = at;
        if (found) *found = word;
      }
      break;
    }
  }
  return best;
}

// Plays per 28 days, to compare schedules.
double rate(const Frequency& f) {
  switch (f.per) {
    case QuotaPeriod::kDay: return f.plays * 28.0;
    case QuotaPeriod::kWeek: return f.plays * 4.0;
    case QuotaPeriod::kMonth: return f.plays * 1.0;
    case QuotaPeriod::kQuarter: return f.plays / 3.0;
    case QuotaPeriod::kCampaign: return f.plays / 12.0;
  }
  return 0;
}

std::optional<QuotaPeriod> periodWord(const std::string& word) {
  if (word == "ngày") return QuotaPeriod::kDay;
  if (word == "tuần") return QuotaPeriod::kWeek;
  if (word == "tháng") return QuotaPeriod::kMonth;
  if (word == "quý") return QuotaPeriod::kQuarter;
  if (word == "năm") return QuotaPeriod::kCampaign;
  return std::nullopt;
}

// "2 lần/tuần", "03 buổi mỗi tháng", "mỗi tuần 2 lần".
std::optional<Frequency> explicitCount(std::string_view lower) {
  static const std::regex kCountFirst(
      R"((\d{1,2}) ?(lần|buổi|bản tin|tin|chương trình|chuyên mục|số) ?(/|mỗi|một|trên|trong một|trong 1) ?(ngày|tuần|tháng|quý|năm))");
  static const std::regex kPeriodFirst(R"((mỗi|hàng|hằng) (ngày|tuần|tháng|quý|năm) (\d{1,2}) ?(lần|buổi|bản tin|tin))");
  std::optional<Frequency> best;
  auto consider = [&](int plays, const std::string& period, const std::string& words) {
    auto per = periodWord(period);
    if (!per || plays < 1) return;
    Frequency f{plays, *per, words, ""};
    if (!best || rate(f) > rate(*best)) best = f;
  };
  std::string text(lower);
  for (std::sregex_iterator it(text.begin(), text.end(), kCountFirst), end; it != end; ++it)
    consider(std::stoi((*it)[1]), (*it)[4], it->str());
  for (std::sregex_iterator it(text.begin(), text.end(), kPeriodFirst), end; it != end; ++it)
    consider(std::stoi((*it)[3]), (*it)[2], it->str());
  return best;
}

std::optional<Frequency> bestOf(std::string_view lower, std::initializer_list<std::pair<Words, Frequency>> table) {
  std::optional<Frequency> best;
  for (const auto& [words, frequency] : table) {
    std::string_view found;
    if (findAny(lower, words, &found) == std::string_view::npos) continue;
    Frequency f = frequency;
    f.words = std::string(found);
    if (!best || rate(f) > rate(*best)) best = f;
  }
  return best;
}

Date lastDayOf(int year, unsigned month) {
  using namespace std::chrono;
  return Date{sys_days{year_month_day_last{std::chrono::year{year}, month_day_last{std::chrono::month{month}}}}};
}

std::optional<Date> makeDate(int year, unsigned month, unsigned day) {
  Date d{std::chrono::year{year}, std::chrono::month{month}, std::chrono::day{day}};
  if (!d.ok()) return std::nullopt;
  return d;
}

int quarterNumber(const std::string& q) {
  if (q == "i" || q == "1") return 1;
  if (q == "ii" || q == "2") return 2;
  if (q == "iii" || q == "3") return 3;
  if (q == "iv" || q == "4") return 4;
  return 0;
}

// A word the text names, where it stands, and what it means.
struct Mention {
  size_t at = 0;
  size_t end = 0;
  unsigned value = 0;
};

// The matches of `pattern` in `text` that stand as whole words, each with
// the value `valueOf` gives it.
template <typename ValueOf>
std::vector<Mention> wholeWordMatches(const std::string& text, const std::regex& pattern, ValueOf valueOf) {
  std::vector<Mention> out;
  for (std::sregex_iterator it(text.begin(), text.end(), pattern), end; it != end; ++it) {
    size_t at = size_t(it->position(0)), stop = at + size_t(it->length(0));
    if (!letterAt(text, at, true) && !letterAt(text, stop, false)) out.push_back({at, stop, valueOf(*it)});
  }
  return out;
}

std::string before(const std::string& text, size_t at, size_t bytes) {
  return text.substr(at >= bytes ? at - bytes : 0, at >= bytes ? bytes : at);
}

// Whether the words between two mentions join them into a list ("thứ 3,
// thứ 5", "sáng và tối") or a range ("thứ 2 đến thứ 6").
enum class Join { kNone = 1, kList, kRange };
Join joinBetween(const std::string& text, const Mention& a, const Mention& b) {
  static const std::regex kList(R"(^\s*(,|và|hoặc|;)?\s*(các\s+|buổi\s+|ngày\s+)?$)");
  static const std::regex kRange(R"(^\s*(đến|tới|-|–)\s*(hết\s+)?$)");
  std::string between = text.substr(a.end, b.at - a.end);
  if (std::regex_search(between, kRange)) return Join::kRange;
  if (std::regex_search(between, kList)) return Join::kList;
  return Join::kNone;
}

unsigned weekdayOf(const std::string& word) {
  static const std::array<std::pair<std::string_view, unsigned>, 14> kDays{{
      {"hai", 1}, {"2", 1}, {"ba", 2}, {"3", 2}, {"tư", 3}, {"4", 3}, {"năm", 4}, {"5", 4},
      {"sáu", 5}, {"6", 5}, {"bảy", 6}, {"bẩy", 6}, {"7", 6}, {"nhật", 7}}};
  for (const auto& [name, day] : kDays)
    if (word == name) return day;
  return 0;
}

// Weekdays that read as days: "chủ nhật" always; "thứ Hai".."thứ 7" after
// a word that introduces a day (vào, sáng, các ngày, từ, mỗi ...), before
// "hằng tuần", or in a list or range with one that does. "Lần thứ hai",
// "năm thứ ba" and "Thứ hai, ..." (secondly) stay ordinals.
std::vector<unsigned> weekdaysIn(const std::string& text, std::string& words) {
  static const std::regex kDay(R"((thứ\s*(hai|ba|tư|năm|sáu|bảy|bẩy|[2-7])|chủ\s*(nhật)))");
  static const std::regex kIntro(R"((vào|sáng|chiều|trưa|tối|ngày|các|mỗi|từ|những)\s*$)");
  static const std::regex kWeekly(R"(^\s*(hằng|hàng|mỗi|trong|của|các)\s+tuần)");
  std::vector<Mention> found = wholeWordMatches(
      text, kDay, [](const std::smatch& m) { return weekdayOf(m[2].matched ? m[2].str() : m[3].str()); });
  std::vector<bool> day(8, false);
  std::vector<bool> accepted(found.size(), false);
  for (size_t i = 0; i < found.size(); ++i) {
    const Mention& m = found[i];
    bool sunday = m.value == 7;
    bool intro = std::regex_search(before(text, m.at, 16), kIntro);
    bool weekly = std::regex_search(text.substr(m.end, 24), kWeekly);
    Join join = i > 0 && accepted[i - 1] ? joinBetween(text, found[i - 1], m) : Join::kNone;
    if (!(sunday || intro || weekly || join != Join::kNone)) continue;
    accepted[i] = true;
    if (join == Join::kRange && found[i - 1].value < m.value)
      for (unsigned d = found[i - 1].value; d <= m.value; ++d) day[d] = true;
    day[m.value] = true;
    words += (words.empty() ? "" : ", ") + text.substr(m.at, m.end - m.at);
  }
  static const std::regex kWeekend(R"((vào|các ngày|những ngày|dịp|sáng|chiều|tối)\s+cuối tuần)");
  std::smatch weekend;
  if (std::regex_search(text, weekend, kWeekend)) {
    day[6] = day[7] = true;
    words += (words.empty() ? "" : ", ") + weekend.str();
  }
  std::vector<unsigned> out;
  for (unsigned d = 1; d <= 7; ++d)
    if (day[d]) out.push_back(d);
  if (out.size() == 7) out.clear();  // every day: no limit
  return out;
}

// Parts of the day: "buổi sáng", "vào tối", "sáng thứ Bảy", "sáng và chiều",
// "lúc 6 giờ 30". "Sáng kiến", "tối đa", "chiều sâu" are other words.
std::vector<DayPart> dayPartsIn(const std::string& text, std::string& words) {
  static const std::regex kPart(R"((sáng|trưa|chiều|tối))");
  static const std::regex kIntro(R"((buổi|vào|mỗi|các|hằng|hàng|những|giờ|ca)\s*$)");
  static const std::regex kDayAfter(R"(^\s+(thứ|chủ nhật|cuối tuần|hằng ngày|hàng ngày|mỗi ngày|các ngày|sớm|muộn|hôm))");
  static const std::regex kOtherWord(R"(^\s+(kiến|tạo|tác|lập|suốt|đa|thiểu|ưu|cao|sâu|dài|rộng|hướng|lòng|tỏ))");
  static const std::regex kClock(R"((lúc|vào|từ|khoảng)\s+(\d{1,2})\s*(giờ|h|g)(?![a-zà-ỹ]))");
  std::vector<Mention> found = wholeWordMatches(text, kPart, [](const std::smatch& m) {
    return m.str() == "sáng" ? 1u : m.str() == "trưa" ? 2u : m.str() == "chiều" ? 3u : 4u;
  });
  std::vector<bool> part(5, false);
  std::vector<bool> accepted(found.size(), false);
  for (size_t i = 0; i < found.size(); ++i) {
    const Mention& m = found[i];
    std::string after = text.substr(m.end, 16);
    if (std::regex_search(after, kOtherWord)) continue;
    std::smatch intro;
    std::string lead = before(text, m.at, 12);
    bool introduced = std::regex_search(lead, intro, kIntro);
    bool day_after = std::regex_search(after, kDayAfter);
    bool listed = i > 0 && accepted[i - 1] && joinBetween(text, found[i - 1], m) == Join::kList;
    if (!(introduced || day_after || listed)) continue;
    accepted[i] = true;
    part[m.value] = true;
    size_t from = introduced ? m.at - size_t(intro.length(0)) : m.at;
    words += (words.empty() ? "" : ", ") + text.substr(from, m.end - from);
  }
  for (std::sregex_iterator it(text.begin(), text.end(), kClock), end; it != end; ++it) {
    if (auto p = dayPartAt(std::stoi((*it)[2]) * 60)) {
      part[unsigned(*p)] = true;
      words += (words.empty() ? "" : ", ") + it->str();
    }
  }
  std::vector<DayPart> out;
  for (unsigned p = 1; p <= 4; ++p)
    if (part[p]) out.push_back(DayPart(p));
  return out;
}

}  // namespace

bool hasWord(std::string_view lower, std::string_view word) {
  return findAny(lower, {word}) != std::string_view::npos;
}

std::vector<ChannelMention> servedChannels(std::string_view lower, const std::string& neighbourhood_group) {
  std::vector<ChannelMention> out;
  static const std::regex kNeighbourhood(
      R"((?:^|[\s(,;:])loa(?=[\s,.;:])[^.;]{0,80}?[\s,(](tổ dân phố|thôn|khu phố|khối phố|xóm|ấp|tdp)(?=[\s,.;:)/]|$))");
  // "loa truyền thanh của xã và các ấp": the ward's speakers and the
  // neighbourhoods', that is every loudspeaker.
  static const std::regex kWardAndNeighbourhoods(
      R"((xã|phường|thị trấn)\s*(và|,)\s*(các\s+)?(tổ dân phố|thôn|khu phố|khối phố|xóm|ấp|tdp)(?=[\s,.;:)/]|$))");
  std::string text(lower);
  std::smatch match;
  bool neighbourhood = std::regex_search(text, match, kNeighbourhood);
  if (neighbourhood) {
    std::string words = match.str();
    if (std::regex_search(words, kWardAndNeighbourhoods)) {
      out.push_back({"kind:loudspeaker", std::string(trim(words)), false});
      text.erase(std::size_t(match.position(0)), std::size_t(match.length(0)));
      neighbourhood = std::regex_search(text, match, kNeighbourhood);
    }
  }
  // The words of a neighbourhood mention ("hệ thống loa truyền thanh các
  // thôn") name those speakers only, not the loudspeakers as a whole.
  std::string rest = text;
  if (neighbourhood) {
    out.push_back({"group:" + neighbourhood_group, std::string(trim(match.str())), false});
    rest.erase(std::size_t(match.position(0)), std::size_t(match.length(0)));
  }
  std::string_view found;
  bool every_speaker = !out.empty() && out.front().target == "kind:loudspeaker";
  if (!every_speaker &&
      (findAny(rest, {"truyền thanh", "phát thanh", "đài truyền thanh", "đài phát thanh"}, &found) != std::string_view::npos ||
       (!neighbourhood && findAny(rest, {"loa", "tiếp sóng", "tiếp phát"}, &found) != std::string_view::npos)))
    out.insert(out.begin(), {"kind:loudspeaker", std::string(found), false});
  if (findAny(lower, {"màn hình led", "bảng led", "màn hình điện tử", "màn hình lcd", "led"}, &found) != std::string_view::npos)
    out.push_back({"kind:led", std::string(found), false});
  else if (findAny(lower, {"clip", "video"}, &found) != std::string_view::npos)
    out.push_back({"kind:led", std::string(found), true});
  return out;
}

std::vector<std::pair<std::string, std::string>> unservedChannels(std::string_view lower) {
  static const std::array<std::pair<std::string_view, Words>, 6> kCategories = {{
      {"website", {"trang thông tin điện tử", "cổng thông tin điện tử", "trang ttđt", "cổng ttđt", "website",
                   "trang web", "cổng thông tin"}},
      {"social media", {"mạng xã hội", "zalo", "facebook", "youtube", "tiktok", "fanpage"}},
      {"posters, print and notice boards", {"pano", "áp phích", "tờ rơi", "tờ gấp", "băng rôn", "khẩu hiệu", "sổ tay", "ấn phẩm",
                             "cẩm nang", "niêm yết"}},
      {"conferences and training", {"hội nghị", "hội thảo", "tập huấn", "tọa đàm", "toạ đàm", "đối thoại",
                                    "giao ban", "bồi dưỡng"}},
      {"press and television", {"báo chí", "báo giấy", "truyền hình", "phóng sự", "báo điện tử", "thông tấn"}},
      {"contests and performances", {"cuộc thi", "sân khấu hóa", "sân khấu hoá", "hội diễn", "văn nghệ"}},
  }};
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& [category, words] : kCategories) {
    std::string_view found;
    if (findAny(lower, words, &found) != std::string_view::npos) out.emplace_back(category, found);
  }
  return out;
}

std::optional<Frequency> frequencyOf(std::string_view lower) {
  if (auto f = explicitCount(lower)) return f;
  const std::string last_month = "the plan asks for the last month of each quarter: pin or date the bulletins";
  auto named = bestOf(lower, {
      {{"hàng ngày", "hằng ngày", "mỗi ngày"}, {1, QuotaPeriod::kDay, "", ""}},
      {{"hàng tuần", "hằng tuần", "mỗi tuần"}, {1, QuotaPeriod::kWeek, "", ""}},
      {{"hàng tháng", "hằng tháng", "mỗi tháng"}, {1, QuotaPeriod::kMonth, "", ""}},
      {{"hàng quý", "hằng quý", "mỗi quý"}, {1, QuotaPeriod::kQuarter, "", ""}},
      {{"tháng cuối cùng của mỗi quý", "tháng cuối của mỗi quý", "tháng cuối quý", "tháng cuối cùng của quý"},
       {1, QuotaPeriod::kQuarter, "", last_month}},
      {{"hàng năm", "hằng năm", "mỗi năm"}, {1, QuotaPeriod::kCampaign, "", ""}},
  });
  if (named) return named;
  auto vague = bestOf(lower, {
      {{"thường xuyên", "liên tục"}, {2, QuotaPeriod::kWeek, "", ""}},
      {{"định kỳ"}, {1, QuotaPeriod::kWeek, "", ""}},
      {{"khi có văn bản chỉ đạo", "khi có chỉ đạo", "khi có yêu cầu"},
       {1, QuotaPeriod::kMonth, "", "the plan says to air it when directed"}},
  });
  if (vague) return vague;
  static const std::regex kDuringYear(R"(trong năm(?! ?\d))");
  std::string text(lower);
  if (std::regex_search(text, kDuringYear)) return Frequency{1, QuotaPeriod::kMonth, "trong năm", ""};
  return std::nullopt;
}

std::optional<Date> deadlineOf(std::string_view lower, int year, bool cue_required) {
  static const std::regex kCue(R"((hoàn thành|trước ngày|trước|chậm nhất|hạn chót|thời hạn|đến hết|xong trong|trong)\s*(ngày\s*)?$)");
  static const std::regex kDates(
      R"(ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})|(\d{1,2})/(\d{1,2})/(\d{4})|(^|[^\d/])(\d{1,2})/(\d{1,2})(?![\d/])|tháng\s+(\d{1,2})(?:\s*/\s*|\s+năm\s+)(\d{4})|quý\s+(iv|iii|ii|i|[1-4])(?:(?:\s*/\s*|\s+năm\s+)(\d{4}))?)");
  std::string text(lower);
  for (std::sregex_iterator it(text.begin(), text.end(), kDates), end; it != end; ++it) {
    const std::smatch& m = *it;
    size_t at = static_cast<size_t>(m.position(0));
    std::string before = text.substr(at >= 40 ? at - 40 : 0, at >= 40 ? 40 : at);
    if (cue_required && !std::regex_search(before, kCue)) continue;
    std::optional<Date> date;
    if (m[1].matched) date = makeDate(std::stoi(m[3]), std::stoi(m[2]), std::stoi(m[1]));
    else if (m[4].matched) date = makeDate(std::stoi(m[6]), std::stoi(m[5]), std::stoi(m[4]));
    else if (m[8].matched) date = makeDate(year, std::stoi(m[9]), std::stoi(m[8]));
    else if (m[10].matched) {
      int month = std::stoi(m[10]);
      if (month >= 1 && month <= 12) date = lastDayOf(std::stoi(m[11]), month);
    } else if (m[12].matched) {
      int q = quarterNumber(m[12]);
      if (q) date = lastDayOf(m[13].matched ? std::stoi(m[13]) : year, static_cast<unsigned>(q * 3));
    }
    if (date) return date;
  }
  return std::nullopt;
}


const char* toString(DayPart part) {
  switch (part) {
    case DayPart::kMorning: return "morning";
    case DayPart::kNoon: return "noon";
    case DayPart::kAfternoon: return "afternoon";
    case DayPart::kEvening: return "evening";
  }
  return "?";
}

std::pair<int, int> dayPartSpan(DayPart part) {
  switch (part) {
    case DayPart::kMorning: return {4 * 60, 11 * 60 - 1};
    case DayPart::kNoon: return {11 * 60, 13 * 60 - 1};
    case DayPart::kAfternoon: return {13 * 60, 18 * 60 - 1};
    case DayPart::kEvening: return {18 * 60, 24 * 60 - 1};
  }
  return {0, 0};
}

std::optional<DayPart> dayPartAt(int minute_of_day) {
  for (DayPart p : {DayPart::kMorning, DayPart::kNoon, DayPart::kAfternoon, DayPart::kEvening}) {
    auto [lo, hi] = dayPartSpan(p);
    if (minute_of_day >= lo && minute_of_day <= hi) return p;
  }
  return std::nullopt;
}

std::optional<AirTimes> airTimesOf(std::string_view lower) {
  std::string text(lower);
  AirTimes times;
  std::string day_words, part_words;
  times.weekdays = weekdaysIn(text, day_words);
  times.day_parts = dayPartsIn(text, part_words);
  if (times.weekdays.empty() && times.day_parts.empty()) return std::nullopt;
  times.words = part_words.empty() ? day_words : day_words.empty() ? part_words : part_words + ", " + day_words;
  return times;
}

std::optional<Season> seasonOf(std::string_view lower, int year) {
  std::string text(lower);
  auto months = [&](int from, int to, std::string words) -> std::optional<Season> {
    if (from < 1 || to > 12 || from > to) return std::nullopt;
    return Season{Date{std::chrono::year{year}, std::chrono::month{unsigned(from)}, std::chrono::day{1}},
                  lastDayOf(year, unsigned(to)), std::move(words), ""};
  };
  // "từ tháng 5 đến hết tháng 10", "tháng 6 - tháng 8/2026".
  static const std::regex kRange(
      R"((từ\s+)?(đầu\s+)?tháng\s+(\d{1,2})\s*(đến|tới|-|–)\s*(hết\s+|cuối\s+)?tháng\s+(\d{1,2})(?![\d/]))");
  // "trong các tháng 6, 7, 8", "vào tháng 6" (not "hoàn thành trong tháng 6").
  static const std::regex kList(R"((trong|vào|các)\s+(các\s+)?tháng\s+(\d{1,2})((\s*,\s*|\s+và\s+)\d{1,2})*(?![\d/]))");
  static const std::regex kDone(R"((hoàn thành|xong|trước|chậm nhất|hạn|báo cáo)[^,;.]{0,20}$)");
  std::smatch m;
  if (std::regex_search(text, m, kRange)) return months(std::stoi(m[3]), std::stoi(m[6]), m.str());
  for (std::sregex_iterator it(text.begin(), text.end(), kList), end; it != end; ++it) {
    if (std::regex_search(before(text, size_t(it->position(0)), 40), kDone)) continue;
    static const std::regex kNumber(R"(\d{1,2})");
    std::string list = it->str();
    int lo = 13, hi = 0;
    for (std::sregex_iterator n(list.begin(), list.end(), kNumber), stop; n != stop; ++n) {
      lo = std::min(lo, std::stoi(n->str()));
      hi = std::max(hi, std::stoi(n->str()));
    }
    if (auto season = months(lo, hi, list)) return season;
  }
  struct Named {
    Words words;
    int from, to;
    const char* note;
  };
  static const std::array<Named, 4> kSeasons{{
      {{"mùa mưa bão", "mùa mưa lũ", "mùa bão lũ", "mùa bão"}, 6, 11,
       "the storm season, taken as June to November; adjust it to the region"},
      {{"mùa mưa"}, 5, 10,
       "the rainy season, taken as May to October; in the central provinces it runs September to December"},
      {{"mùa hè", "dịp hè", "nghỉ hè", "kỳ nghỉ hè", "trong hè"}, 6, 8, "the summer holidays, taken as June to August"},
      {{"mùa khô", "mùa hanh khô"}, 0, 0,
       "the plan asks for the dry season (about November to April), which spans the new year: "
       "give the topic a start and an end, or split it"},
  }};
  for (const auto& season : kSeasons) {
    std::string_view found;
    if (findAny(text, season.words, &found) == std::string_view::npos) continue;
    Season out;
    if (season.from) out = *months(season.from, season.to, "");
    out.words = std::string(found);
    out.note = season.note;
    return out;
  }
  return std::nullopt;
}

std::vector<std::string> audiencesOf(std::string_view lower) {
  static const std::array<std::pair<std::string_view, Words>, 6> kAudiences = {{
      {"elderly", {"người cao tuổi", "người già", "cao tuổi"}},
      {"vulnerable", {"người yếu thế", "nhóm yếu thế", "đối tượng yếu thế", "hộ nghèo"}},
      {"young", {"thanh niên", "giới trẻ", "công dân trẻ", "người trẻ", "học sinh", "sinh viên", "đoàn viên"}},
      {"women", {"phụ nữ"}},
      {"disabled", {"người khuyết tật"}},
      {"minority", {"đồng bào dân tộc", "dân tộc thiểu số"}},
  }};
  std::vector<std::string> out;
  for (const auto& [id, words] : kAudiences)
    if (findAny(lower, words) != std::string_view::npos) out.emplace_back(id);
  return out;
}

}  // namespace wardcast::plan_text
