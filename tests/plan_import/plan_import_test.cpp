// The importer on the sample plans, with what a careful reader expects from
// each; on the same text in the shapes it arrives in; on a plan of a
// different structure written here; and on inputs that are not plans.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include "content/plan_import/plan_document.hpp"
#include "tests/plan_import/plan_variants.hpp"
#include "tests/support/test_support.hpp"

using namespace wardcast;
using namespace wardcast::test;

namespace {

std::string sample(const std::string& name) { return readFile(samplePlansDir() / name); }

std::vector<std::string> sections(const PlanImport& plan) {
  std::vector<std::string> out;
  for (const auto& t : plan.campaign.topics) out.push_back(t.section);
  return out;
}

std::vector<std::string> targetsOf(const Topic& topic) {
  std::vector<std::string> out;
  for (const auto& q : topic.quotas) out.push_back(q.target);
  return out;
}

const Quota& quotaFor(const Topic& topic, const std::string& target) {
  for (const auto& q : topic.quotas)
    if (q.target == target) return q;
  FAIL("topic " << topic.id << " has no quota for " << target);
  throw std::logic_error("unreachable");
}

bool skippedMentions(const PlanImport& plan, const std::string& words) {
  return std::any_of(plan.skipped.begin(), plan.skipped.end(),
                     [&](const std::string& line) { return line.find(words) != std::string::npos; });
}

// Writes the campaign and loads it back with the loader `plan apply` uses.
Campaign roundTrip(const PlanImport& plan) {
  TempDir dir;
  writeFile(dir / "c.toml", campaignToToml(plan));
  return loadCampaignFile(dir / "c.toml");
}

}  // namespace

TEST_CASE("Hương Trà: sections II (NỘI DUNG NHIỆM VỤ) and III make 18 topics") {
  PlanImport plan = importText(sample("huong-tra-2026.txt"), "huong-tra-2026.txt");
  // II.1-5 are leaves; III.1 has a b c d đ e, III.2 a b, III.3 a b, III.4 is
  // a leaf with its own paragraph, III.5 a b. I (aims) and IV/V (forms,
  // organisation) are not content.
  CHECK(sections(plan) == std::vector<std::string>{"II.1", "II.2", "II.3", "II.4", "II.5", "III.1.a", "III.1.b",
                                                   "III.1.c", "III.1.d", "III.1.đ", "III.1.e", "III.2.a", "III.2.b",
                                                   "III.3.a", "III.3.b", "III.4", "III.5.a", "III.5.b"});
  const Campaign& c = plan.campaign;
  CHECK(c.issuer == "UBND phường Hương Trà");
  CHECK(c.title.rfind("Thông tin, tuyên truyền về Kiểm soát thủ tục hành chính", 0) == 0);
  CHECK(c.title.find("Căn cứ") == std::string::npos);
  // No date of its own: the day after the latest plan it cites (14/4/2026).
  CHECK(formatDate(c.start) == "2026-04-15");
  CHECK(formatDate(c.end) == "2026-12-31");
  CHECK(c.source == "huong-tra-2026.txt");
  const Topic& a = c.topics[5];
  CHECK(a.title == "Tuyên truyền về vai trò và tầm quan trọng của nhiệm vụ kiểm soát TTHC");
  CHECK(a.description.find("lấy người dân, doanh nghiệp làm trung tâm phục vụ") != std::string::npos);
  // The radio: "thường xuyên tuyên truyền trên hệ thống truyền thanh" (V.2.c).
  for (const auto& t : c.topics) {
    const Quota& q = quotaFor(t, "kind:loudspeaker");
    CHECK(q.plays == 2);
    CHECK(q.per == QuotaPeriod::kWeek);
  }
  // The guidance clips of IV.b go to the LED screens, at the default rate.
  CHECK(quotaFor(a, "kind:led").plays == 1);
  CHECK(c.topics[0].quotas.size() == 2);
  // The paragraph split by a page break in III.1.b is one item again.
  CHECK(c.topics[6].description.find("Nghị định 42/2022/NĐ-CP") != std::string::npos);
  CHECK(skippedMentions(plan, "website"));
  CHECK(skippedMentions(plan, "social media"));
  CHECK(skippedMentions(plan, "conferences"));
  CHECK(skippedMentions(plan, "posters"));
  std::set<std::string> ids;
  for (const auto& t : c.topics) CHECK(ids.insert(t.id).second);
  CHECK(roundTrip(plan).topics.size() == 18);
}

