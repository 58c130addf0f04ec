#include "content/plan_import/plan_document.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "content/plan_import/vietnamese_text.hpp"

namespace wardcast {
namespace {

constexpr std::uintmax_t kMaxPlanBytes = 64ull << 20;  // a plan is a few pages

std::string lowerExtension(const std::filesystem::path& file) {
  std::string ext = file.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  return ext;
}

Result<std::string> readTextFile(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return makeError(ErrorKind::kIo, fmt::format("{}: cannot open the file", file.string()));
  std::ostringstream buffer;
  buffer << in.rdbuf();
  std::string text = buffer.str();
  if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);
  if (!plan_text::looksLikeText(text)) {
    std::size_t bad = plan_text::firstInvalidByte(text);
    if (bad == text.size())
      return makeError(ErrorKind::kInvalidInput,
                       fmt::format("{}: not a text file (control bytes: binary data); give a .txt/.md in UTF-8, "
                                   "a .docx or a .pdf", file.string()));
    std::size_t line_start = text.rfind('\n', bad);
    line_start = line_start == std::string::npos ? 0 : line_start + 1;
    auto line = 1 + std::count(text.begin(), text.begin() + std::ptrdiff_t(bad), '\n');
    auto column = 1 + plan_text::codePoints(std::string_view(text).substr(line_start, bad - line_start));
    return makeError(ErrorKind::kInvalidInput,
                     fmt::format("{}:{}:{}: not a text file: byte 0x{:02X} is not UTF-8 (binary data or another "
                                 "encoding); give a .txt/.md in UTF-8, a .docx or a .pdf",
                                 file.string(), line, column, static_cast<unsigned char>(text[bad])));
  }
  return text;
}

}  // namespace

Result<std::string> readPlanDocument(const std::filesystem::path& file) {
  std::error_code ec;
  auto status = std::filesystem::status(file, ec);
  if (ec || !std::filesystem::exists(status))
    return makeError(ErrorKind::kNotFound, fmt::format("{}: no such file", file.string()));
  if (!std::filesystem::is_regular_file(status))
    return makeError(ErrorKind::kInvalidInput, fmt::format("{}: not a regular file", file.string()));
  auto size = std::filesystem::file_size(file, ec);
  if (ec) return makeError(ErrorKind::kIo, fmt::format("{}: cannot read the file size", file.string()));
  if (size == 0) return makeError(ErrorKind::kInvalidInput, fmt::format("{}: the file is empty", file.string()));
  if (size > kMaxPlanBytes)
    return makeError(ErrorKind::kInvalidInput,
                     fmt::format("{}: {} bytes is too large for a plan document (limit {} MiB)",
                                 file.string(), size, kMaxPlanBytes >> 20));
  std::string ext = lowerExtension(file);
  Result<std::string> text = makeError(ErrorKind::kInvalidInput, "");
  if (ext == ".txt" || ext == ".text" || ext == ".md" || ext == ".markdown") {
    text = readTextFile(file);
  } else if (ext == ".docx") {
    text = extractDocxText(file);
  } else if (ext == ".pdf") {
    text = extractPdfText(file);
  } else {
    return makeError(ErrorKind::kInvalidInput,
                     fmt::format("{}: unsupported document type '{}' (expected .txt, .md, .docx or .pdf)",
                                 file.string(), ext.empty() ? "no extension" : ext));
  }
  if (!text) return text;
  if (plan_text::trim(*text).empty())
    return makeError(ErrorKind::kInvalidInput, fmt::format("{}: the document has no text", file.string()));
  return text;
}

}  // namespace wardcast
