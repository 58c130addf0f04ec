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

const char* kOwnPlan = R"(ỦY BAN NHÂN DÂN XÃ TÂN AN
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

const Topic& topicAt(const PlanImport& plan, const std::string& section) {
  for (const auto& t : plan.campaign.topics)
    if (t.section == section) return t;
  FAIL("no topic at " << section);
  throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("a plan of another structure: topics, channels, counts and deadlines from its own words") {
  PlanImport plan = importText(kOwnPlan, "tan-an-2027.txt");
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
  REQUIRE(storm.quotas.size() == 2);
  CHECK(storm.quotas[0].target == "kind:loudspeaker");
  CHECK(storm.quotas[0].plays == 3);
  CHECK(storm.quotas[0].per == QuotaPeriod::kWeek);
  CHECK(storm.quotas[1].target == "group:neighbourhood");  // "loa truyền thanh các thôn"
  CHECK(storm.quotas[1].plays == 3);

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
