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

// A plan written for the tests, unlike the samples in structure: lettered
// sections (A. B. C. D.), "1.1." numbering, "+" bullets, a content section
// called "CHỦ ĐỀ", a task table (tab-separated) whose header repeats after a
// page break, explicit counts, deadlines and audiences.
const char* tanAnPlan() {
  return R"(ỦY BAN NHÂN DÂN XÃ TÂN AN
Tân An, ngày 05 tháng 02 năm 2027

KẾ HOẠCH
Truyền thông phòng, chống thiên tai và chuyển đổi số cộng đồng năm 2027

Căn cứ tình hình thực tế tại địa phương, UBND xã Tân An ban hành kế hoạch truyền thông như sau:

A. MỤC TIÊU
1.1. Người dân chủ động phòng tránh thiên tai.
1.2. Mỗi hộ có ít nhất một người dùng được dịch vụ công trực tuyến.

B. CHỦ ĐỀ TRUYỀN THÔNG NĂM 2027
1. Chủ đề chính
1.1. Phòng, chống thiên tai và ứng phó bão lũ; hướng dẫn người dân gia cố nhà cửa, sơ tán khi có lệnh. Phát 3 lần/tuần trên hệ thống loa truyền thanh các thôn, ưu tiên người cao tuổi. Hoàn thành trước ngày 30/9/2027.
1.2. Chuyển đổi số cộng đồng: hướng dẫn cài đặt và sử dụng ứng dụng VNeID cho thanh niên, học sinh; chiếu video hướng dẫn trên màn hình LED tại Trung tâm hàng tháng.
1.3. Phòng chống dịch bệnh mùa mưa
+ Vệ sinh môi trường, khơi thông cống rãnh quanh nhà.
+ Diệt lăng quăng, bọ gậy trong các dụng cụ chứa nước.
2. Nhiệm vụ theo bảng
STT	Nhiệm vụ	Bộ phận chủ trì	Thời gian thực hiện
1	Tuyên truyền về bầu cử đại biểu Hội đồng nhân dân	Văn phòng UBND xã	Trước 15/3/2027
2	Tuyên truyền an toàn giao thông dịp lễ hội	Công an xã	Hàng tuần

Trang 2/3

STT	Nhiệm vụ	Bộ phận chủ trì	Thời gian thực hiện
3	Tuyên truyền phòng cháy rừng mùa khô	Kiểm lâm địa bàn	Quý II/2027

C. PHƯƠNG THỨC THỰC HIỆN
- Đài truyền thanh xã phát chuyên mục hàng tuần vào buổi sáng.
- Đăng tải trên trang Facebook và nhóm Zalo của xã.
- In tờ rơi, áp phích tại nhà văn hóa các thôn.

D. TỔ CHỨC THỰC HIỆN
1. Văn phòng UBND xã chủ trì, báo cáo kết quả hàng quý.

Nơi nhận:
- Như trên;
- Lưu VT.
)";
}

}  // namespace wardcast::test
