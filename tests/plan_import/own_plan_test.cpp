// A plan written for this test, unlike the samples in structure: lettered
// sections (A. B. C. D.), "1.1." numbering, "+" bullets, a content section
// called "CHỦ ĐỀ", a task table whose header repeats after a page break,
// explicit counts, deadlines and audiences. Nothing here is in the samples.
#include <catch2/catch.hpp>

#include "tests/plan_import/plan_variants.hpp"
#include "tests/support/test_support.hpp"

using namespace wardcast;
using namespace wardcast::test;

namespace {

const Topic& topicAt(const PlanImport& plan, const std::string& section) {
  for (const auto& t : plan.campaign.topics)
    if (t.section == section) return t;
  FAIL("no topic at " << section);
  throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("a plan of another structure: topics, channels, counts and deadlines from its own words") {
  PlanImport plan = importText(tanAnPlan(), "tan-an-2027.txt");
  const Campaign& c = plan.campaign;
  std::vector<std::string> sections;
  for (const auto& t : c.topics) sections.push_back(t.section);
  // 1.3 is a short heading over two "+" items; the table's three rows are
  // tasks under B.2. A (aims), C (forms) and D (organisation) give none.
  CHECK(sections == std::vector<std::string>{"B.1.1", "B.1.2", "B.1.3.-1", "B.1.3.-2", "B.2.1", "B.2.2", "B.2.3"});
  CHECK(c.issuer == "UBND xã Tân An");
  CHECK(c.title == "Truyền thông phòng, chống thiên tai và chuyển đổi số cộng đồng năm 2027");
  CHECK(formatDate(c.start) == "2027-02-05");
  CHECK(formatDate(c.end) == "2027-12-31");

  const Topic& storm = topicAt(plan, "B.1.1");
  CHECK(storm.title == "Phòng, chống thiên tai và ứng phó bão lũ");
  REQUIRE(storm.end);
  CHECK(formatDate(*storm.end) == "2027-09-30");
  CHECK(storm.audiences == std::vector<std::string>{"elderly"});
  // "trên hệ thống loa truyền thanh các thôn": the village speakers only,
  // not also the plan's radio (C), which would count the plays twice there.
  REQUIRE(storm.quotas.size() == 1);
  CHECK(storm.quotas[0].target == "group:neighbourhood");
  CHECK(storm.quotas[0].plays == 3);
  CHECK(storm.quotas[0].per == QuotaPeriod::kWeek);

  const Topic& digital = topicAt(plan, "B.1.2");
  CHECK(digital.audiences == std::vector<std::string>{"young"});
  REQUIRE(digital.quotas.size() == 2);
  CHECK(digital.quotas[0].target == "kind:loudspeaker");  // the plan's radio (C)
  CHECK(digital.quotas[1].target == "kind:led");          // the item's LED screen
  CHECK(digital.quotas[1].per == QuotaPeriod::kMonth);    // "hàng tháng"

  const Topic& rain = topicAt(plan, "B.1.3.-2");
  CHECK(rain.title == "Diệt lăng quăng, bọ gậy trong các dụng cụ chứa nước");
  // Without words of its own, the rate is the radio's "hàng tuần" (C).
  CHECK(rain.quotas.at(0).plays == 1);
  CHECK(rain.quotas.at(0).per == QuotaPeriod::kWeek);

  const Topic& election = topicAt(plan, "B.2.1");
  CHECK(election.title == "Tuyên truyền về bầu cử đại biểu Hội đồng nhân dân");
  REQUIRE(election.end);
  CHECK(formatDate(*election.end) == "2027-03-15");
  CHECK(topicAt(plan, "B.2.2").quotas.at(0).per == QuotaPeriod::kWeek);
  REQUIRE(topicAt(plan, "B.2.3").end);
  CHECK(formatDate(*topicAt(plan, "B.2.3").end) == "2027-06-30");

  bool social = false;
  for (const auto& line : plan.skipped) social = social || line.find("social media") != std::string::npos;
  CHECK(social);

  TempDir dir;
  writeFile(dir / "c.toml", campaignToToml(plan));
  Campaign back = loadCampaignFile(dir / "c.toml");
  CHECK(back.topics.size() == 7);
  CHECK(back.topics[0].quotas[0].min_gap.count() > 0);
  CHECK(readFile(dir / "c.toml").find("# guess:") != std::string::npos);
}

// A station without a neighbourhood group (every speaker is one cluster):
// the village speakers are the loudspeakers, and nothing names a group.
TEST_CASE("without a neighbourhood group, neighbourhood mentions become loudspeaker quotas") {
  ImportOptions options;
  options.neighbourhood_group.clear();
  options.source_name = "tan-an-2027.txt";
  auto plan = importPlan(tanAnPlan(), options);
  REQUIRE(plan);
  for (const Topic& t : plan->campaign.topics)
    for (const Quota& q : t.quotas) {
      INFO(t.section << " " << q.target);
      CHECK(q.target.rfind("group:", 0) == std::string::npos);
    }
  const Topic& storm = topicAt(*plan, "B.1.1");
  REQUIRE(storm.quotas.size() == 1);
  CHECK(storm.quotas[0].target == "kind:loudspeaker");
  CHECK(storm.quotas[0].plays == 3);
  CHECK(storm.quotas[0].per == QuotaPeriod::kWeek);
}

// Another plan of our own: the issuer only in the letterhead ("UBND
// PHƯỜNG AN BÌNH"), an item that names its channel and rate while the plan's
// form section names the LED screens without one.
TEST_CASE("the letterhead names the issuer, an item's rate is for the channels it names") {
  const char* text = R"(UBND PHƯỜNG AN BÌNH
Số: 45/KH-UBND
An Bình, ngày 12 tháng 3 năm 2027

KẾ HOẠCH
Tuyên truyền phòng, chống ma túy và an ninh trật tự trên địa bàn phường năm 2027

I. MỤC ĐÍCH, YÊU CẦU
1. Nâng cao nhận thức của nhân dân về tác hại của ma túy.
2. Huy động cả hệ thống chính trị cùng tham gia.

II. NỘI DUNG TUYÊN TRUYỀN
1. Tác hại của ma túy đối với sức khỏe, gia đình và xã hội; các thủ đoạn lôi kéo thanh thiếu niên sử dụng ma túy tổng hợp. Phát mỗi tuần 2 lần trên loa truyền thanh phường.
2. Quy định của pháp luật về phòng, chống ma túy, Luật Phòng, chống ma túy năm 2021; trách nhiệm của gia đình trong quản lý người nghiện.
3. Phòng ngừa tội phạm trộm cắp tài sản, lừa đảo qua mạng
a) Cảnh giác với các cuộc gọi giả danh công an, ngân hàng.
b) Khóa cửa, bảo quản xe máy khi ra khỏi nhà.
4. Phong trào toàn dân bảo vệ an ninh Tổ quốc, hoàn thành trước ngày 30/6/2027.

III. HÌNH THỨC TUYÊN TRUYỀN
- Đài truyền thanh phường xây dựng chuyên mục "An ninh trật tự" phát hằng tuần.
- Trình chiếu phóng sự, clip trên màn hình LED tại Trung tâm phục vụ hành chính công.
- Đăng tin trên trang thông tin điện tử và Zalo của phường.

IV. TỔ CHỨC THỰC HIỆN
1. Công an phường chủ trì, phối hợp Đài truyền thanh.
2. Báo cáo kết quả 6 tháng, năm.
)";
  PlanImport plan = importText(text, "an-binh-2027.txt");
  CHECK(plan.campaign.issuer == "UBND phường An Bình");
  const Topic& drugs = topicAt(plan, "II.1");
  REQUIRE(drugs.quotas.size() == 2);
  CHECK(drugs.quotas[0].target == "kind:loudspeaker");
  CHECK(drugs.quotas[0].plays == 2);  // "Phát mỗi tuần 2 lần trên loa truyền thanh phường"
  CHECK(drugs.quotas[0].per == QuotaPeriod::kWeek);
  CHECK(drugs.quotas[1].target == "kind:led");
  CHECK(drugs.quotas[1].plays == 1);  // the plan gives the screens no rate: the default
  const Topic& law = topicAt(plan, "II.2");
  CHECK(law.quotas.at(0).target == "kind:loudspeaker");
  CHECK(law.quotas.at(0).plays == 1);  // the radio's "hằng tuần" (III)
  REQUIRE(topicAt(plan, "II.4").end);
  CHECK(formatDate(*topicAt(plan, "II.4").end) == "2027-06-30");
  CHECK(plan.campaign.topics.size() == 5);  // II.1, II.2, II.3.a, II.3.b, II.4
}

