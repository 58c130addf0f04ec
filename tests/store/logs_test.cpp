#include <catch2/catch.hpp>

#include "tests/store/store_test_support.hpp"

using namespace wardcast;
using namespace wardcast::test;
using std::chrono::minutes;

namespace {

SysMillis at(int minute) { return SysMillis(std::chrono::milliseconds(1777586400000LL)) + minutes(minute); }

PlannedEntry entry(const std::string& channel, int start_min, const std::string& item, bool pinned = false) {
  PlannedEntry e;
  e.channel = channel;
  e.start = at(start_min);
  e.end = at(start_min + 1);
  e.item = item;
  e.topic = "mot-cua";
  e.campaign = "k1";
  e.pinned = pinned;
  e.window = "morning";
  return e;
}

}  // namespace

TEST_CASE("replacing a range of the program log keeps pins and entries outside it") {
  TempDir dir;
  auto store = openStore(dir.path());
  auto log = store->programLog();
  REQUIRE(log.replaceRange(at(0), at(100), {entry("ward", 0, "b1"), entry("ward", 10, "b2"),
                                            entry("led", 10, "c1"), entry("ward", 200, "b9")},
                           "planner"));
  auto pin = log.pin(entry("ward", 20, "b5"), "lan");
  REQUIRE(pin);
  CHECK(pin->pinned);
  CHECK(pin->id > 0);

  REQUIRE(log.replaceRange(at(0), at(100), {entry("ward", 30, "b3")}, "planner"));
  auto ward = log.range(at(0), at(300), std::string("ward")).value();
  REQUIRE(ward.size() == 3);
  CHECK(ward[0].item == "b5");
  CHECK(ward[0].pinned);
  CHECK(ward[1].item == "b3");
  CHECK(ward[1].start == at(30));
  CHECK(ward[1].end == at(31));
  CHECK(ward[1].window == "morning");
  CHECK(ward[2].item == "b9");
  CHECK(log.range(at(0), at(300), std::string("led")).value().empty());
  CHECK(log.pins(at(0), at(300)).value().size() == 1);

  // One channel only.
  REQUIRE(log.replaceRange(at(0), at(100), {entry("led", 40, "c2")}, "planner",
                           std::vector<std::string>{"led"}));
  CHECK(log.range(at(0), at(100)).value().size() == 3);

  REQUIRE(log.unpin(pin->id, "lan"));
  CHECK(log.pins(at(0), at(300)).value().empty());
  CHECK_FALSE(log.unpin(pin->id, "lan"));

  auto backwards = entry("ward", 5, "b1");
  backwards.end = at(4);
  CHECK_FALSE(log.replaceRange(at(0), at(100), {backwards}, "planner"));
  CHECK(store->audit().recent(1).value().at(0).what == "program.unpin");
}

TEST_CASE("the as-run log keeps real times, status and reason") {
  TempDir dir;
  auto store = openStore(dir.path());
  AsRunEntry played{0, "ward", 7, EntryKind::kBulletin, "b1", "mot-cua", "k1", at(0), at(1),
                    AsRunStatus::kPlayed, ""};
  AsRunEntry cut{0, "ward", std::nullopt, EntryKind::kBulletin, "b2", "mot-cua", "k1", at(1), at(2),
                 AsRunStatus::kPreempted, "emergency"};
  REQUIRE(store->asRunLog().append(played));
  REQUIRE(store->asRunLog().append(cut));
  auto rows = store->asRunLog().range(at(0), at(10)).value();
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].planned_id == std::optional<std::int64_t>(7));
  CHECK(rows[1].status == AsRunStatus::kPreempted);
  CHECK(rows[1].reason == "emergency");
  CHECK_FALSE(rows[1].planned_id.has_value());
  CHECK(store->asRunLog().range(at(0), at(10), std::string("led")).value().empty());
}

TEST_CASE("the audit log records who did what and when") {
  TempDir dir;
  auto store = openStore(dir.path());
  auto before = std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
  REQUIRE(store->audit().record("op", "emergency.start", "storm warning"));
  auto after = std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
  auto rows = store->audit().range(before, after + std::chrono::milliseconds(1)).value();
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].who == "op");
  CHECK(rows[0].what == "emergency.start");
  CHECK(rows[0].details == "storm warning");
}
