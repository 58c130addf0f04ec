#include "content/plan_import/plan_marker.hpp"

#include <array>
#include <cctype>

namespace wardcast::plan_text {
namespace {

constexpr int kMaxOrdinal = 60;  // "2026." starts a sentence, not item 2026

bool isSpace(char c) { return c == ' ' || c == '\t'; }

// Marker text must be followed by white space or the end of the paragraph.
bool endsMarker(std::string_view text, size_t at) { return at >= text.size() || isSpace(text[at]); }

size_t skipSpaces(std::string_view text, size_t at) {
  while (at < text.size() && isSpace(text[at])) ++at;
  return at;
}

// Ordinal of a lower-case item letter in Vietnamese order; letters outside
// it (f, j, w, z) sit after their Latin predecessor.
int letterOrdinal(std::string_view letter) {
  static constexpr std::array<std::string_view, 23> kOrder = {
      "a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m",
      "n", "o", "p", "q", "r", "s", "t", "u", "v", "x", "y"};
  for (size_t i = 0; i < kOrder.size(); ++i)
    if (kOrder[i] == letter) return static_cast<int>(i) + 1;
  if (letter == "f") return 7;
  if (letter == "j") return 10;
  if (letter == "w") return 22;
  if (letter == "z") return 24;
  return 0;
}

std::optional<Marker> bullet(std::string_view text) {
  static constexpr std::array<std::pair<std::string_view, MarkerStyle>, 10> kBullets = {{
      {"-", MarkerStyle::kDash}, {"–", MarkerStyle::kDash}, {"—", MarkerStyle::kDash},
      {"+", MarkerStyle::kPlus}, {"•", MarkerStyle::kDot},  {"*", MarkerStyle::kDot},
      {"◦", MarkerStyle::kDot},  {"▪", MarkerStyle::kDot},  {"●", MarkerStyle::kDot},
      {"·", MarkerStyle::kDot},
  }};
  for (const auto& [symbol, style] : kBullets) {
    if (text.substr(0, symbol.size()) == symbol && text.size() > symbol.size() && isSpace(text[symbol.size()]))
      return Marker{style, 0, "", skipSpaces(text, symbol.size()), 0};
  }
  return std::nullopt;
}

// "Phần I", "PHẦN 2.", "Chương III:", "Mục 4"
std::optional<Marker> part(std::string_view text) {
  static constexpr std::array<std::string_view, 6> kWords = {"Phần ", "PHẦN ", "Chương ", "CHƯƠNG ", "Mục ", "MỤC "};
  for (auto word : kWords) {
    if (text.substr(0, word.size()) != word) continue;
    size_t at = word.size();
    size_t end = at;
    while (end < text.size() && std::isalnum(static_cast<unsigned char>(text[end]))) ++end;
    std::string_view number = text.substr(at, end - at);
    int ordinal = romanValue(number);
    if (!ordinal && !number.empty() && number.size() <= 2 &&
        std::isdigit(static_cast<unsigned char>(number[0])) && std::isdigit(static_cast<unsigned char>(number.back())))
      ordinal = std::stoi(std::string(number));
    if (!ordinal || ordinal > kMaxOrdinal) continue;
    if (end < text.size() && (text[end] == '.' || text[end] == ':' || text[end] == ')')) ++end;
    if (!endsMarker(text, end)) continue;
    return Marker{MarkerStyle::kPart, ordinal, std::string(number), skipSpaces(text, end), 0};
  }
  return std::nullopt;
}

std::optional<Marker> arabic(std::string_view text) {
  size_t at = 0;
  std::array<int, 3> parts{};
  int depth = 0;
  std::string label;
  while (depth < 3) {
    size_t start = at;
    while (at < text.size() && std::isdigit(static_cast<unsigned char>(text[at])) && at - start < 3) ++at;
    if (at == start) break;
    parts[depth] = std::stoi(std::string(text.substr(start, at - start)));
    label += (depth ? "." : "") + std::string(text.substr(start, at - start));
    ++depth;
    if (at < text.size() && text[at] == '.' && at + 1 < text.size() && std::isdigit(static_cast<unsigned char>(text[at + 1]))) {
      ++at;
      continue;
    }
    break;
  }
  if (depth == 0 || parts[depth - 1] < 1 || parts[depth - 1] > kMaxOrdinal) return std::nullopt;
  bool closed = at < text.size() && (text[at] == '.' || text[at] == ')');
  if (closed) ++at;
  if (!endsMarker(text, at) || at >= text.size()) return std::nullopt;
  if (!closed && depth == 1) return std::nullopt;  // "5 năm" is not an item
  auto style = depth == 1 ? MarkerStyle::kArabic : depth == 2 ? MarkerStyle::kArabic2 : MarkerStyle::kArabic3;
  return Marker{style, parts[depth - 1], label, skipSpaces(text, at), 0};
}

std::optional<Marker> letters(std::string_view text) {
  // Roman numerals, upper-case letters, lower-case letters (đ is 2 bytes).
  size_t end = 0;
  while (end < text.size() && std::isupper(static_cast<unsigned char>(text[end]))) ++end;
  if (end > 0 && end < text.size() && (text[end] == '.' || text[end] == ')') && endsMarker(text, end + 1)) {
    std::string_view word = text.substr(0, end);
    int value = romanValue(word);
    if (value > 0 && value <= kMaxOrdinal) {
      int letter = end == 1 ? word[0] - 'A' + 1 : 0;
      return Marker{MarkerStyle::kRoman, value, std::string(word), skipSpaces(text, end + 1), letter};
    }
    if (end == 1)
      return Marker{MarkerStyle::kUpperLetter, word[0] - 'A' + 1, std::string(word), skipSpaces(text, end + 1), 0};
    return std::nullopt;
  }
  size_t size = text.substr(0, 2) == "đ" ? 2 : 1;
  if (text.size() <= size + 1) return std::nullopt;
  std::string_view letter = text.substr(0, size);
  bool lower = size == 2 || (letter[0] >= 'a' && letter[0] <= 'z');
  if (!lower || (text[size] != ')' && text[size] != '.') || !endsMarker(text, size + 1)) return std::nullopt;
  int ordinal = letterOrdinal(letter);
  if (!ordinal) return std::nullopt;
  return Marker{MarkerStyle::kLetter, ordinal, std::string(letter), skipSpaces(text, size + 1), 0};
}

}  // namespace

int romanValue(std::string_view text) {
  if (text.empty() || text.size() > 8) return 0;
  auto digit = [](char c) {
    switch (c) {
      case 'I': return 1;
      case 'V': return 5;
      case 'X': return 10;
      case 'L': return 50;
      case 'C': return 100;
      case 'D': return 500;
      case 'M': return 1000;
      default: return 0;
    }
  };
  int total = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    int v = digit(text[i]);
    if (!v) return 0;
    int next = i + 1 < text.size() ? digit(text[i + 1]) : 0;
    total += v < next ? -v : v;
  }
  // Canonical form only: re-encode and compare ("IIII", "VV" are not numerals).
  static const std::pair<int, const char*> kParts[] = {{1000, "M"}, {900, "CM"}, {500, "D"}, {400, "CD"},
                                                       {100, "C"},  {90, "XC"},  {50, "L"},  {40, "XL"},
                                                       {10, "X"},   {9, "IX"},   {5, "V"},   {4, "IV"},
                                                       {1, "I"}};
  std::string canonical;
  int n = total;
  for (const auto& [value, part] : kParts)
    for (; n >= value; n -= value) canonical += part;
  return canonical == text ? total : 0;
}

std::optional<Marker> parseMarker(std::string_view paragraph) {
  if (paragraph.empty()) return std::nullopt;
  if (auto m = part(paragraph)) return m;
  if (auto m = bullet(paragraph)) return m;
  if (std::isdigit(static_cast<unsigned char>(paragraph[0]))) return arabic(paragraph);
  return letters(paragraph);
}

}  // namespace wardcast::plan_text