// "hệ thống loa truyền thanh của xã và các ấp" names the commune's speakers
// and the hamlets': every loudspeaker, one quota. Read as the hamlets'
// group beside the radio's loudspeaker quota, the hamlet speakers would
// be asked for every play twice.
TEST_CASE("the commune's and the hamlets' speakers together are the loudspeakers, not a group besides them") {
  const char* text = R"(ỦY BAN NHÂN DÂN XÃ TÂN PHÚ
KẾ HOẠCH
Tuyên truyền phòng, chống sốt xuất huyết và phòng cháy, chữa cháy năm 2027

I. MỤC ĐÍCH, YÊU CẦU
1. Nâng cao ý thức của Nhân dân trong phòng, chống dịch bệnh.

II. NỘI DUNG TUYÊN TRUYỀN
1. Dấu hiệu nhận biết bệnh sốt xuất huyết, thực hiện hằng ngày.
2. Kiến thức phòng cháy, chữa cháy; kỹ năng thoát nạn khi cháy nhà ở, mỗi tuần 03 lần.
3. Diệt lăng quăng tại các thôn, trên loa truyền thanh các ấp, hằng tuần.

III. HÌNH THỨC TUYÊN TRUYỀN
1. Tuyên truyền trên hệ thống loa truyền thanh của xã và các ấp.
2. Đăng tải trên Trang thông tin điện tử của xã.

IV. TỔ CHỨC THỰC HIỆN
1. Đài truyền thanh xã chủ trì, xây dựng tin, bài.
)";
  PlanImport plan = importText(text, "tan-phu-2027.txt");
  for (const char* section : {"II.1", "II.2"}) {
    const Topic& t = topicAt(plan, section);
    INFO(section);
    REQUIRE(t.quotas.size() == 1);
    CHECK(t.quotas[0].target == "kind:loudspeaker");
  }
  CHECK(topicAt(plan, "II.2").quotas[0].plays == 3);
  // An item that names the hamlets' speakers alone still gets their group.
  const Topic& hamlets = topicAt(plan, "II.3");
  REQUIRE(hamlets.quotas.size() == 1);
  CHECK(hamlets.quotas[0].target == "group:neighbourhood");
}

