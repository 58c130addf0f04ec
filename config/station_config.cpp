#include "config/station_config.hpp"

#include <algorithm>

namespace wardcast {

bool Window::opensOn(unsigned iso_weekday) const {
  return std::find(days.begin(), days.end(), iso_weekday) != days.end();
}

std::filesystem::path StationConfig::apiSocket() const {
  return api.socket ? *api.socket : station.data_dir / "wardcastd.sock";
}

const Window* StationConfig::findWindow(std::string_view id) const {
  for (const auto& w : windows)
    if (w.id == id) return &w;
  return nullptr;
}

const Channel* StationConfig::findChannel(std::string_view id) const {
  for (const auto& c : channels)
    if (c.id == id) return &c;
  return nullptr;
}

std::vector<const Channel*> StationConfig::resolveTarget(std::string_view target) const {
  std::vector<const Channel*> out;
  auto starts = [&](std::string_view prefix) { return target.substr(0, prefix.size()) == prefix; };
  for (const auto& c : channels) {
    bool match = false;
    if (starts("group:")) {
      auto group = target.substr(6);
      for (const auto& g : c.groups) match = match || g == group;
    } else if (starts("kind:")) {
      auto kind = target.substr(5);
      match = (kind == "loudspeaker" && c.kind == ChannelKind::kLoudspeaker) ||
              (kind == "led" && c.kind == ChannelKind::kLed);
    } else {
      match = c.id == target;
    }
    if (match) out.push_back(&c);
  }
  return out;
}

std::filesystem::path defaultConfigPath() {
  std::filesystem::path system = "/etc/wardcast/wardcast.toml";
  std::error_code ec;
  if (std::filesystem::exists(system, ec)) return system;
  return WARDCAST_DEMO_CONFIG;
}

}  // namespace wardcast
