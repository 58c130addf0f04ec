#include "tests/plan_import/plan_variants.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <sstream>
#include <vector>

namespace wardcast::test {
namespace {

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

size_t codePoints(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

bool startsWithAny(const std::string& line, std::initializer_list<const char*> prefixes) {
  for (const char* p : prefixes)
    if (line.rfind(p, 0) == 0) return true;
  return false;
}

}  // namespace

std::string hardWrapped(const std::string& text, size_t columns) {
  std::string out;
  for (const auto& line : lines(text)) {
    std::istringstream words(line);
    std::string current;
    for (std::string word; words >> word;) {
      if (!current.empty() && codePoints(current) + 1 + codePoints(word) > columns) {
        out += current + "\n";
        current.clear();
      }
      current += (current.empty() ? "" : " ") + word;
    }
    out += current + "\n";
  }
  return out;
}

std::string decomposed(const std::string& text) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  REQUIRE(U_SUCCESS(status));
  icu::UnicodeString out = nfd->normalize(icu::UnicodeString::fromUTF8(text), status);
  REQUIRE(U_SUCCESS(status));
  std::string utf8;
  out.toUTF8String(utf8);
  return utf8;
}

std::string markdownDecorated(const std::string& text) {
  std::string out;
  int n = 0;
  for (auto line : lines(text)) {
    ++n;
    if (startsWithAny(line, {"I.", "II.", "III.", "IV.", "V.", "VI."})) {
      out += "## " + line + "\n";
    } else if (line.size() > 3 && line[0] >= '1' && line[0] <= '9' && line[1] == '.') {
      out += line.substr(0, 1) + "\\." + line.substr(2) + "\n";  // as pandoc escapes it
    } else if (line.size() > 3 && (line[1] == ')' || line.rfind("đ)", 0) == 0)) {
      size_t cut = line.find(')') + 1;
      out += "**" + line.substr(0, cut) + "**" + line.substr(cut) + "\n";
    } else if (line.rfind("- ", 0) == 0) {
      out += "* " + line.substr(2) + "\n";  // a Markdown list
    } else if (line.size() > 40 && n % 3 == 0) {
      // One word in bold and italics: "<b>*word*</b>".
      size_t start = line.find(' ', 20) + 1;
      size_t end = line.find(' ', start);
      if (end == std::string::npos) end = line.size();
      out += line.substr(0, start) + "<b>*" + line.substr(start, end - start) + "*</b>" + line.substr(end) + "\n";
    } else {
      out += line + "\n";
    }
  }
  return out;
}

std::string withPageHeaders(const std::string& text, size_t every) {
  std::string out;
  size_t n = 0;
  int page = 1;
  for (const auto& line : lines(text)) {
    out += line + "\n";
    if (++n % every == 0) {
      ++page;
      out += fmt::format("\n- {} -\n\f\nKẾ HOẠCH TUYÊN TRUYỀN NĂM 2026 (trang {})\n<i>Bản dự thảo</i>\n\n", page - 1, page);
    }
  }
  return out;
}

std::string topicSummary(const PlanImport& plan) {
  std::string out;
  for (const auto& t : plan.campaign.topics) {
    out += fmt::format("{} | {} | {} | prio {} | end {} |", t.section, t.id, t.title, t.priority,
                       t.end ? formatDate(*t.end) : "-");
    for (const auto& a : t.audiences) out += " " + a;
    for (const auto& q : t.quotas)
      out += fmt::format(" | {} {}/{} gap {}m", q.target, q.plays, toString(q.per), q.min_gap.count());
    out += "\n";
  }
  return out;
}

PlanImport importText(const std::string& text, const std::string& source) {
  ImportOptions options;
  options.source_name = source;
  options.fallback_year = 2026;
  Result<PlanImport> plan = importPlan(text, options);
  if (!plan) FAIL(plan.error().message);
  return std::move(plan).value();
}

}  // namespace wardcast::test
