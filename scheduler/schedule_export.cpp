#include "scheduler/schedule_export.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

namespace wardcast::planner {
namespace {

const char* kindName(ChannelKind kind) { return kind == ChannelKind::kLed ? "led" : "loudspeaker"; }

// RFC 5545 §3.3.11: backslash, semicolon, comma and newline are escaped.
std::string escapeText(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '\\' || c == ';' || c == ',') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

// RFC 5545 §3.1: lines of at most 75 octets, folded with CRLF + space,
// never inside a UTF-8 sequence.
void addLine(std::string& out, const std::string& line) {
  std::size_t pos = 0, limit = 75;
  while (line.size() - pos > limit) {
    std::size_t cut = pos + limit;
    while (cut > pos && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
    out += line.substr(pos, cut - pos);
    out += "\r\n ";
    pos = cut;
    limit = 74;  // the leading space counts
  }
  out += line.substr(pos);
  out += "\r\n";
}

std::string utcStamp(SysMillis t) {
  auto days = std::chrono::floor<std::chrono::days>(t);
  Date date{days};
  auto secs = std::chrono::duration_cast<std::chrono::seconds>(t - days).count();
  return fmt::format("{:04}{:02}{:02}T{:02}{:02}{:02}Z", int(date.year()), unsigned(date.month()),
                     unsigned(date.day()), secs / 3600, (secs / 60) % 60, secs % 60);
}

SysMillis instant(Millis ms) { return SysMillis(std::chrono::milliseconds(ms)); }

}  // namespace

std::string scheduleToJson(const ScheduleSnapshot& s, const TimeZone& zone) {
  using Json = nlohmann::ordered_json;
  Json doc;
  doc["station"] = s.station->station.name;
  doc["timezone"] = zone.name();
  doc["from"] = formatDate(s.from);
  doc["to"] = formatDate(s.to);
  Json channels = Json::array(), windows = Json::array(), entries = Json::array(), shortfalls = Json::array();
  for (const PlanChannel& c : s.channels) {
    channels.push_back({{"id", c.id}, {"kind", kindName(c.kind)}, {"groups", c.groups}});
    for (const WindowInstance& w : c.windows)
      windows.push_back({{"channel", c.id},
                         {"start", zone.formatIso(instant(w.start_ms))},
                         {"end", zone.formatIso(instant(w.end_ms))}});
  }
  for (const PlannedEntry& e : s.entries)
    entries.push_back({{"channel", e.channel},
                       {"start", zone.formatIso(e.start)},
                       {"end", zone.formatIso(e.end)},
                       {"item", e.item},
                       {"kind", toString(e.kind)},
                       {"topic", e.topic},
                       {"campaign", e.campaign},
                       {"pinned", e.pinned}});
  for (const Shortfall& f : s.shortfalls)
    shortfalls.push_back({{"topic", f.topic},
                          {"target", f.target},
                          {"period", f.period},
                          {"required", f.required},
                          {"scheduled", f.scheduled},
                          {"reason", toString(f.reason)}});
  doc["channels"] = channels;
  doc["windows"] = windows;
  doc["entries"] = entries;
  doc["shortfalls"] = shortfalls;
  return doc.dump(2) + "\n";
}

std::string scheduleToICalendar(const ScheduleSnapshot& s, const TimeZone& zone) {
  std::string out;
  addLine(out, "BEGIN:VCALENDAR");
  addLine(out, "VERSION:2.0");
  addLine(out, "PRODID:-//Wardcast//Schedule export//EN");
  addLine(out, "CALSCALE:GREGORIAN");
  addLine(out, "X-WR-CALNAME:" + escapeText(s.station->station.name));
  addLine(out, "X-WR-TIMEZONE:" + zone.name());
  for (const PlannedEntry& e : s.entries) {
    addLine(out, "BEGIN:VEVENT");
    addLine(out, fmt::format("UID:{}-{}-{}@wardcast", e.channel, e.start.time_since_epoch().count(), e.item));
    addLine(out, "DTSTAMP:" + utcStamp(e.start));
    addLine(out, "DTSTART:" + utcStamp(e.start));
    addLine(out, "DTEND:" + utcStamp(e.end));
    std::string summary = e.topic.empty() ? e.item : e.item + " · " + e.topic;
    addLine(out, "SUMMARY:" + escapeText(summary));
    addLine(out, "LOCATION:" + escapeText(e.channel));
    if (!e.topic.empty()) addLine(out, "CATEGORIES:" + escapeText(e.topic));
    addLine(out, "DESCRIPTION:" + escapeText(fmt::format("{} {} on {}, campaign {}{}", toString(e.kind), e.item,
                                                          e.channel, e.campaign.empty() ? "-" : e.campaign,
                                                          e.pinned ? ", pinned" : "")));
    addLine(out, "END:VEVENT");
  }
  addLine(out, "END:VCALENDAR");
  return out;
}

std::string scheduleToText(const ScheduleSnapshot& s, const TimeZone& zone) {
  std::string out;
  std::string current;
  for (const PlannedEntry& e : s.entries) {
    Date day = zone.localDate(e.start);
    std::string heading = fmt::format("{} {}", e.channel, formatDate(day));
    if (heading != current) {
      out += (current.empty() ? "" : "\n") + heading + "\n";
      current = heading;
    }
    std::string start = zone.formatIso(e.start), end = zone.formatIso(e.end);
    out += fmt::format("  {}–{}  {:<8} {:<9} {}{}{}\n", start.substr(11, 8), end.substr(11, 8), e.item,
                       toString(e.kind), e.topic, e.campaign.empty() ? "" : " (" + e.campaign + ")",
                       e.pinned ? "  [pinned]" : "");
  }
  if (out.empty()) out = "nothing planned\n";
  return out;
}

}  // namespace wardcast::planner
