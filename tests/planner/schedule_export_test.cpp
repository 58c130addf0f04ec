// The schedule export: JSON in the shape of SPEC §5 and iCalendar that a
// calendar reads (parsed here with libical), from a schedule the planner
// made for a small station.
#include <libical/ical.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "scheduler/planner.hpp"
#include "scheduler/quota_period.hpp"
#include "scheduler/schedule_export.hpp"

using namespace wardcast;
using namespace wardcast::planner;

namespace {

struct Fixture {
  StationConfig station;
  TimeZone zone = TimeZone::load("Asia/Ho_Chi_Minh").value();
  ScheduleSnapshot snapshot;

  Fixture() {
    station.station.name = "Đài truyền thanh phường Hương Trà, thử";
    Date from{std::chrono::year{2026}, std::chrono::May, std::chrono::day{4}};
    Date to{std::chrono::year{2026}, std::chrono::May, std::chrono::day{10}};
    PlanInput in;
    in.campaign.id = "kstthc-2026";
    in.campaign.start = from;
    in.campaign.end = to;
    in.first_day = toDayNumber(from);
    in.last_day = toDayNumber(to);
    for (std::string id : {"ward", "to-1"}) {
      PlanChannel c{id, ChannelKind::kLoudspeaker, {"ward"}, {}};
      for (DayNumber d = in.first_day; d <= in.last_day; ++d)
        c.windows.push_back({"morning", d, zone.toInstant(toDate(d), std::chrono::minutes(360)).time_since_epoch().count(),
                             zone.toInstant(toDate(d), std::chrono::minutes(375)).time_since_epoch().count()});
      in.channels.push_back(c);
    }
    Topic topic;
    topic.id = "mot-cua";
    topic.quotas.push_back({"group:ward", 3, QuotaPeriod::kWeek, {}, std::chrono::minutes(0), {}});
    topic.quotas.push_back({"group:ward", 2, QuotaPeriod::kDay, {}, std::chrono::minutes(0), {}});
    in.campaign.topics.push_back(topic);
    for (int i = 0; i < 3; ++i) {
      PlanItem item;
      item.id = "b" + std::to_string(i + 1);
      item.topic = "mot-cua";
      item.duration_ms = 125'500;
      in.items.push_back(item);
    }
    PlanResult result = planSchedule(in);
    snapshot.station = &station;
    snapshot.from = from;
    snapshot.to = to;
    snapshot.channels = in.channels;
    for (const PlanEntry& e : result.entries)
      snapshot.entries.push_back({0, e.channel, SysMillis(std::chrono::milliseconds(e.start_ms)),
                                  SysMillis(std::chrono::milliseconds(e.end_ms)), EntryKind::kBulletin, e.item,
                                  e.topic, e.campaign, false, e.window});
    snapshot.shortfalls = result.shortfalls;
    snapshot.shortfalls.push_back({"mot-cua", "group:ward", "2026-W19", 9, 7, ShortfallReason::kWindowsFull});
  }
};

}  // namespace

TEST_CASE("JSON export has the shape of SPEC §5", "[export]") {
  Fixture f;
  auto doc = nlohmann::json::parse(scheduleToJson(f.snapshot, f.zone));
  REQUIRE(doc["station"] == f.station.station.name);
  REQUIRE(doc["timezone"] == "Asia/Ho_Chi_Minh");
  REQUIRE(doc["from"] == "2026-05-04");
  REQUIRE(doc["to"] == "2026-05-10");
  REQUIRE(doc["channels"][0] == nlohmann::json{{"id", "ward"}, {"kind", "loudspeaker"}, {"groups", {"ward"}}});
  REQUIRE(doc["windows"].size() == 14);
  REQUIRE(doc["windows"][0]["start"] == "2026-05-04T06:00:00+07:00");
  REQUIRE(doc["windows"][0]["end"] == "2026-05-04T06:15:00+07:00");
  // 2 a day plus 3 more in the week (17 group plays), in sync on two channels.
  REQUIRE(doc["entries"].size() == 17 * 2);
  REQUIRE(doc["entries"][0]["start"] == doc["entries"][17]["start"]);
  const auto& first = doc["entries"][0];
  for (const char* key : {"channel", "start", "end", "item", "kind", "topic", "campaign", "pinned"})
    REQUIRE(first.contains(key));
  REQUIRE(first["kind"] == "bulletin");
  REQUIRE(first["topic"] == "mot-cua");
  REQUIRE(first["campaign"] == "kstthc-2026");
  REQUIRE(first["pinned"] == false);
  REQUIRE(first["start"].get<std::string>().substr(0, 11) == "2026-05-04T");
  REQUIRE(first["end"].get<std::string>().find(".500+07:00") != std::string::npos);  // to the millisecond
  auto sf = doc["shortfalls"].back();
  REQUIRE(sf == nlohmann::json{{"topic", "mot-cua"}, {"target", "group:ward"}, {"period", "2026-W19"},
                               {"required", 9}, {"scheduled", 7}, {"reason", "windows full"}});
  REQUIRE(scheduleToJson(f.snapshot, f.zone) == scheduleToJson(f.snapshot, f.zone));
}

