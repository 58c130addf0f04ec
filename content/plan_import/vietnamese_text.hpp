#pragma once
// Unicode helpers for Vietnamese plan text, on UTF-8 std::string, backed by
// ICU. Pure functions; safe from any thread.
#include <string>
#include <string_view>

namespace wardcast::plan_text {

// True when `text` is well-formed UTF-8 with no NUL and few control bytes
// (tab, newline, carriage return and form feed are allowed).
bool looksLikeText(std::string_view text);
// Byte offset of the first byte that is not well-formed UTF-8 (or a NUL);
// text.size() when there is none.
std::size_t firstInvalidByte(std::string_view text);

// Unicode normalisation form C (composed): NFD input ("a" + combining marks)
// becomes the precomposed letters the lexicon is written in.
std::string toNfc(std::string_view text);

// Vietnamese lower and upper case (ICU, locale "vi").
std::string toLower(std::string_view text);
std::string toUpper(std::string_view text);

// ASCII transliteration: strips diacritics, maps đ/Đ to d/D.
std::string asciiFold(std::string_view text);

// "vai-tro-tam-quan-trong": lower-case ASCII words joined by '-'.
std::string slugify(std::string_view text);

// Number of code points.
size_t codePoints(std::string_view text);

// First code point is a lower-case letter (Vietnamese letters included).
bool startsLower(std::string_view text);
// First code point is an upper-case letter.
bool startsUpper(std::string_view text);
// Has at least one letter and no lower-case letters: "III. NỘI DUNG".
bool isAllCaps(std::string_view text);

// Trims ASCII white space at both ends.
std::string_view trim(std::string_view text);
// Collapses runs of white space into one space, and trims.
std::string squeezeSpaces(std::string_view text);

}  // namespace wardcast::plan_text
