#include "content/plan_import/plan_metadata.hpp"

#include <fmt/format.h>

#include <map>
#include <regex>
#include <set>

#include "content/plan_import/vietnamese_text.hpp"

namespace wardcast::plan_text {
namespace {

const std::string kCommittee = "(Ủy ban nhân dân|Uỷ ban nhân dân|UBND|ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN)";
const std::string kLevel = "(phường|xã|huyện|quận|thị xã|thị trấn|thành phố|tỉnh)";

// Leading words of `text` that start with a capital letter: "Hương Trà".
std::string capitalisedWords(std::string_view text) {
  std::string out;
  size_t at = 0;
  text = trim(text);
  while (at < text.size()) {
    size_t end = text.find(' ', at);
    if (end == std::string_view::npos) end = text.size();
    std::string_view word = text.substr(at, end - at);
    while (!word.empty() && std::string_view(",;.:)").find(word.back()) != std::string_view::npos) word.remove_suffix(1);
    if (!startsUpper(word)) break;
    out += (out.empty() ? "" : " ") + std::string(word);
    at = end + 1;
  }
  return out;
}

std::optional<Date> dateOf(int year, int month, int day) {
  Date d{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month)},
         std::chrono::day{static_cast<unsigned>(day)}};
  return d.ok() ? std::optional<Date>(d) : std::nullopt;
}

// Every full date in the text: "ngày 14 tháng 4 năm 2026", "14/01/2026".
std::vector<Date> datesIn(const std::string& text) {
  static const std::regex kDate(R"(ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})|(\d{1,2})/(\d{1,2})/(\d{4}))");
  std::vector<Date> out;
  for (std::sregex_iterator it(text.begin(), text.end(), kDate), end; it != end; ++it) {
    const auto& m = *it;
    std::optional<Date> d = m[1].matched ? dateOf(std::stoi(m[3]), std::stoi(m[2]), std::stoi(m[1]))
                                         : dateOf(std::stoi(m[6]), std::stoi(m[5]), std::stoi(m[4]));
    if (d) out.push_back(*d);
  }
  return out;
}

std::string findTitle(const std::vector<std::string>& preamble) {
  for (size_t i = 0; i < preamble.size(); ++i) {
    std::string upper = toUpper(preamble[i]);
    if (upper.rfind("KẾ HOẠCH", 0) != 0 || !isAllCaps(preamble[i].substr(0, std::min<size_t>(preamble[i].size(), 12))))
      continue;
    std::string rest(trim(std::string_view(preamble[i]).substr(std::string("KẾ HOẠCH").size())));
    if (!rest.empty()) return rest;
    if (i + 1 < preamble.size()) return preamble[i + 1];
  }
  for (const auto& p : preamble) {
    std::string lower = toLower(p);
    if (lower.rfind("căn cứ", 0) == 0 || lower.rfind("số", 0) == 0 || lower.find(", ngày") != std::string::npos) continue;
    if (std::count(p.begin(), p.end(), ' ') >= 4) return p;
  }
  return {};
}

int findYear(const std::string& title, const std::vector<std::string>& preamble) {
  static const std::regex kYear(R"(năm\s+(20\d\d))");
  std::smatch m;
  std::string lower = toLower(title);
  if (std::regex_search(lower, m, kYear)) return std::stoi(m[1]);
  std::map<int, int> counts;
  static const std::regex kAnyYear(R"((^|\D)(20\d\d)(\D|$))");
  for (const auto& p : preamble)
    for (std::sregex_iterator it(p.begin(), p.end(), kAnyYear), end; it != end; ++it) ++counts[std::stoi((*it)[2])];
  int best = 0;
  for (const auto& [year, count] : counts)
    if (!best || count >= counts[best]) best = year;  // ties go to the later year
  return best;
}

