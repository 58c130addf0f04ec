#include "content/plan_import/vietnamese_text.hpp"

#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

namespace wardcast::plan_text {
namespace {

icu::UnicodeString fromUtf8(std::string_view text) {
  return icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
}

std::string toUtf8(const icu::UnicodeString& text) {
  std::string out;
  text.toUTF8String(out);
  return out;
}

// Decodes the first code point of `text`; U_SENTINEL (-1) when empty/bad.
UChar32 firstCodePoint(std::string_view text) {
  if (text.empty()) return U_SENTINEL;
  int32_t i = 0;
  UChar32 c;
  U8_NEXT(reinterpret_cast<const uint8_t*>(text.data()), i, static_cast<int32_t>(text.size()), c);
  return c;
}

}  // namespace

bool looksLikeText(std::string_view text) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  auto length = static_cast<int32_t>(text.size());
  int32_t i = 0;
  size_t controls = 0;
  while (i < length) {
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (c < 0 || c == 0) return false;
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') ++controls;
  }
  return controls * 100 <= text.size();
}

std::size_t firstInvalidByte(std::string_view text) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  auto length = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < length;) {
    int32_t at = i;
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (c <= 0) return std::size_t(at);
  }
  return text.size();
}

std::string toNfc(std::string_view text) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return std::string(text);
  icu::UnicodeString out = nfc->normalize(fromUtf8(text), status);
  if (U_FAILURE(status)) return std::string(text);
  return toUtf8(out);
}

std::string toLower(std::string_view text) {
  icu::UnicodeString s = fromUtf8(text);
  s.toLower(icu::Locale("vi"));
  return toUtf8(s);
}

std::string toUpper(std::string_view text) {
  icu::UnicodeString s = fromUtf8(text);
  s.toUpper(icu::Locale("vi"));
  return toUtf8(s);
}

std::string asciiFold(std::string_view text) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  if (U_FAILURE(status)) return {};
  icu::UnicodeString decomposed = nfd->normalize(fromUtf8(text), status);
  std::string out;
  for (int32_t i = 0; i < decomposed.length();) {
    UChar32 c = decomposed.char32At(i);
    i += U16_LENGTH(c);
    if (c == 0x0111) c = 'd';  // đ
    if (c == 0x0110) c = 'D';  // Đ
    if (u_charType(c) == U_NON_SPACING_MARK) continue;
    if (c < 0x80) out.push_back(static_cast<char>(c));
  }
  return out;
}

std::string slugify(std::string_view text) {
  std::string ascii = asciiFold(text);
  std::string out;
  bool dash = false;
  for (char ch : ascii) {
    bool alnum = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9');
    if (ch >= 'A' && ch <= 'Z') {
      ch = static_cast<char>(ch - 'A' + 'a');
      alnum = true;
    }
    if (alnum) {
      if (dash && !out.empty()) out.push_back('-');
      out.push_back(ch);
      dash = false;
    } else {
      dash = true;
    }
  }
  return out;
}

size_t codePoints(std::string_view text) {
  size_t n = 0;
  for (char ch : text)
    if ((static_cast<unsigned char>(ch) & 0xC0) != 0x80) ++n;
  return n;
}

bool startsLower(std::string_view text) {
  UChar32 c = firstCodePoint(text);
  return c >= 0 && u_islower(c);
}

bool startsUpper(std::string_view text) {
  UChar32 c = firstCodePoint(text);
  return c >= 0 && u_isupper(c);
}

bool isAllCaps(std::string_view text) {
  icu::UnicodeString s = fromUtf8(text);
  bool letter = false;
  for (int32_t i = 0; i < s.length();) {
    UChar32 c = s.char32At(i);
    i += U16_LENGTH(c);
    if (u_islower(c)) return false;
    letter = letter || u_isalpha(c);
  }
  return letter;
}

std::string_view trim(std::string_view text) {
  const char* ws = " \t\r\n\f\v";
  auto first = text.find_first_not_of(ws);
  if (first == std::string_view::npos) return {};
  auto last = text.find_last_not_of(ws);
  return text.substr(first, last - first + 1);
}

std::string squeezeSpaces(std::string_view text) {
  std::string out;
  bool space = false;
  for (char ch : trim(text)) {
    if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f' || ch == '\v') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out.push_back(' ');
    space = false;
    out.push_back(ch);
  }
  return out;
}

}  // namespace wardcast::plan_text
