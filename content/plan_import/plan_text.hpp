#pragma once
// From extracted plan text to logical paragraphs (DOMAIN.md, "How plans
// arrive"): NFC normalisation; Markdown headings, emphasis, escapes, links
// and tables; stray HTML tags and entities; page numbers and page headers
// (short lines repeated on three or more pages); task-table header rows
// repeated on every page; lines hard-wrapped mid-sentence or split by a page
// break. Pure function.
#include <string>
#include <string_view>
#include <vector>

namespace wardcast::plan_text {

struct Paragraph {
  std::string text;        // one logical paragraph; table rows keep their '\t's
  bool table_row = false;  // a row of a table: cells separated by '\t'
};

std::vector<Paragraph> planParagraphs(std::string_view raw);

// One physical line with markup removed (exposed for tests).
std::string cleanLine(std::string_view line);

}  // namespace wardcast::plan_text
