#include "drivers/icecast_stats.hpp"

#include <algorithm>
#include <charconv>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>

namespace wardcast::drivers {
namespace {

Error bad(std::string_view what) {
  return makeError(ErrorKind::kIo, fmt::format("unexpected Icecast statistics: {}", what));
}

std::optional<int> toInt(std::string_view text) {
  int value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// A number, or a string holding one (both occur across Icecast versions).
std::optional<int> jsonInt(const nlohmann::json& source, const char* key) {
  auto it = source.find(key);
  if (it == source.end()) return std::nullopt;
  if (it->is_number_integer()) return it->get<int>();
  if (it->is_string()) return toInt(it->get_ref<const std::string&>());
  return std::nullopt;
}

// "http://host:8000/ward.mp3" -> "/ward.mp3".
std::optional<std::string> pathOf(const std::string& url) {
  auto scheme = url.find("://");
  if (scheme == std::string::npos) return std::nullopt;
  auto slash = url.find('/', scheme + 3);
  if (slash == std::string::npos) return std::nullopt;
  return url.substr(slash);
}

Result<MountListeners> mountFromJson(const nlohmann::json& source) {
  if (!source.is_object()) return bad("a source entry is not an object");
  MountListeners m;
  if (auto it = source.find("mount"); it != source.end() && it->is_string()) {
    m.mount = it->get<std::string>();
  } else if (auto url = source.find("listenurl"); url != source.end() && url->is_string()) {
    auto path = pathOf(url->get<std::string>());
    if (!path) return bad(fmt::format("listenurl \"{}\" has no path", url->get<std::string>()));
    m.mount = *path;
  } else {
    return bad("a source has neither \"mount\" nor \"listenurl\"");
  }
  auto listeners = jsonInt(source, "listeners");
  if (!listeners) return bad(fmt::format("source {} has no listener count", m.mount));
  m.listeners = *listeners;
  m.peak = jsonInt(source, "listener_peak");
  return m;
}

void sortByMount(std::vector<MountListeners>& mounts) {
  std::sort(mounts.begin(), mounts.end(),
            [](const auto& a, const auto& b) { return a.mount < b.mount; });
}

}  // namespace

std::optional<int> IcecastListenerReport::listenersOn(std::string_view mount) const {
  for (const auto& m : mounts) {
    if (m.mount == mount) return m.listeners;
  }
  return std::nullopt;
}

Result<std::vector<MountListeners>> parseStatusJson(std::string_view body) {
  auto doc = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return bad("the body is not valid JSON");
  auto stats = doc.find("icestats");
  if (stats == doc.end() || !stats->is_object()) return bad("no \"icestats\" object");
  std::vector<MountListeners> mounts;
  auto sources = stats->find("source");
  if (sources != stats->end()) {
    if (sources->is_array()) {
      for (const auto& s : *sources) {
        auto m = mountFromJson(s);
        if (!m) return m.error();
        mounts.push_back(*m);
      }
    } else {
      auto m = mountFromJson(*sources);
      if (!m) return m.error();
      mounts.push_back(*m);
    }
  }
  sortByMount(mounts);
  return mounts;
}

Result<std::vector<MountListeners>> parseAdminStats(std::string_view body) {
  pugi::xml_document doc;
  auto parsed = doc.load_buffer(body.data(), body.size());
  if (!parsed) return bad(fmt::format("the body is not valid XML ({})", parsed.description()));
  auto stats = doc.child("icestats");
  if (!stats) return bad("no <icestats> element");
  std::vector<MountListeners> mounts;
  for (auto source : stats.children("source")) {
    MountListeners m;
    m.mount = source.attribute("mount").value();
    if (m.mount.empty()) return bad("a <source> has no mount attribute");
    auto listeners = toInt(source.child_value("listeners"));
    if (!listeners) return bad(fmt::format("source {} has no listener count", m.mount));
    m.listeners = *listeners;
    m.peak = toInt(source.child_value("listener_peak"));
    mounts.push_back(m);
  }
  sortByMount(mounts);
  return mounts;
}

}  // namespace wardcast::drivers