TEST_CASE("iCalendar export is RFC 5545 that libical reads back event by event", "[export]") {
  Fixture f;
  std::string ics = scheduleToICalendar(f.snapshot, f.zone);
  for (std::size_t pos = 0; (pos = ics.find('\n', pos)) != std::string::npos; ++pos)
    REQUIRE(ics[pos - 1] == '\r');  // CRLF everywhere
  icalcomponent* calendar = icalparser_parse_string(ics.c_str());
  REQUIRE(calendar != nullptr);
  REQUIRE(icalcomponent_isa(calendar) == ICAL_VCALENDAR_COMPONENT);
  REQUIRE(icalrestriction_check(calendar) == 1);
  std::size_t events = 0;
  for (icalcomponent* ev = icalcomponent_get_first_component(calendar, ICAL_VEVENT_COMPONENT); ev != nullptr;
       ev = icalcomponent_get_next_component(calendar, ICAL_VEVENT_COMPONENT)) {
    const PlannedEntry& e = f.snapshot.entries[events];
    icaltimetype start = icalcomponent_get_dtstart(ev);
    REQUIRE(icaltime_as_timet(start) == std::chrono::duration_cast<std::chrono::seconds>(e.start.time_since_epoch()).count());
    REQUIRE(std::string(icalcomponent_get_location(ev)) == e.channel);
    REQUIRE(std::string(icalcomponent_get_summary(ev)).find(e.item) == 0);
    ++events;
  }
  REQUIRE(events == f.snapshot.entries.size());
  icalcomponent_free(calendar);
}

TEST_CASE("period labels and their days", "[export]") {
  DayNumber d = toDayNumber(Date{std::chrono::year{2026}, std::chrono::May, std::chrono::day{7}});
  REQUIRE(periodLabel(QuotaPeriod::kWeek, periodKey(QuotaPeriod::kWeek, d)) == "2026-W19");
  REQUIRE(periodLabel(QuotaPeriod::kMonth, periodKey(QuotaPeriod::kMonth, d)) == "2026-05");
  REQUIRE(periodLabel(QuotaPeriod::kQuarter, periodKey(QuotaPeriod::kQuarter, d)) == "2026-Q2");
  REQUIRE(periodLabel(QuotaPeriod::kDay, periodKey(QuotaPeriod::kDay, d)) == "2026-05-07");
  // 2027-01-01 is a Friday: ISO week 53 of 2026.
  DayNumber ny = toDayNumber(Date{std::chrono::year{2027}, std::chrono::January, std::chrono::day{1}});
  REQUIRE(periodLabel(QuotaPeriod::kWeek, periodKey(QuotaPeriod::kWeek, ny)) == "2026-W53");
  auto span = periodSpan("2026-W19");
  REQUIRE(span);
  REQUIRE(formatDate(toDate(span->first)) == "2026-05-04");
  REQUIRE(formatDate(toDate(span->second)) == "2026-05-10");
  REQUIRE(formatDate(toDate(periodSpan("2026-Q4")->second)) == "2026-12-31");
  REQUIRE(!periodSpan("campaign"));
}
