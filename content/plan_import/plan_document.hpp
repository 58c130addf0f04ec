#pragma once
// Reading a plan document into plain UTF-8 text, one paragraph or extracted
// line per '\n'. Formats (chosen by extension, case-insensitive):
//   .txt .text .md .markdown  UTF-8 text (a UTF-8 BOM is dropped)
//   .docx                     word/document.xml via libzip + pugixml:
//                             paragraphs as lines, table rows as cells
//                             joined by '\t'
//   .pdf                      poppler-cpp page text, pages joined by '\f'
// Errors are Result errors (kInvalidInput / kNotFound / kIo) with a sentence
// that names the file. No state; callable from any thread.
#include <filesystem>
#include <string>

#include "util/result.hpp"

namespace wardcast {

Result<std::string> readPlanDocument(const std::filesystem::path& file);

Result<std::string> extractDocxText(const std::filesystem::path& file);
Result<std::string> extractPdfText(const std::filesystem::path& file);

}  // namespace wardcast
