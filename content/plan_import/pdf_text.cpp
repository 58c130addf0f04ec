// PDF page text through poppler-cpp. Poppler's error chatter is routed away
// from standard error (our own message says what went wrong).
//
// Text is rebuilt from poppler's word boxes rather than its plain-text
// dump, so that the layout the importer relies on survives: words on one
// baseline form a line (left to right); a horizontal gap wider than the
// line's height separates table cells and becomes a tab (DOMAIN.md: task
// tables arrive as tab-separated rows); a vertical gap of more than half a
// line becomes an empty line (paragraph breaks, e.g. after the title).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page.h>

#include "content/plan_import/plan_document.hpp"

namespace wardcast {
namespace {

void quietPoppler(const std::string&, void*) {}

struct Word {
  std::string text;
  double x = 0, top = 0, bottom = 0, right = 0;
};

std::vector<Word> wordsOf(const poppler::page& page) {
  std::vector<Word> words;
  for (const poppler::text_box& box : page.text_list()) {
    poppler::rectf r = box.bbox();
    poppler::byte_array utf8 = box.text().to_utf8();
    if (utf8.empty()) continue;
    words.push_back({std::string(utf8.begin(), utf8.end()), r.x(), r.y(), r.y() + r.height(), r.x() + r.width()});
  }
  return words;
}

// Words whose vertical middles lie within half a line of each other share
// a line; lines top to bottom, words left to right.
std::vector<std::vector<Word>> linesOf(std::vector<Word> words) {
  std::stable_sort(words.begin(), words.end(), [](const Word& a, const Word& b) { return a.top < b.top; });
  std::vector<std::vector<Word>> lines;
  for (Word& w : words) {
    double middle = (w.top + w.bottom) / 2;
    if (!lines.empty()) {
      const Word& first = lines.back().front();
      double height = first.bottom - first.top;
      if (std::abs(middle - (first.top + first.bottom) / 2) < height / 2) {
        lines.back().push_back(std::move(w));
        continue;
      }
    }
    lines.push_back({std::move(w)});
  }
  for (auto& line : lines)
    std::stable_sort(line.begin(), line.end(), [](const Word& a, const Word& b) { return a.x < b.x; });
  return lines;
}

std::string pageText(const poppler::page& page) {
  std::string text;
  double last_bottom = NAN;
  for (const auto& line : linesOf(wordsOf(page))) {
    double top = line.front().top, height = line.front().bottom - line.front().top;
    if (!std::isnan(last_bottom) && top - last_bottom > height / 2) text += "\n";
    for (std::size_t i = 0; i < line.size(); ++i) {
      if (i > 0) text += line[i].x - line[i - 1].right > height ? "\t" : " ";
      text += line[i].text;
    }
    text += "\n";
    last_bottom = line.front().bottom;
  }
  return text;
}

}  // namespace

Result<std::string> extractPdfText(const std::filesystem::path& file) {
  poppler::set_debug_error_function(quietPoppler, nullptr);
  std::unique_ptr<poppler::document> doc(poppler::document::load_from_file(file.string()));
  if (!doc)
    return makeError(ErrorKind::kInvalidInput, fmt::format("{}: not a readable PDF document", file.string()));
  if (doc->is_locked())
    return makeError(ErrorKind::kInvalidInput, fmt::format("{}: the PDF is password-protected", file.string()));
  std::string text;
  for (int i = 0; i < doc->pages(); ++i) {
    std::unique_ptr<poppler::page> page(doc->create_page(i));
    if (!page) continue;
    if (i > 0) text += "\n\f\n";
    text += pageText(*page);
  }
  if (text.find_first_not_of(" \t\r\n\f") == std::string::npos)
    return makeError(ErrorKind::kInvalidInput,
                     fmt::format("{}: the PDF has no text layer (a scan?); run OCR first or paste the text",
                                 file.string()));
  return text;
}

}  // namespace wardcast