// "AN BÌNH" -> "An Bình".
std::string titleCase(std::string_view upper) {
  std::string out;
  for (size_t at = 0; at < upper.size();) {
    size_t end = upper.find(' ', at);
    if (end == std::string_view::npos) end = upper.size();
    std::string word = toLower(upper.substr(at, end - at));
    size_t first = 1;
    while (first < word.size() && (static_cast<unsigned char>(word[first]) & 0xC0) == 0x80) ++first;
    if (!word.empty()) out += (out.empty() ? "" : " ") + toUpper(word.substr(0, first)) + word.substr(first);
    at = end + 1;
  }
  return out;
}

// The letterhead: a line that is only the committee and its place, "UBND
// PHƯỜNG AN BÌNH" or "ỦY BAN NHÂN DÂN XÃ TÂN AN"; the last such line (the
// lowest level when the letterhead names two) before the title.
std::optional<std::string> letterheadIssuer(const std::vector<std::string>& preamble, const std::string& title) {
  static const std::regex kLetterhead("^\\s*" + kCommittee + "\\s+(.{3,50}?)\\s*$", std::regex::icase);
  static const char* kLevels[] = {"thị xã", "thị trấn", "thành phố", "phường", "xã", "huyện", "quận", "tỉnh"};
  std::optional<std::string> found;
  for (const auto& p : preamble) {
    if (!title.empty() && p.find(title) != std::string::npos) break;
    std::smatch m;
    if (!std::regex_match(p, m, kLetterhead)) continue;
    std::string place = m[2].str(), lower = toLower(place);
    for (std::string_view level : kLevels) {
      if (lower.rfind(std::string(level) + " ", 0) != 0) continue;
      std::string name(trim(std::string_view(place).substr(level.size() + 1)));
      if (name.empty()) break;
      found = "UBND " + std::string(level) + " " + (toUpper(name) == name ? titleCase(name) : name);
      break;
    }
  }
  return found;
}

void findIssuer(const std::vector<std::string>& preamble, const std::string& title, PlanMetadata& meta) {
  static const std::regex kIssues(kCommittee + "\\s+" + kLevel + "([^,;.]{0,60}?)\\s+(ban hành|xây dựng)");
  static const std::regex kLocality(kLevel + "\\s+(\\S.*)$");
  for (const auto& p : preamble) {
    std::smatch m;
    if (!std::regex_search(p, m, kIssues)) continue;
    std::string name = capitalisedWords(m[3].str());
    if (name.empty()) {
      // "UBND huyện ban hành ... trên địa bàn huyện Mê Linh": the name is elsewhere.
      std::string level = m[2];
      for (const auto& text : {title, p}) {
        for (size_t at = text.find(level + " "); at != std::string::npos; at = text.find(level + " ", at + 1)) {
          name = capitalisedWords(std::string_view(text).substr(at + level.size() + 1));
          if (!name.empty()) break;
        }
        if (!name.empty()) break;
      }
      meta.issuer_guessed = true;
    }
    meta.issuer = "UBND " + m[2].str() + (name.empty() ? "" : " " + name);
    return;
  }
  if (auto letterhead = letterheadIssuer(preamble, title)) {
    meta.issuer = *letterhead;
    return;
  }
  std::smatch m;
  static const std::regex kPlace("địa bàn\\s+" + kLevel + "\\s+(.*)$");
  if (std::regex_search(title, m, kPlace)) {
    std::string name = capitalisedWords(m[2].str());
    if (!name.empty()) {
      meta.issuer = "UBND " + m[1].str() + " " + name;
      meta.issuer_guessed = true;
    }
  }
}

