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
