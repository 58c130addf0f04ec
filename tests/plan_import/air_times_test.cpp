// When a plan asks for air time: weekdays ("sáng thứ Bảy hằng tuần"), parts
// of the day ("buổi sáng và buổi chiều"), months and seasons ("từ tháng 5
// đến hết tháng 8", "mùa mưa bão"). The words, then a plan written for this
// test imported against a station, then the campaign file it writes.
#include <catch2/catch.hpp>

#include "content/plan_import/plan_lexicon.hpp"
#include "tests/plan_import/plan_variants.hpp"
#include "tests/support/test_support.hpp"

using namespace wardcast;
using namespace wardcast::test;
using plan_text::AirTimes;
using plan_text::DayPart;

namespace {

std::vector<unsigned> weekdays(const char* lower) {
  auto t = plan_text::airTimesOf(lower);
  return t ? t->weekdays : std::vector<unsigned>{};
}

std::vector<DayPart> parts(const char* lower) {
  auto t = plan_text::airTimesOf(lower);
  return t ? t->day_parts : std::vector<DayPart>{};
}

std::string span(const char* lower) {
  auto s = plan_text::seasonOf(lower, 2027);
  if (!s) return "none";
  return (s->start ? formatDate(*s->start) : "?") + ".." + (s->end ? formatDate(*s->end) : "?");
}

Date day(int y, unsigned m, unsigned d) { return Date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}}; }

const Topic& topicAt(const PlanImport& plan, const std::string& section) {
  for (const auto& t : plan.campaign.topics)
    if (t.section == section) return t;
  FAIL("no topic at " << section);
  throw std::logic_error("unreachable");
}

// A commune's plan, written for this test.
const char* kPlan = R"(ỦY BAN NHÂN DÂN XÃ AN BÌNH
KẾ HOẠCH
Tuyên truyền phòng chống thiên tai và an toàn giao thông năm 2027

I. MỤC ĐÍCH, YÊU CẦU
Nâng cao nhận thức của Nhân dân.

II. NỘI DUNG TUYÊN TRUYỀN
1. Phòng, chống thiên tai, ứng phó bão lũ trong mùa mưa bão; phát trên loa truyền thanh vào buổi sáng và buổi chiều hằng ngày.
2. An toàn giao thông cho học sinh, phát vào sáng thứ Hai và thứ Sáu hằng tuần.
3. Phòng chống đuối nước cho trẻ em từ tháng 5 đến hết tháng 8.
4. Lần thứ hai tổ chức ngày hội đại đoàn kết; tuyên truyền định kỳ.
5. Phòng cháy rừng trong mùa khô.
6. Vệ sinh môi trường vào các ngày cuối tuần, lúc 17 giờ.

III. HÌNH THỨC TUYÊN TRUYỀN
Phát trên hệ thống loa truyền thanh của xã.
)";

// The ward speaker with a morning (06:00-06:30) and an evening (17:00-17:30)
// window every day.
StationConfig station() {
  StationConfig s;
  const std::vector<unsigned> every_day{1, 2, 3, 4, 5, 6, 7};
  s.windows = {Window{"morning", std::chrono::minutes(6 * 60), std::chrono::minutes(6 * 60 + 30), every_day},
               Window{"evening", std::chrono::minutes(17 * 60), std::chrono::minutes(17 * 60 + 30), every_day}};
  Channel ward;
  ward.id = "ward";
  ward.windows = {"morning", "evening"};
  s.channels = {ward};
  return s;
}

}  // namespace

TEST_CASE("weekdays are read where they are days, not ordinals") {
  CHECK(weekdays("phát vào sáng thứ bảy hằng tuần") == std::vector<unsigned>{6});
  CHECK(weekdays("phát từ thứ 2 đến thứ 6") == std::vector<unsigned>{1, 2, 3, 4, 5});
  CHECK(weekdays("vào thứ 3, thứ 5 và chủ nhật") == std::vector<unsigned>{2, 4, 7});
  CHECK(weekdays("phát vào các ngày cuối tuần") == std::vector<unsigned>{6, 7});
  CHECK(weekdays("chủ nhật hằng tuần") == std::vector<unsigned>{7});
  // Every day is no limit at all.
  CHECK(weekdays("phát từ thứ hai đến chủ nhật") == std::vector<unsigned>{});
  // Ordinals: "the second time", "the third year", "secondly".
  CHECK_FALSE(plan_text::airTimesOf("lần thứ hai tổ chức hội thi"));
  CHECK_FALSE(plan_text::airTimesOf("năm thứ ba thực hiện nghị quyết"));
  CHECK_FALSE(plan_text::airTimesOf("thứ hai, tuyên truyền về chuyển đổi số"));
}