void findStart(const std::vector<std::string>& preamble, PlanMetadata& meta) {
  static const std::regex kDateLine(R"(ngày\s*(\d{1,2})?\s*tháng\s*(\d{1,2})?\s*năm\s*(\d{4}))");
  std::optional<int> line_month;
  for (const auto& p : preamble) {
    std::string lower = toLower(p);
    if (codePoints(p) > 80 || lower.rfind("căn cứ", 0) == 0) continue;
    std::smatch m;
    if (!std::regex_search(lower, m, kDateLine) || std::stoi(m[3]) != meta.year) continue;
    if (m[1].matched && m[2].matched) {
      if ((meta.start = dateOf(meta.year, std::stoi(m[2]), std::stoi(m[1])))) {
        meta.start_reason = "the plan's date";
        return;
      }
    }
    if (m[2].matched) line_month = std::stoi(m[2]);
    break;
  }
  std::optional<Date> latest;
  for (const auto& p : preamble)
    for (Date d : datesIn(toLower(p)))
      if (static_cast<int>(d.year()) == meta.year && (!latest || d > *latest)) latest = d;
  if (latest) latest = Date{std::chrono::sys_days{*latest} + std::chrono::days{1}};
  if (line_month && *line_month >= 1 && *line_month <= 12) {
    Date first = *dateOf(meta.year, *line_month, 1);
    bool later_ref = latest && latest->month() == first.month() && *latest > first;
    meta.start = later_ref ? *latest : first;
    meta.start_reason = later_ref ? "the day after the latest document the plan cites, in the month of its date line"
                                  : "the first day of the month in the plan's (undated) date line";
    return;
  }
  if (latest) {
    meta.start = latest;
    meta.start_reason = "the day after the latest document the plan cites (the plan itself has no date)";
    return;
  }
  if (meta.year) {
    meta.start = dateOf(meta.year, 1, 1);
    meta.start_reason = "the first day of the plan's year (the plan has no date)";
  }
}

}  // namespace

PlanMetadata readMetadata(const std::vector<std::string>& preamble) {
  PlanMetadata meta;
  meta.title = findTitle(preamble);
  meta.year = findYear(meta.title, preamble);
  findIssuer(preamble, meta.title, meta);
  findStart(preamble, meta);
  return meta;
}

std::string firstClause(const std::string& text, size_t max_chars) {
  size_t cut = text.size();
  for (std::string_view stop : {";", ". ", ": "}) cut = std::min(cut, text.find(stop));
  std::string clause(trim(std::string_view(text).substr(0, cut)));
  while (!clause.empty() && std::string_view(".,;:").find(clause.back()) != std::string_view::npos) clause.pop_back();
  if (codePoints(clause) <= max_chars) return clause;
  // Byte offset of the max_chars-th code point.
  size_t limit = 0;
  for (size_t starts = 0; limit < clause.size(); ++limit) {
    bool start = (static_cast<unsigned char>(clause[limit]) & 0xC0) != 0x80;
    if (start && ++starts > max_chars) break;
  }
  size_t comma = clause.rfind(", ", limit);
  if (comma != std::string::npos && codePoints(clause.substr(0, comma)) >= 50) return clause.substr(0, comma);
  size_t space = clause.rfind(' ', limit);
  return std::string(trim(clause.substr(0, space == std::string::npos ? limit : space))) + "…";
}

std::string titleSlug(const std::string& title, size_t max_words) {
  static const std::set<std::string> kStopWords = {
      "ve", "va", "cua", "cac", "nhung", "viec", "cho", "de", "voi", "tren", "tai", "theo", "trong", "la",
      "o", "tu", "den", "duoc", "nham", "qua", "doi", "mot", "so", "khac", "nay", "do", "hoac", "cung", "nhu"};
  static const std::set<std::string> kStopPairs = {
      "tuyen truyen", "thong tin", "tiep tuc", "tap trung", "day manh", "pho bien", "trien khai",
      "tang cuong", "ke hoach", "truyen thong", "noi dung"};
  std::vector<std::string> words;
  std::string slug = slugify(title);
  for (size_t at = 0; at < slug.size();) {
    size_t end = slug.find('-', at);
    if (end == std::string::npos) end = slug.size();
    words.push_back(slug.substr(at, end - at));
    at = end + 1;
  }
  std::string out;
  size_t kept = 0;
  for (size_t i = 0; i < words.size() && kept < max_words; ++i) {
    if (i + 1 < words.size() && kStopPairs.count(words[i] + " " + words[i + 1])) {
      ++i;
      continue;
    }
    if (kStopWords.count(words[i])) continue;
    out += (out.empty() ? "" : "-") + words[i];
    ++kept;
  }
  return out;
}

}  // namespace wardcast::plan_text
