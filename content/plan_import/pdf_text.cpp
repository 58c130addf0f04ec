// PDF page text through poppler-cpp. Poppler's error chatter is routed away
// from standard error (our own message says what went wrong).
#include <fmt/format.h>

#include <memory>
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page.h>

#include "content/plan_import/plan_document.hpp"

namespace wardcast {
namespace {

void quietPoppler(const std::string&, void*) {}

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
    poppler::byte_array utf8 = page->text(poppler::rectf(), poppler::page::raw_order_layout).to_utf8();
    if (i > 0) text += "\n\f\n";
    text.append(utf8.begin(), utf8.end());
  }
  if (text.find_first_not_of(" \t\r\n\f") == std::string::npos)
    return makeError(ErrorKind::kInvalidInput,
                     fmt::format("{}: the PDF has no text layer (a scan?); run OCR first or paste the text",
                                 file.string()));
  return text;
}

}  // namespace wardcast
