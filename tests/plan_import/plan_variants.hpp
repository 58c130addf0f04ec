#pragma once
// Test helpers: the shapes in which a plan's text arrives (DOMAIN.md, "How
// plans arrive"), made from a plain text, and a summary of an import that
// must not depend on the shape.
#include <string>

#include "content/plan_import/plan_importer.hpp"

namespace wardcast::test {

// Every paragraph hard-wrapped at `columns` code points; blank lines kept.
std::string hardWrapped(const std::string& text, size_t columns = 60);
// Unicode NFD: base letters followed by combining marks.
std::string decomposed(const std::string& text);
// "## " headings for the sections, **bold** item markers, <b>tags</b>,
// escaped "1\." numbers and _emphasis_ in the text.
std::string markdownDecorated(const std::string& text);
// A running header, a "Trang N" footer and a form feed every `lines` lines.
std::string withPageHeaders(const std::string& text, size_t lines = 20);

// One line per topic: section, id, title, end, audiences and quotas.
std::string topicSummary(const PlanImport& plan);

// The Tân An plan written for the tests (plan_variants.cpp).
const char* tanAnPlan();

// The plan at `file` imported with default options (REQUIREs success).
PlanImport importText(const std::string& text, const std::string& source = "plan.txt");

}  // namespace wardcast::test