TEST_CASE("parts of the day are read from their own words and clock times") {
  CHECK(parts("vào buổi sáng và buổi tối") == std::vector<DayPart>{DayPart::kMorning, DayPart::kEvening});
  CHECK(parts("phát vào sáng và chiều") == std::vector<DayPart>{DayPart::kMorning, DayPart::kAfternoon});
  CHECK(parts("phát sáng thứ bảy") == std::vector<DayPart>{DayPart::kMorning});
  CHECK(parts("phát lúc 17 giờ") == std::vector<DayPart>{DayPart::kAfternoon});
  CHECK(parts("vào 6h30 mỗi ngày") == std::vector<DayPart>{DayPart::kMorning});
  CHECK(parts("mỗi trưa") == std::vector<DayPart>{DayPart::kNoon});
  // Other words that begin the same: initiatives, creativity, at most.
  CHECK_FALSE(plan_text::airTimesOf("các sáng kiến, giải pháp sáng tạo"));
  CHECK_FALSE(plan_text::airTimesOf("phát tối đa 3 lần"));
}

TEST_CASE("months and seasons narrow the topic's days, a deadline does not") {
  CHECK(span("từ tháng 5 đến hết tháng 10") == "2027-05-01..2027-10-31");
  CHECK(span("tháng 6 - tháng 8") == "2027-06-01..2027-08-31");
  CHECK(span("trong các tháng 6, 7 và 8") == "2027-06-01..2027-08-31");
  CHECK(span("vào tháng 9") == "2027-09-01..2027-09-30");
  CHECK(span("hoàn thành trong tháng 6") == "none");
  CHECK(span("trong mùa mưa bão") == "2027-06-01..2027-11-30");
  CHECK(span("dịp hè") == "2027-06-01..2027-08-31");
  auto rainy = plan_text::seasonOf("trong mùa mưa", 2027);
  REQUIRE(rainy);
  CHECK(rainy->note.find("central") != std::string::npos);  // a season is a guess and says so
  auto dry = plan_text::seasonOf("phòng cháy rừng trong mùa khô", 2027);
  REQUIRE(dry);
  CHECK_FALSE(dry->start);  // across the new year: no one span
  CHECK(dry->note.find("new year") != std::string::npos);
}

TEST_CASE("a plan's days, parts of the day and seasons become quotas on the station's windows") {
  PlanImport plan = importText(kPlan, "an-binh-2027.txt");
  StationConfig s = station();
  fitToStation(plan, &s);

  // II.1: the storm season, twice a day (morning and afternoon); both
  // windows serve those parts, so no window limit.
  const Topic& storms = topicAt(plan, "II.1");
  CHECK(storms.start == day(2027, 6, 1));
  CHECK(storms.end == day(2027, 11, 30));
  REQUIRE(storms.quotas.size() == 1);
  CHECK(storms.quotas[0].plays == 2);
  CHECK(storms.quotas[0].per == QuotaPeriod::kDay);
  CHECK(storms.quotas[0].windows.empty());
  CHECK(storms.quotas[0].min_gap < std::chrono::hours(11));  // the two windows are 11 hours apart

  // II.2: Monday and Friday mornings, one play each.
  const Topic& traffic = topicAt(plan, "II.2");
  REQUIRE(traffic.quotas.size() == 1);
  CHECK(traffic.quotas[0].days == std::vector<unsigned>{1, 5});
  CHECK(traffic.quotas[0].plays == 2);
  CHECK(traffic.quotas[0].per == QuotaPeriod::kWeek);
  CHECK(traffic.quotas[0].windows == std::vector<std::string>{"morning"});

  // II.3: May to August.
  CHECK(topicAt(plan, "II.3").start == day(2027, 5, 1));
  CHECK(topicAt(plan, "II.3").end == day(2027, 8, 31));

  // II.4: "lần thứ hai" is not Monday.
  CHECK(topicAt(plan, "II.4").quotas[0].days.empty());

  // II.5: the dry season cannot be one span; the reviewer is told.
  CHECK_FALSE(topicAt(plan, "II.5").start);
  CHECK(plan.topic_guesses[4].quotas[0].find("dry season") != std::string::npos);

  // II.6: weekends at 17:00, the evening window (17:00-17:30).
  const Topic& clean = topicAt(plan, "II.6");
  CHECK(clean.quotas[0].days == std::vector<unsigned>{6, 7});
  CHECK(clean.quotas[0].plays == 2);
  CHECK(clean.quotas[0].windows == std::vector<std::string>{"evening"});

  // The file says all of it and loads back, against the station, as read.
  TempDir dir;
  writeFile(dir / "c.toml", campaignToToml(plan));
  Campaign back = loadCampaignFile(dir / "c.toml", &s);
  REQUIRE(back.topics.size() == plan.campaign.topics.size());
  for (std::size_t t = 0; t < back.topics.size(); ++t) {
    INFO(back.topics[t].section);
    CHECK(back.topics[t].start == plan.campaign.topics[t].start);
    CHECK(back.topics[t].end == plan.campaign.topics[t].end);
    REQUIRE(back.topics[t].quotas.size() == plan.campaign.topics[t].quotas.size());
    for (std::size_t q = 0; q < back.topics[t].quotas.size(); ++q) {
      CHECK(back.topics[t].quotas[q].days == plan.campaign.topics[t].quotas[q].days);
      CHECK(back.topics[t].quotas[q].windows == plan.campaign.topics[t].quotas[q].windows);
      CHECK(back.topics[t].quotas[q].plays == plan.campaign.topics[t].quotas[q].plays);
      CHECK(back.topics[t].quotas[q].min_gap == plan.campaign.topics[t].quotas[q].min_gap);
    }
  }
}

