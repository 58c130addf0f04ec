#pragma once
// The numbering hierarchy of a plan, rebuilt from its paragraphs.
//
// Levels are not fixed by marker kind: a marker style seen higher up the
// current branch closes back to that level (a sibling), a new style opens a
// child level. So "I. / 1. / a) / -" and "PHẦN 1 / A. / 1.1 / +" both work,
// and a plan that skips a level still nests correctly. Unnumbered paragraphs
// are the body of the item above them. Table rows become children of the
// item before the table, their header row naming the columns. Text after
// "Nơi nhận:" (recipients, signature) is dropped, except an appendix
// ("PHỤ LỤC") that follows it.
#include <optional>
#include <string>
#include <vector>

#include "content/plan_import/plan_marker.hpp"
#include "content/plan_import/plan_text.hpp"

namespace wardcast::plan_text {

struct OutlineNode {
  MarkerStyle style = MarkerStyle::kHeading;
  std::string label;              // "III", "1", "a", "-3" (third bullet), "PL"
  std::string path;               // "III.1.a"
  std::string text;               // the item's own paragraph, marker removed
  std::vector<std::string> body;  // unnumbered paragraphs that follow it
  std::vector<OutlineNode> children;
};

// Root: style kHeading, empty path; its body is the preamble (everything
// before the first numbered item or section heading).
OutlineNode buildOutline(const std::vector<Paragraph>& paragraphs);

}  // namespace wardcast::plan_text