TEST_CASE("Bắc Hồng Lĩnh: the ten bullets of II.1 are the topics, II.2 is a form section") {
  PlanImport plan = importText(sample("bac-hong-linh-2026.txt"), "bac-hong-linh-2026.txt");
  std::vector<std::string> expected;
  for (int i = 1; i <= 10; ++i) expected.push_back("II.1.-" + std::to_string(i));
  CHECK(sections(plan) == expected);
  const Campaign& c = plan.campaign;
  CHECK(c.issuer == "UBND phường Bắc Hồng Lĩnh");
  CHECK(c.title == "Tuyên truyền cải cách hành chính trên địa bàn phường Bắc Hồng Lĩnh năm 2026");
  CHECK(static_cast<int>(c.start.year()) == 2026);
  // Bullet 6 was split by a page break ("quản lý và / sử dụng cán bộ").
  CHECK(c.topics[5].description.find("quản lý và sử dụng cán bộ") != std::string::npos);
  for (const auto& t : c.topics) {
    // "Hệ thống truyền thanh phường có chuyên mục ..., định kỳ thông báo" (I.3).
    // "Tiếp phát ... trên hệ thống loa của tổ dân phố khi có văn bản chỉ đạo"
    // (IV.9): the neighbourhood speakers relay the ward's programme, at most
    // monthly, and the weekly loudspeaker quota already reaches them; a
    // group quota besides it would ask them for every play twice.
    CHECK(targetsOf(t) == std::vector<std::string>{"kind:loudspeaker", "kind:led"});
    CHECK(quotaFor(t, "kind:loudspeaker").plays == 1);
    CHECK(quotaFor(t, "kind:loudspeaker").per == QuotaPeriod::kWeek);
  }
  CHECK(plan.topic_guesses[0].quotas[0].find("neighbourhood speakers the plan also names") != std::string::npos);
  // "3. Nhiệm vụ trọng tâm: (Có Phụ lục kèm theo)" has nothing to air.
  CHECK(skippedMentions(plan, "II.3"));
  CHECK(skippedMentions(plan, "press and television"));
  CHECK(roundTrip(plan).topics.size() == 10);
}

TEST_CASE("Mê Linh: the second section III (CÁC NỘI DUNG ...) makes 15 topics, III NHIỆM VỤ CỤ THỂ none") {
  PlanImport plan = importText(sample("me-linh-2024.txt"), "me-linh-2024.txt");
  CHECK(sections(plan) == std::vector<std::string>{"III.1.a", "III.1.b", "III.1.c", "III.1.d", "III.1.đ",
                                                   "III.1.e", "III.1.g", "III.2.a", "III.2.b", "III.2.c",
                                                   "III.2.d", "III.2.e", "III.2.g", "III.3.a", "III.3.b"});
  const Campaign& c = plan.campaign;
  // "UBND huyện ban hành ... trên địa bàn huyện Mê Linh".
  CHECK(c.issuer == "UBND huyện Mê Linh");
  CHECK(plan.campaign_guesses.count("issuer") == 1);
  // "Mê Linh, ngày    tháng 4 năm 2024": a draft dated in April.
  CHECK(formatDate(c.start) == "2024-04-01");
  CHECK(formatDate(c.end) == "2024-12-31");
  for (const auto& t : c.topics) CHECK(targetsOf(t).front() == "kind:loudspeaker");
  // III.2.b ends its first item with "thường xuyên": twice a week.
  const Topic& cntt = c.topics[8];
  CHECK(cntt.section == "III.2.b");
  CHECK(quotaFor(c.topics[9], "kind:loudspeaker").plays == 2);  // III.2.c: "thường xuyên gắn liền"
  CHECK(quotaFor(c.topics[0], "kind:loudspeaker").plays == 1);   // no frequency word: the default
  CHECK(roundTrip(plan).topics.size() == 15);
}

