// Word .docx text: unzip with libzip, read word/document.xml (and
// word/numbering.xml for automatic list numbers) with pugixml.
// Paragraphs become lines; table rows become cells joined by '\t'.
// Automatic numbering ("1.", "a)", bullets) is rendered back into the text
// so that the outline parser sees what the reader of the document sees.
#include <fmt/format.h>
#include <zip.h>

#include <map>
#include <optional>
#include <vector>
#include <pugixml.hpp>

#include "content/plan_import/plan_document.hpp"
#include "util/c_handle.hpp"

namespace wardcast {
namespace {

struct ZipTraits {
  static void unref(zip_t* z) { zip_discard(z); }
};
struct ZipFileTraits {
  static void unref(zip_file_t* f) { zip_fclose(f); }
};
using ZipHandle = CHandle<zip_t, ZipTraits>;
using ZipFileHandle = CHandle<zip_file_t, ZipFileTraits>;

constexpr zip_uint64_t kMaxXmlBytes = 128ull << 20;

// Reads one member of the archive; nullopt when it is absent.
std::optional<std::string> readMember(zip_t* archive, const char* name) {
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat(archive, name, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE) || st.size > kMaxXmlBytes)
    return std::nullopt;
  ZipFileHandle member = ZipFileHandle::adopt(zip_fopen(archive, name, 0));
  if (!member) return std::nullopt;
  std::string data(st.size, '\0');
  zip_int64_t got = zip_fread(member.get(), data.data(), st.size);
  if (got < 0 || static_cast<zip_uint64_t>(got) != st.size) return std::nullopt;
  return data;
}

std::string roman(int n, bool upper) {
  static const std::pair<int, const char*> kParts[] = {{1000, "M"}, {900, "CM"}, {500, "D"}, {400, "CD"},
                                                       {100, "C"},  {90, "XC"},  {50, "L"},  {40, "XL"},
                                                       {10, "X"},   {9, "IX"},   {5, "V"},   {4, "IV"},
                                                       {1, "I"}};
  std::string out;
  for (const auto& [value, text] : kParts)
    for (; n >= value; n -= value) out += text;
  if (!upper)
    for (auto& c : out) c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// Automatic list numbering: numId -> abstract definition, counters per level.
class ListNumbering {
 public:
  explicit ListNumbering(const pugi::xml_document& numbering) {
    for (auto num : numbering.child("w:numbering").children("w:num"))
      num_to_abstract_[num.attribute("w:numId").as_int()] =
          num.child("w:abstractNumId").attribute("w:val").as_int();
    for (auto abstract : numbering.child("w:numbering").children("w:abstractNum"))
      abstracts_[abstract.attribute("w:abstractNumId").as_int()] = abstract;
  }

  // The marker text for a paragraph at (numId, ilvl), advancing the counter.
  std::string next(int num_id, int level) {
    auto a = num_to_abstract_.find(num_id);
    if (a == num_to_abstract_.end() || level < 0 || level > 8) return {};
    pugi::xml_node abstract = abstracts_[a->second];
    auto& counters = counters_[num_id];
    counters.resize(9, 0);
    ++counters[level];
    for (int deeper = level + 1; deeper < 9; ++deeper) counters[deeper] = 0;
    pugi::xml_node lvl = levelNode(abstract, level);
    std::string format = lvl.child("w:numFmt").attribute("w:val").as_string("decimal");
    if (format == "bullet" || format == "none") return "-";
    std::string text = lvl.child("w:lvlText").attribute("w:val").as_string("%1.");
    std::string out;
    for (size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '%' && i + 1 < text.size() && text[i + 1] >= '1' && text[i + 1] <= '9') {
        int l = text[i + 1] - '1';
        pugi::xml_node ln = levelNode(abstract, l);
        int start = ln.child("w:start").attribute("w:val").as_int(1);
        out += render(ln.child("w:numFmt").attribute("w:val").as_string("decimal"),
                      counters[l] + start - 1);
        ++i;
      } else {
        out.push_back(text[i]);
      }
    }
    return out;
  }

 private:
  static pugi::xml_node levelNode(pugi::xml_node abstract, int level) {
    for (auto lvl : abstract.children("w:lvl"))
      if (lvl.attribute("w:ilvl").as_int() == level) return lvl;
    return {};
  }
  static std::string render(const std::string& format, int n) {
    static const char* kVietnameseLetters[] = {"a", "b", "c", "d", "đ", "e", "g", "h", "i", "k",
                                               "l", "m", "n", "o", "p", "q", "r", "s", "t", "u", "v", "x", "y"};
    if (n < 1) n = 1;
    if (format == "upperRoman") return roman(n, true);
    if (format == "lowerRoman") return roman(n, false);
    if (format == "lowerLetter") return n <= 23 ? kVietnameseLetters[n - 1] : std::to_string(n);
    if (format == "upperLetter") return n <= 26 ? std::string(1, static_cast<char>('A' + n - 1)) : std::to_string(n);
    return std::to_string(n);
  }

  std::map<int, int> num_to_abstract_;
  std::map<int, pugi::xml_node> abstracts_;
  std::map<int, std::vector<int>> counters_;
};

// Text of runs under `node` in document order: w:t, tabs, breaks.
void appendRuns(pugi::xml_node node, std::string& out) {
  for (auto child : node.children()) {
    std::string_view name = child.name();
    if (name == "w:t") out += child.text().get();
    else if (name == "w:tab") out += ' ';
    else if (name == "w:br" || name == "w:cr") out += '\n';
    else if (name == "w:del" || name == "w:instrText" || name == "w:delText") continue;
    else appendRuns(child, out);
  }
}

std::string paragraphText(pugi::xml_node paragraph, ListNumbering* numbering) {
  std::string text;
  if (numbering) {
    pugi::xml_node num = paragraph.child("w:pPr").child("w:numPr");
    if (num) {
      std::string marker = numbering->next(num.child("w:numId").attribute("w:val").as_int(),
                                           num.child("w:ilvl").attribute("w:val").as_int());
      if (!marker.empty()) text = marker + " ";
    }
  }
  appendRuns(paragraph, text);
  return text;
}

void appendBlocks(pugi::xml_node container, ListNumbering* numbering, std::string& out);

void appendTable(pugi::xml_node table, ListNumbering* numbering, std::string& out) {
  for (auto row : table.children("w:tr")) {
    std::string line;
    bool first = true;
    for (auto cell : row.children("w:tc")) {
      std::string cell_text;
      for (auto p : cell.children("w:p")) {
        std::string t = paragraphText(p, numbering);
        for (auto& c : t)
          if (c == '\n' || c == '\t') c = ' ';
        if (!t.empty()) cell_text += (cell_text.empty() ? "" : " ") + t;
      }
      line += (first ? "" : "\t") + cell_text;
      first = false;
    }
    out += line + "\n";
  }
}

void appendBlocks(pugi::xml_node container, ListNumbering* numbering, std::string& out) {
  for (auto child : container.children()) {
    std::string_view name = child.name();
    if (name == "w:p") {
      out += paragraphText(child, numbering) + "\n\n";  // a blank line: paragraphs are known
    } else if (name == "w:tbl") {
      out += "\n";
      appendTable(child, numbering, out);
      out += "\n";
    } else if (name == "w:sdt" || name == "w:sdtContent" || name == "w:customXml" || name == "w:ins") {
      appendBlocks(name == "w:sdt" ? child.child("w:sdtContent") : child, numbering, out);
    }
  }
}

}  // namespace