TEST_CASE("parts of the day no window serves, and days no window opens on, are left to the reviewer") {
  PlanImport plan = importText(kPlan, "an-binh-2027.txt");
  StationConfig s = station();
  s.windows[0].start = std::chrono::minutes(8 * 60);  // morning 08:00-08:30
  s.windows[0].end = std::chrono::minutes(8 * 60 + 30);
  s.windows[1].start = std::chrono::minutes(9 * 60);  // "evening" 09:00-09:30
  s.windows[1].end = std::chrono::minutes(9 * 60 + 30);
  s.windows[0].days = s.windows[1].days = {1, 2, 3, 4, 5};
  fitToStation(plan, &s);

  // The afternoon (from 13:00) is 3.5 hours from the nearest window: no
  // limit, and the comment says why.
  const Topic& clean = topicAt(plan, "II.6");
  CHECK(clean.quotas[0].windows.empty());
  CHECK(plan.topic_guesses[5].quotas[0].find("none of the target's windows is open then") != std::string::npos);
  // No window opens at the weekend: the days are dropped, not kept to fail.
  CHECK(clean.quotas[0].days.empty());
  CHECK(plan.topic_guesses[5].quotas[0].find("opens on those days") != std::string::npos);

  // Without a station the file keeps the words for the reviewer.
  PlanImport alone = importText(kPlan, "an-binh-2027.txt");
  fitToStation(alone, nullptr);
  CHECK(alone.topic_guesses[1].quotas[0].find("the plan asks for the morning") != std::string::npos);
  CHECK(topicAt(alone, "II.2").quotas[0].windows.empty());
}

TEST_CASE("the evening asked of a station whose last window ends at 17:30 gets that window, the nearest") {
  const char* text = R"(ỦY BAN NHÂN DÂN XÃ AN BÌNH
KẾ HOẠCH
Tuyên truyền phòng chống dịch bệnh năm 2027

I. NỘI DUNG TUYÊN TRUYỀN
1. Phòng chống sốt xuất huyết, phát trên loa truyền thanh vào buổi tối hằng ngày.
)";
  PlanImport plan = importText(text, "dich-benh-2027.txt");
  StationConfig s = station();
  fitToStation(plan, &s);
  REQUIRE(plan.campaign.topics.size() == 1);
  const Quota& q = plan.campaign.topics[0].quotas.at(0);
  CHECK(q.windows == std::vector<std::string>{"evening"});
  CHECK(q.plays == 1);
  CHECK(q.per == QuotaPeriod::kDay);
  CHECK(plan.topic_guesses[0].quotas[0].find("the nearest") != std::string::npos);
}
