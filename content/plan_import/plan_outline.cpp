#include "content/plan_import/plan_outline.hpp"

#include <fmt/format.h>

#include "content/plan_import/vietnamese_text.hpp"

namespace wardcast::plan_text {
namespace {

bool isSectionWord(std::string_view lower) {
  for (std::string_view word : {"nội dung", "mục đích", "yêu cầu", "hình thức", "phương thức", "tổ chức thực hiện",
                                "nhiệm vụ", "kinh phí", "chủ đề", "giải pháp"})
    if (lower.find(word) != std::string_view::npos) return true;
  return false;
}

std::vector<std::string> splitCells(const std::string& row) {
  std::vector<std::string> cells;
  size_t start = 0;
  for (size_t i = 0; i <= row.size(); ++i) {
    if (i == row.size() || row[i] == '\t') {
      cells.push_back(row.substr(start, i - start));
      start = i + 1;
    }
  }
  return cells;
}

class OutlineBuilder {
 public:
  OutlineBuilder() { stack_.push_back(&root_); }

  OutlineNode finish() { return std::move(root_); }

  void add(const Paragraph& p) {
    if (closing_) {
      std::string upper = toUpper(p.text);
      if (!p.table_row && isAllCaps(p.text) && upper.find("PHỤ LỤC") != std::string::npos) {
        closing_ = false;
        stack_.resize(1);
        push(MarkerStyle::kAppendix, "PL", p.text);
      }
      return;
    }
    if (p.table_row) return addRow(p.text);
    table_header_.clear();
    if (p.text.rfind("Nơi nhận", 0) == 0 || p.text.rfind("NƠI NHẬN", 0) == 0) {
      closing_ = true;
      return;
    }
    if (auto marker = parseMarker(p.text)) return addItem(*resolve(*marker), p.text.substr(marker->length));
    bool caps = isAllCaps(p.text) && codePoints(p.text) < 150 && p.text.find(' ') != std::string::npos;
    if (caps && (seen_marker_ || isSectionWord(toLower(p.text)))) {
      seen_marker_ = true;
      stack_.resize(1);
      push(MarkerStyle::kHeading, fmt::format("§{}", ++headings_), p.text);
      return;
    }
    stack_.back()->body.push_back(p.text);
  }

 private:
  // One-letter Roman numerals (C, D, I, L, M, V, X) may be upper-case item
  // letters: "C." after "B." is the letter C.
  Marker* resolve(Marker& m) {
    if (m.style != MarkerStyle::kRoman || !m.letter_ordinal) return &m;
    bool letter_context = false;
    bool roman_context = false;
    for (const auto* node : stack_) {
      letter_context = letter_context || node->style == MarkerStyle::kUpperLetter;
      roman_context = roman_context || node->style == MarkerStyle::kRoman;
    }
    if ((letter_context && !roman_context) || m.ordinal > 40) {
      m.style = MarkerStyle::kUpperLetter;
      m.ordinal = m.letter_ordinal;
    }
    return &m;
  }

  void addItem(const Marker& m, std::string text) {
    seen_marker_ = true;
    size_t level = stack_.size();
    for (size_t i = stack_.size(); i-- > 1;) {
      if (stack_[i]->style == m.style) {
        level = i;
        break;
      }
    }
    stack_.resize(level);
    std::string label = m.label;
    if (m.isBullet()) {
      int count = 1;
      for (const auto& sibling : stack_.back()->children) count += sibling.style == m.style ? 1 : 0;
      label = fmt::format("-{}", count);
    }
    push(m.style, label, std::move(text));
  }

  void push(MarkerStyle style, std::string label, std::string text) {
    OutlineNode node;
    node.style = style;
    const OutlineNode& parent = *stack_.back();
    node.path = parent.path.empty() ? label : parent.path + "." + label;
    // "1.2" under "1" is "B.1.2", not "B.1.1.2".
    if (!parent.label.empty() && label.rfind(parent.label + ".", 0) == 0 && parent.path.size() >= parent.label.size())
      node.path = parent.path.substr(0, parent.path.size() - parent.label.size()) + label;
    node.label = std::move(label);
    node.text = std::string(trim(text));
    stack_.back()->children.push_back(std::move(node));
    stack_.push_back(&stack_.back()->children.back());
  }

  // The first row of a table names its columns; each later row is one item,
  // a child of the item before the table. Row cells go into its body as
  // "Column: value"; the item text is the task/content column.
  void addRow(const std::string& row) {
    auto cells = splitCells(row);
    if (table_header_.empty()) {
      table_header_ = cells;
      return;
    }
    size_t text_column = 0;
    for (size_t i = 0; i < table_header_.size(); ++i) {
      std::string h = toLower(table_header_[i]);
      if (h.find("nội dung") != std::string::npos || h.find("nhiệm vụ") != std::string::npos) {
        text_column = i;
        break;
      }
      if (i < cells.size() && cells[i].size() > cells[text_column].size()) text_column = i;
    }
    OutlineNode* parent = stack_.back();
    if (parent->style == MarkerStyle::kTableRow) parent = stack_[stack_.size() - 2];
    std::string label = cells.empty() ? "" : std::string(trim(cells[0]));
    if (label.empty() || label.find_first_not_of("0123456789") != std::string::npos)
      label = std::to_string(parent->children.size() + 1);
    OutlineNode node;
    node.style = MarkerStyle::kTableRow;
    node.label = label;
    node.path = parent->path.empty() ? label : parent->path + "." + label;
    node.text = text_column < cells.size() ? cells[text_column] : row;
    for (size_t i = 0; i < cells.size(); ++i)
      if (i != text_column && i > 0 && !cells[i].empty())
        node.body.push_back((i < table_header_.size() ? table_header_[i] + ": " : "") + cells[i]);
    parent->children.push_back(std::move(node));
  }

  OutlineNode root_;
  std::vector<OutlineNode*> stack_;
  std::vector<std::string> table_header_;
  bool closing_ = false;
  bool seen_marker_ = false;
  int headings_ = 0;
};

}  // namespace

OutlineNode buildOutline(const std::vector<Paragraph>& paragraphs) {
  OutlineBuilder builder;
  for (const auto& p : paragraphs) builder.add(p);
  return builder.finish();
}

}  // namespace wardcast::plan_text
