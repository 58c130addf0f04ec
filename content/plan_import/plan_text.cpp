#include "content/plan_import/plan_text.hpp"

#include <algorithm>
#include <map>
#include <regex>

#include "content/plan_import/plan_marker.hpp"
#include "content/plan_import/vietnamese_text.hpp"

namespace wardcast::plan_text {
namespace {

const std::string kPageBreak = "\f";  // stands for a page break in the line list

void replaceAll(std::string& text, std::string_view from, std::string_view to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
}

// Unicode spaces -> ' '; invisible characters removed.
void normaliseSpaces(std::string& text) {
  for (auto space : {"\u00A0", "\u2002", "\u2003", "\u2007", "\u2009", "\u202F", "\u3000"})
    replaceAll(text, space, " ");
  for (auto invisible : {"\u200B", "\u200C", "\u200D", "\uFEFF", "\u00AD"}) replaceAll(text, invisible, "");
}

void stripHtml(std::string& text) {
  // Inline tags vanish ("<b>Lưu ý</b>:"), block tags separate words.
  static const std::regex kInline(R"(</?(b|i|u|em|strong|span|font|a|sup|sub|mark|small)(\s[^<>]*)?/?>)",
                                  std::regex::icase);
  static const std::regex kTag(R"(</?[A-Za-z][A-Za-z0-9]*(\s[^<>]*)?/?>)");
  if (text.find('<') != std::string::npos) text = std::regex_replace(std::regex_replace(text, kInline, ""), kTag, " ");
  if (text.find('&') == std::string::npos) return;
  static const std::pair<std::string_view, std::string_view> kEntities[] = {
      {"&nbsp;", " "}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&apos;", "'"}, {"&amp;", "&"}};
  for (const auto& [entity, value] : kEntities) replaceAll(text, entity, value);
}

std::string markdownTableRow(std::string_view line) {
  std::string row;
  std::string_view inner = trim(line);
  inner.remove_prefix(1);
  if (!inner.empty() && inner.back() == '|') inner.remove_suffix(1);
  bool separator = true;
  for (char c : inner) separator = separator && (c == '-' || c == ':' || c == '|' || c == ' ');
  if (separator) return "";
  size_t start = 0;
  for (size_t i = 0; i <= inner.size(); ++i) {
    if (i == inner.size() || inner[i] == '|') {
      row += (start ? "\t" : "") + std::string(trim(inner.substr(start, i - start)));
      start = i + 1;
    }
  }
  return row;
}

void stripMarkdown(std::string& text) {
  std::string_view view = trim(text);
  if (view.empty()) return;
  if (view[0] == '|') {
    text = markdownTableRow(view);
    return;
  }
  size_t hashes = 0;
  while (hashes < view.size() && view[hashes] == '#') ++hashes;
  if (hashes > 0 && hashes <= 6 && (hashes == view.size() || view[hashes] == ' ')) view.remove_prefix(hashes);
  while (!view.empty() && view[0] == '>') view = trim(view.substr(1));
  std::string out(trim(view));
  if (out.size() >= 3 && out.find_first_not_of("-*_ ") == std::string::npos) {
    text.clear();
    return;
  }
  std::string prefix;
  if (out.rfind("* ", 0) == 0) {
    prefix = "* ";
    out.erase(0, 2);
  }
  static const std::regex kLink(R"(\[([^\]]*)\]\([^)]*\))");
  if (out.find("](") != std::string::npos) out = std::regex_replace(out, kLink, "$1");
  out.erase(std::remove(out.begin(), out.end(), '*'), out.end());
  out.erase(std::remove(out.begin(), out.end(), '`'), out.end());
  replaceAll(out, "__", "");
  std::string unescaped;
  for (size_t i = 0; i < out.size(); ++i) {
    if (out[i] == '\\' && i + 1 < out.size() && std::ispunct(static_cast<unsigned char>(out[i + 1]))) continue;
    unescaped.push_back(out[i]);
  }
  text = prefix + unescaped;
}

bool isPageNumber(std::string_view line) {
  static const std::regex kPatterns(
      R"(^[-–— ]*\d{1,3}[-–— ]*$|^(Trang|TRANG|Page|page|trang) *\d{1,3}( *(/|of|trên) *\d{1,3})?$|^\d{1,3} */ *\d{1,3}$)");
  return std::regex_match(line.begin(), line.end(), kPatterns);
}

// A key that is the same for a page header on every page ("Trang 3" and
// "Trang 4" both become "Trang #").
std::string furnitureKey(std::string_view line) {
  std::string key;
  bool digits = false;
  for (char c : line) {
    if (std::isdigit(static_cast<unsigned char>(c))) {
      if (!digits) key.push_back('#');
      digits = true;
    } else {
      key.push_back(c);
      digits = false;
    }
  }
  return key;
}

bool endsSentence(std::string_view line) {
  while (!line.empty()) {
    char c = line.back();
    if (c == ')' || c == '"' || c == '\'' || c == ']' || c == ' ') {
      line.remove_suffix(1);
    } else if (line.size() >= 3 && (line.substr(line.size() - 3) == "”" || line.substr(line.size() - 3) == "’")) {
      line.remove_suffix(3);
    } else {
      break;
    }
  }
  if (line.empty()) return false;
  char c = line.back();
  return c == '.' || c == ';' || c == ':' || c == '!' || c == '?' || line.substr(line.size() >= 3 ? line.size() - 3 : 0) == "…";
}

struct Layout {
  bool wrapped = false;  // lines were broken at a fixed width
  size_t width = 0;      // that width, in code points
};

Layout measure(const std::vector<std::string>& lines) {
  std::vector<size_t> lengths;
  for (const auto& l : lines)
    if (!l.empty() && l != kPageBreak && l.find('\t') == std::string::npos) lengths.push_back(codePoints(l));
  if (lengths.size() < 10) return {};
  std::sort(lengths.begin(), lengths.end());
  size_t p90 = lengths[lengths.size() * 9 / 10];
  return {p90 <= 110, p90};
}

// Decides whether `line` continues the paragraph whose last physical line
// is `prev`. `blank` says a blank line (or a removed page header) came between.
// `page_break`: the blank was a page break or a removed page header.
bool continues(std::string_view prev, std::string_view line, bool blank, bool page_break, const Layout& layout) {
  auto marker = parseMarker(line);
  bool prev_terminal = endsSentence(prev);
  bool prev_caps = isAllCaps(prev);
  size_t short_limit = layout.wrapped ? layout.width * 3 / 4 : 60;
  bool prev_short = codePoints(prev) < short_limit;
  if (marker && !marker->isBullet()) return false;
  // A bullet mid-sentence ("trực tuyến - lấy người dân") continues a long
  // unfinished line; after a blank line a bullet always starts an item.
  if (marker) return !blank && !prev_terminal && !prev_short && !prev_caps;
  if (startsLower(line)) return !prev_caps;
  bool caps = isAllCaps(line);
  if (caps || prev_caps) return caps && prev_caps && layout.wrapped && !blank && !prev_short && !prev_terminal;
  // A page break after a long unfinished line splits a paragraph; after a
  // plain blank line only a lower-case start continues (handled above).
  if (page_break) return !prev_terminal && !prev_short;
  if (blank || !layout.wrapped) return false;
  // Hard-wrapped text: a line that stops well short of the width ended its
  // paragraph (a title, a heading, a last line); a full one ran on.
  return !prev_short;
}

}  // namespace

std::string cleanLine(std::string_view raw) {
  std::string line(raw);
  normaliseSpaces(line);
  stripHtml(line);
  stripMarkdown(line);
  bool table = false;
  if (line.find('\t') != std::string::npos) {
    std::string row;
    int cells = 0;
    size_t start = 0;
    for (size_t i = 0; i <= line.size(); ++i) {
      if (i == line.size() || line[i] == '\t') {
        std::string cell = squeezeSpaces(line.substr(start, i - start));
        row += (start ? "\t" : "") + cell;
        cells += cell.empty() ? 0 : 1;
        start = i + 1;
      }
    }
    table = cells >= 2;
    if (table) return row;
  }
  (void)table;
  return squeezeSpaces(line);
}

std::vector<Paragraph> planParagraphs(std::string_view raw) {
  std::string text = toNfc(raw);
  replaceAll(text, "\r\n", "\n");
  std::replace(text.begin(), text.end(), '\r', '\n');
  replaceAll(text, "\f", "\n\f\n");
  std::vector<std::string> lines;
  for (size_t start = 0; start <= text.size();) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string_view line = std::string_view(text).substr(start, end - start);
    lines.push_back(line == "\f" ? kPageBreak : cleanLine(line));
    start = end + 1;
  }
  // Page furniture: page numbers, and short lines repeated on many pages.
  std::map<std::string, int> seen;
  for (const auto& l : lines)
    if (!l.empty() && l.find('\t') == std::string::npos && codePoints(l) < 120) ++seen[furnitureKey(l)];
  std::vector<std::string> kept;
  std::vector<std::string> table_rows_seen;
  for (auto& l : lines) {
    bool table = l.find('\t') != std::string::npos;
    if (l == kPageBreak) {
      kept.push_back(l);
      continue;
    }
    if (!table && !l.empty() &&
        (isPageNumber(l) || (seen[furnitureKey(l)] >= 3 && !parseMarker(l) && !startsLower(l) && !endsSentence(l)))) {
      kept.emplace_back(kPageBreak);  // a removed header marks a page break
      continue;
    }
    if (table) {
      // A header row repeated on every page: keep the first one only.
      bool header_like = !l.empty() && !std::isdigit(static_cast<unsigned char>(l[0]));
      if (header_like && std::find(table_rows_seen.begin(), table_rows_seen.end(), l) != table_rows_seen.end()) continue;
      table_rows_seen.push_back(l);
    }
    kept.push_back(std::move(l));
  }
  Layout layout = measure(kept);
  std::vector<Paragraph> paragraphs;
  std::string prev_line;
  bool blank = true;
  bool page_break = false;
  for (auto& l : kept) {
    if (l.empty() || l == kPageBreak) {
      page_break = page_break || l == kPageBreak;
      blank = true;
      continue;
    }
    bool table = l.find('\t') != std::string::npos;
    bool join = !table && !paragraphs.empty() && !paragraphs.back().table_row &&
                continues(prev_line, l, blank, page_break, layout);
    // A line broken after a slash ("3 lần/" + "tuần") joins without a space.
    if (join) paragraphs.back().text += (paragraphs.back().text.back() == '/' ? "" : " ") + l;
    else paragraphs.push_back(Paragraph{l, table});
    prev_line = l;
    blank = false;
    page_break = false;
  }
  return paragraphs;
}

}  // namespace wardcast::plan_text