TEST_CASE("neighbourhood speakers the plan names besides the radio get a quota only when asked more often") {
  auto plan_with = [](const std::string& hamlet_sentence) {
    return R"(ỦY BAN NHÂN DÂN PHƯỜNG AN HÒA
KẾ HOẠCH
Tuyên truyền cải cách hành chính năm 2027

I. NỘI DUNG TUYÊN TRUYỀN
1. Dịch vụ công trực tuyến toàn trình.

II. HÌNH THỨC TUYÊN TRUYỀN
1. Đài truyền thanh phường phát hằng tuần.
2. )" + hamlet_sentence + "\n";
  };
  // Relaying the ward's bulletins monthly: the weekly loudspeaker quota
  // already reaches those speakers.
  PlanImport relayed = importText(plan_with("Loa của các tổ dân phố tiếp phát hằng tháng."), "an-hoa.txt");
  REQUIRE(relayed.campaign.topics.size() == 1);
  REQUIRE(relayed.campaign.topics[0].quotas.size() == 1);
  CHECK(relayed.campaign.topics[0].quotas[0].target == "kind:loudspeaker");
  // Daily on the neighbourhood speakers is more than the weekly quota gives them.
  PlanImport daily = importText(plan_with("Loa của các tổ dân phố phát hằng ngày."), "an-hoa.txt");
  REQUIRE(daily.campaign.topics[0].quotas.size() == 2);
  CHECK(daily.campaign.topics[0].quotas[1].target == "group:neighbourhood");
  CHECK(daily.campaign.topics[0].quotas[1].per == QuotaPeriod::kDay);
}