TEST_CASE("the same plan hard-wrapped, in NFD, in Markdown or with page headers gives the same topics") {
  for (const char* name : {"huong-tra-2026.txt", "bac-hong-linh-2026.txt", "me-linh-2024.txt"}) {
    INFO(name);
    std::string plain = sample(name);
    std::string expected = topicSummary(importText(plain));
    SECTION("hard-wrapped at 60 columns") { CHECK(topicSummary(importText(hardWrapped(plain))) == expected); }
    SECTION("NFD") { CHECK(topicSummary(importText(decomposed(plain))) == expected); }
    SECTION("Markdown and HTML") { CHECK(topicSummary(importText(markdownDecorated(plain))) == expected); }
    SECTION("page headers") { CHECK(topicSummary(importText(withPageHeaders(plain))) == expected); }
    SECTION("wrapped, with page headers, in NFD") {
      CHECK(topicSummary(importText(decomposed(withPageHeaders(hardWrapped(plain), 37)))) == expected);
    }
  }
}

TEST_CASE("inputs that are not plans are refused with a reason") {
  TempDir dir;
  writeFile(dir / "empty.txt", "");
  auto empty = readPlanDocument(dir / "empty.txt");
  REQUIRE_FALSE(empty);
  CHECK(empty.error().message.find("empty") != std::string::npos);

  std::string binary("\x7f" "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0>\0", 20);
  writeFile(dir / "binary.txt", binary);
  auto bin = readPlanDocument(dir / "binary.txt");
  REQUIRE_FALSE(bin);
  CHECK(bin.error().message.find("not a text file") != std::string::npos);
  // A Vietnamese plan saved in another encoding: the first bad byte's place.
  writeFile(dir / "latin1.txt", "K\xca" " HO\xa0" "CH\n");
  auto latin1 = readPlanDocument(dir / "latin1.txt");
  REQUIRE_FALSE(latin1);
  CHECK(latin1.error().message.find("latin1.txt:1:2: not a text file: byte 0xCA is not UTF-8") != std::string::npos);

  writeFile(dir / "plan.odt", "I. NỘI DUNG\n");
  CHECK(readPlanDocument(dir / "plan.odt").error().message.find("unsupported") != std::string::npos);
  CHECK(readPlanDocument(dir / "missing.txt").error().message.find("no such file") != std::string::npos);
  writeFile(dir / "fake.docx", "not a zip archive at all");
  CHECK(readPlanDocument(dir / "fake.docx").error().message.find("not a Word .docx") != std::string::npos);
  writeFile(dir / "fake.pdf", "%PDF-1.4 broken");
  CHECK(readPlanDocument(dir / "fake.pdf").error().message.find("PDF") != std::string::npos);

  ImportOptions options;
  auto no_content = importPlan(
      "KẾ HOẠCH\nTổ chức hội nghị năm 2026\n\nI. MỤC ĐÍCH\n1. Nâng cao nhận thức.\n\nII. TỔ CHỨC THỰC HIỆN\n"
      "1. Văn phòng chủ trì.\n", options);
  REQUIRE_FALSE(no_content);
  CHECK(no_content.error().message.find("no content section") != std::string::npos);
  CHECK(no_content.error().message.find("I. MỤC ĐÍCH") != std::string::npos);
  auto prose = importPlan("Đây là một bức thư, không phải kế hoạch.\nXin cảm ơn.\n", options);
  REQUIRE_FALSE(prose);
  CHECK(prose.error().message.find("no content section") != std::string::npos);
}
