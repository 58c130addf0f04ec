#include <catch2/catch.hpp>

#include "tests/store/store_test_support.hpp"

using namespace wardcast;
using namespace wardcast::test;

namespace {

Date day(int y, unsigned m, unsigned d) {
  return Date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

Campaign sampleCampaign() {
  Campaign c;
  c.id = "kstthc-2026";
  c.title = "Kiểm soát thủ tục hành chính";
  c.issuer = "UBND phường Hương Trà";
  c.start = day(2026, 4, 15);
  c.end = day(2026, 12, 31);
  c.source = "huong-tra-2026.txt";
  Topic t;
  t.id = "mot-cua";
  t.title = "Cơ chế một cửa";
  t.section = "III.1.a";
  t.priority = 2;
  t.audiences = {"elderly"};
  t.start = day(2026, 5, 1);
  t.end = day(2026, 10, 30);
  t.quotas.push_back(Quota{"kind:loudspeaker", 3, QuotaPeriod::kWeek, {"morning", "evening"}, std::chrono::minutes(1440), {}});
  t.quotas.push_back(Quota{"led-sanh", 1, QuotaPeriod::kDay, {}, std::chrono::minutes(0), {6, 7}});
  c.topics.push_back(t);
  Topic d;
  d.id = "dvc";
  d.title = "Dịch vụ công trực tuyến";
  c.topics.push_back(d);
  return c;
}

}  // namespace

TEST_CASE("a campaign with topics and quotas reads back as stored") {
  TempDir dir;
  auto store = openStore(dir.path());
  REQUIRE(store->campaigns().save(sampleCampaign(), "lan"));
  auto c = store->campaigns().get("kstthc-2026");
  REQUIRE(c);
  CHECK(c->issuer == "UBND phường Hương Trà");
  CHECK(formatDate(c->start) == "2026-04-15");
  REQUIRE(c->topics.size() == 2);
  const auto& t = c->topics[0];
  CHECK(t.id == "mot-cua");
  CHECK(t.section == "III.1.a");
  CHECK(t.priority == 2);
  CHECK(t.audiences == std::vector<std::string>{"elderly"});
  CHECK(formatDate(*t.start) == "2026-05-01");
  CHECK(formatDate(*t.end) == "2026-10-30");
  CHECK_FALSE(c->topics[1].start.has_value());
  REQUIRE(t.quotas.size() == 2);
  CHECK(t.quotas[0].target == "kind:loudspeaker");
  CHECK(t.quotas[0].plays == 3);
  CHECK(t.quotas[0].per == QuotaPeriod::kWeek);
  CHECK(t.quotas[0].windows == std::vector<std::string>{"morning", "evening"});
  CHECK(t.quotas[0].min_gap == std::chrono::minutes(1440));
  CHECK(t.quotas[0].days.empty());
  CHECK(t.quotas[1].per == QuotaPeriod::kDay);
  CHECK(t.quotas[1].days == std::vector<unsigned>{6, 7});
  CHECK(store->campaigns().activeBetween(day(2026, 1, 1), day(2026, 4, 15)).value().size() == 1);
  CHECK(store->campaigns().activeBetween(day(2027, 1, 1), day(2027, 2, 1)).value().empty());
  CHECK(store->campaigns().get("none").error().kind == ErrorKind::kNotFound);
}

TEST_CASE("saving again replaces quotas and an unplanned topic joins its campaign") {
  TempDir dir;
  auto store = openStore(dir.path());
  REQUIRE(store->campaigns().ensureTopic("dvc", "lan"));
  CHECK(store->campaigns().topic("dvc").value().campaign_id.empty());
  auto c = sampleCampaign();
  REQUIRE(store->campaigns().save(c, "lan"));
  CHECK(store->campaigns().topic("dvc").value().campaign_id == "kstthc-2026");
  c.topics[0].quotas.pop_back();
  REQUIRE(store->campaigns().save(c, "lan"));
  CHECK(store->campaigns().get(c.id).value().topics[0].quotas.size() == 1);
  CHECK(store->campaigns().list().value().size() == 1);

  Campaign other = sampleCampaign();
  other.id = "khac";
  auto clash = store->campaigns().save(other, "lan");
  REQUIRE_FALSE(clash);
  CHECK(clash.error().kind == ErrorKind::kConflict);
  CHECK(store->campaigns().list().value().size() == 1);  // rolled back
}
