#pragma once
// The numbering marker at the start of a plan paragraph: "II.", "PHẦN 2",
// "A.", "3.", "3.1.", "đ)", "-". Vietnamese plans letter their items in the
// order a b c d đ e g h i k l m n ... (DOMAIN.md); the label keeps the
// letter as written. Pure functions.
#include <optional>
#include <string>
#include <string_view>

namespace wardcast::plan_text {

enum class MarkerStyle {
  kPart = 1,     // "Phần I", "PHẦN 2", "Chương 3", "Mục 4"
  kRoman,        // "I.", "IV)"
  kUpperLetter,  // "A.", "B)"
  kArabic,       // "1.", "2)"
  kArabic2,      // "1.1", "2.3."
  kArabic3,      // "1.1.1"
  kLetter,       // "a)", "đ.", "f)"
  kDash,         // "-", "–", "—"
  kPlus,         // "+"
  kDot,          // "•", "*", "◦", "▪", "●", "·"
  // Not written as markers, made by the outline parser:
  kHeading,      // an unnumbered all-caps heading ("NỘI DUNG TUYÊN TRUYỀN")
  kAppendix,     // "PHỤ LỤC ..." after the signature
  kTableRow,     // a data row of a table
};

struct Marker {
  MarkerStyle style = MarkerStyle::kArabic;
  int ordinal = 0;             // 1-based place in its sequence; 0 for bullets
  std::string label;           // as shown in section paths: "II", "3", "đ", "2.1"
  size_t length = 0;           // bytes of the marker and the space after it
  int letter_ordinal = 0;      // for one-letter Roman numerals (C, D, I, L, M, V, X):
                               // the ordinal if it is an upper-case letter instead
  bool isBullet() const {
    return style == MarkerStyle::kDash || style == MarkerStyle::kPlus || style == MarkerStyle::kDot;
  }
};

// The marker at the start of `paragraph` (already trimmed), if any.
std::optional<Marker> parseMarker(std::string_view paragraph);

// Value of a Roman numeral ("XIV" -> 14); 0 when not a canonical numeral.
int romanValue(std::string_view text);

}  // namespace wardcast::plan_text
