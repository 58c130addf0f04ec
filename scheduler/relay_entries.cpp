#include "scheduler/relay_entries.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "scheduler/air_time_book.hpp"
#include "scheduler/quota_period.hpp"

namespace wardcast::planner {
namespace {


// Loudspeaker channels the relay's targets reach, by id (a screen does not
// carry a radio relay).
std::set<std::string> relayChannels(const StationConfig& station, const Relay& relay) {
  std::set<std::string> ids;
  for (const std::string& target : relay.targets)
    for (const Channel* channel : station.resolveTarget(target))
      if (channel->kind == ChannelKind::kLoudspeaker) ids.insert(channel->id);
  return ids;
}

// `taken`: a channel's entries, sorted, not overlapping one another.
void addPieces(const std::string& channel, const Relay& relay, Interval span, const std::vector<Interval>& taken,
               std::vector<PlannedEntry>& out) {
  std::vector<Interval> free{span};
  auto it = std::lower_bound(taken.begin(), taken.end(), span.start,
                             [](const Interval& t, Millis s) { return t.end <= s; });
  for (; it != taken.end() && it->start < span.end; ++it) carve(free, *it);
  for (const Interval& piece : free) {
    if (piece.length() < kMinRelayPiece.count()) continue;
    PlannedEntry e;
    e.channel = channel;
    e.start = fromMillis(piece.start);
    e.end = fromMillis(piece.end);
    e.kind = EntryKind::kRelay;
    e.item = relay.source;
    out.push_back(std::move(e));
  }
}

}  // namespace

std::vector<PlannedEntry> relayEntries(const StationConfig& station, const TimeZone& zone, Date from, Date to,
                                       SysMillis now, const std::vector<PlannedEntry>& busy) {
  std::map<std::string, std::vector<Interval>> taken;
  for (const PlannedEntry& e : busy) taken[e.channel].push_back({toMillis(e.start), toMillis(e.end)});
  auto byStart = [](const Interval& a, const Interval& b) { return a.start < b.start; };
  for (auto& [channel, list] : taken) std::sort(list.begin(), list.end(), byStart);
  std::vector<PlannedEntry> out;
  for (const Relay& relay : station.relays) {
    std::set<std::string> channels = relayChannels(station, relay);
    for (DayNumber day = toDayNumber(from); day <= toDayNumber(to); ++day) {
      for (const Relay::Span& at : relay.at) {
        Interval span{toMillis(zone.toInstant(toDate(day), at.start)), toMillis(zone.toInstant(toDate(day), at.end))};
        span.start = std::max(span.start, toMillis(now));
        if (span.start >= span.end) continue;
        for (const std::string& channel : channels) {
          std::size_t first = out.size();
          std::vector<Interval>& list = taken[channel];
          addPieces(channel, relay, span, list, out);
          // Two relays that claim the same time: the first declared keeps it.
          for (std::size_t i = first; i < out.size(); ++i) {
            Interval piece{toMillis(out[i].start), toMillis(out[i].end)};
            list.insert(std::upper_bound(list.begin(), list.end(), piece, byStart), piece);
          }
        }
      }
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const PlannedEntry& a, const PlannedEntry& b) {
    return a.channel != b.channel ? a.channel < b.channel : a.start < b.start;
  });
  return out;
}

}  // namespace wardcast::planner
