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