Result<std::string> extractDocxText(const std::filesystem::path& file) {
  int error = 0;
  ZipHandle archive = ZipHandle::adopt(zip_open(file.c_str(), ZIP_RDONLY, &error));
  if (!archive)
    return makeError(ErrorKind::kInvalidInput,
                     fmt::format("{}: not a Word .docx document (not a zip archive)", file.string()));
  auto document_xml = readMember(archive.get(), "word/document.xml");
  if (!document_xml)
    return makeError(ErrorKind::kInvalidInput,
                     fmt::format("{}: not a Word .docx document (no word/document.xml)", file.string()));
  pugi::xml_document document;
  auto parsed = document.load_buffer(document_xml->data(), document_xml->size());
  if (!parsed)
    return makeError(ErrorKind::kInvalidInput, fmt::format("{}: word/document.xml is not valid XML ({} at byte {})",
                                                           file.string(), parsed.description(), parsed.offset));
  pugi::xml_document numbering_xml;
  std::optional<ListNumbering> numbering;
  if (auto xml = readMember(archive.get(), "word/numbering.xml"))
    if (numbering_xml.load_buffer(xml->data(), xml->size())) numbering.emplace(numbering_xml);
  std::string text;
  appendBlocks(document.child("w:document").child("w:body"), numbering ? &*numbering : nullptr, text);
  return text;
}

}  // namespace wardcast
