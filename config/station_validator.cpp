#include "config/station_validator.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "config/toml_table_reader.hpp"

namespace wardcast::config {
namespace {

// Where `path` ("channel[2].windows[1]") stands in the file.
toml::source_region where(const toml::table& root, const std::string& path) {
  auto view = toml::at_path(root, path);
  return view.node() ? view.node()->source() : root.source();
}

std::string span(const Window& w) {
  return formatClock(w.start) + "-" + formatClock(w.end);
}

void checkWindowIds(const StationConfig& config, const toml::table& root) {
  for (std::size_t j = 0; j < config.windows.size(); ++j)
    for (std::size_t i = 0; i < j; ++i)
      if (config.windows[i].id == config.windows[j].id)
        failAt(where(root, fmt::format("window[{}].id", j)),
               fmt::format("window id {} is declared twice (first at line {}; expected unique ids)",
                           inQuotes(config.windows[j].id),
                           where(root, fmt::format("window[{}].id", i)).begin.line));
}

// Windows may touch (morning ends 06:30, next starts 06:30) but not overlap
// on a day they share: the planner fills each minute from one window.
void checkOverlaps(const StationConfig& config, const toml::table& root) {
  const auto& ws = config.windows;
  for (std::size_t j = 0; j < ws.size(); ++j) {
    for (std::size_t i = 0; i < j; ++i) {
      if (!(ws[i].start < ws[j].end && ws[j].start < ws[i].end)) continue;
      auto shared = std::find_first_of(ws[j].days.begin(), ws[j].days.end(), ws[i].days.begin(),
                                       ws[i].days.end());
      if (shared == ws[j].days.end()) continue;
      failAt(
          where(root, fmt::format("window[{}].start", j)),
          fmt::format("window {} ({}) overlaps window {} ({}, line {}) on {} (expected windows "
                      "that do not overlap on a shared day; they may touch)",
                      inQuotes(ws[j].id), span(ws[j]), inQuotes(ws[i].id), span(ws[i]),
                      where(root, fmt::format("window[{}].id", i)).begin.line, formatWeekday(*shared)));
    }
  }
}

void checkChannels(const StationConfig& config, const toml::table& root) {
  std::vector<std::string> declared;
  for (const auto& w : config.windows) declared.push_back(w.id);
  for (std::size_t j = 0; j < config.channels.size(); ++j) {
    const Channel& c = config.channels[j];
    for (std::size_t i = 0; i < j; ++i)
      if (config.channels[i].id == c.id)
        failAt(
            where(root, fmt::format("channel[{}].id", j)),
            fmt::format("channel id {} is declared twice (first at line {}; expected unique ids)",
                        inQuotes(c.id), where(root, fmt::format("channel[{}].id", i)).begin.line));
    for (std::size_t k = 0; k < c.windows.size(); ++k) {
      if (config.findWindow(c.windows[k])) continue;
      std::string hint = closestName(c.windows[k], declared);
      failAt(where(root, fmt::format("channel[{}].windows[{}]", j, k)),
             fmt::format("channel {} names window {}, which is not declared ({}declared: {})",
                         inQuotes(c.id), inQuotes(c.windows[k]),
                         hint.empty() ? "" : fmt::format("did you mean {}? ", inQuotes(hint)),
                         declared.empty() ? "none" : joinNames(declared)));
    }
  }
}

std::vector<std::string> groupNames(const StationConfig& config) {
  std::set<std::string> groups;
  for (const auto& c : config.channels) groups.insert(c.groups.begin(), c.groups.end());
  return {groups.begin(), groups.end()};
}

void checkRelayTargets(const StationConfig& config, const toml::table& root) {
  for (std::size_t j = 0; j < config.relays.size(); ++j) {
    const auto& targets = config.relays[j].targets;
    for (std::size_t k = 0; k < targets.size(); ++k) {
      if (!config.resolveTarget(targets[k]).empty()) continue;
      failAt(where(root, fmt::format("relay[{}].targets[{}]", j, k)),
             fmt::format("[[relay]] #{}: target {} matches no channel (expected a channel id, "
                         "\"group:NAME\" or \"kind:loudspeaker\"/\"kind:led\" naming at least one "
                         "channel; groups: {})",
                         j + 1, inQuotes(targets[k]), joinNames(groupNames(config))));
    }
  }
}

void checkEmergencyGroups(const StationConfig& config, const toml::table& root) {
  auto groups = groupNames(config);
  const auto& areas = config.emergency.areas;
  for (std::size_t j = 0; j < areas.size(); ++j)
    for (std::size_t k = 0; k < areas[j].groups.size(); ++k) {
      const std::string& group = areas[j].groups[k];
      if (std::binary_search(groups.begin(), groups.end(), group)) continue;
      failAt(where(root, fmt::format("emergency.area[{}].groups[{}]", j, k)),
             fmt::format("[[emergency.area]] {}: group {} is on no channel (groups: {})",
                         inQuotes(areas[j].area), inQuotes(group), joinNames(groups)));
    }
}

}  // namespace

void validateStation(const StationConfig& config, const toml::table& root) {
  if (config.channels.empty())
    failInFile(root.source().path ? *root.source().path : "",
               "no [[channel]] is declared (expected at least one channel with id, kind and "
               "outputs)");
  checkWindowIds(config, root);
  checkOverlaps(config, root);
  checkChannels(config, root);
  checkRelayTargets(config, root);
  checkEmergencyGroups(config, root);
}

}  // namespace wardcast::config
