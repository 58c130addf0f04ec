// Readers for [station], [emergency] and [api], and the shared clock reader.
#include <fmt/format.h>

#include <cmath>

#include "config/section_readers.hpp"
#include "config/toml_table_reader.hpp"

namespace wardcast::config {
namespace {

constexpr std::int64_t kMaxAssetBytesLimit = std::int64_t(1) << 40;  // 1 TiB

const toml::table* optionalTable(const toml::table& root, std::string_view key,
                                 std::string_view label) {
  const toml::node* node = root.get(key);
  if (!node) return nullptr;
  if (!node->is_table())
    failAt(node->source(), fmt::format("{} must be a table, declared as a {} section, got {}", key,
                                       label, describeType(*node)));
  return node->as_table();
}

// "127.0.0.1:8080", "[::1]:8080", "localhost:8080", "0.0.0.0:443".
bool validListen(std::string_view text) {
  auto colon = text.rfind(':');
  if (colon == std::string_view::npos || colon == 0) return false;
  auto host = text.substr(0, colon), port = text.substr(colon + 1);
  if (host.front() == '[') {
    if (host.back() != ']' || host.size() < 3) return false;
    host = host.substr(1, host.size() - 2);
    for (char c : host)
      if (!std::isxdigit(static_cast<unsigned char>(c)) && c != ':' && c != '.') return false;
  } else {
    for (char c : host)
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '-') return false;
  }
  if (port.empty() || port.size() > 5) return false;
  for (char c : port)
    if (c < '0' || c > '9') return false;
  int number = std::stoi(std::string(port));
  return number >= 1 && number <= 65535;
}

std::filesystem::path resolved(const std::filesystem::path& base, const std::string& path) {
  std::filesystem::path p(path);
  return (p.is_absolute() ? p : base / p).lexically_normal();
}

}  // namespace

void checkTopLevel(const toml::table& root) {
  TableReader top(root, "top level", {"station", "window", "channel", "relay", "emergency", "api"});
}

MinuteOfDay readClock(const toml::node& node, const std::string& what) {
  if (const auto* time = node.as_time()) {
    const toml::time& t = time->get();
    if (t.second == 0 && t.nanosecond == 0) return MinuteOfDay(t.hour * 60 + t.minute);
  }
  const auto* text = node.as_string();
  std::optional<MinuteOfDay> minutes;
  if (text) minutes = parseClock(text->get());
  if (!minutes) {
    std::string got = text ? inQuotes(text->get()) : describeType(node);
    failAt(node.source(), fmt::format("{} {} is not a valid time of day (expected \"HH:MM\", "
                                      "00:00 to 24:00, e.g. \"06:30\")",
                                      what, got));
  }
  return *minutes;
}

StationSettings readStation(const toml::table& root) {
  const toml::table* table = optionalTable(root, "station", "[station]");
  if (!table)
    failInFile(root.source().path ? *root.source().path : "",
               "the [station] section is missing "
               "(expected at least [station] with name = \"...\")");
  TableReader r(*table, "[station]",
                {"name", "timezone", "data_dir", "loudness_lufs", "true_peak_dbtp", "tts_voice",
                 "tts_rate_wpm", "max_asset_bytes", "image_duration_s"});
  StationSettings s;
  s.name = r.text("name", Need::kRequired)->value;
  if (auto tz = r.text("timezone", Need::kOptional)) {
    auto zone = TimeZone::load(tz->value);
    if (!zone) failAt(tz->where, "[station]: " + zone.error().message);
    s.timezone = tz->value;
  }
  if (auto dir = r.text("data_dir", Need::kOptional)) s.data_dir = dir->value;
  if (auto v = r.number("loudness_lufs", -40, -5, "LUFS")) s.loudness_lufs = *v;
  if (auto v = r.number("true_peak_dbtp", -9, 0, "dBTP")) s.true_peak_dbtp = *v;
  if (auto voice = r.text("tts_voice", Need::kOptional)) s.tts_voice = voice->value;
  if (auto v = r.integer("tts_rate_wpm", 80, 450)) s.tts_rate_wpm = int(*v);
  if (auto v = r.integer("max_asset_bytes", 1, kMaxAssetBytesLimit))
    s.max_asset_bytes = std::uint64_t(*v);
  if (auto v = r.number("image_duration_s", 1, 3600, "seconds"))
    s.image_duration = std::chrono::milliseconds(std::llround(*v * 1000));
  return s;
}

EmergencySettings readEmergency(const toml::table& root) {
  EmergencySettings e;
  const toml::table* table = optionalTable(root, "emergency", "[emergency]");
  if (!table) return e;
  TableReader r(*table, "[emergency]", {"repeat", "area"});
  if (auto v = r.integer("repeat", 1, 20)) e.repeat = int(*v);
  const toml::array* areas = tableArray(*table, "area", "[[emergency.area]]");
  if (!areas) return e;
  for (const auto& node : *areas) {
    TableReader area(*node.as_table(), "[[emergency.area]]", {"area", "groups"});
    EmergencySettings::AreaMap map;
    map.area = area.text("area", Need::kRequired)->value;
    area.relabel(fmt::format("[[emergency.area]] {}", inQuotes(map.area)));
    for (const auto& group : area.texts("groups", Need::kRequired)) {
      checkName(group, "group");
      map.groups.push_back(group.value);
    }
    e.areas.push_back(std::move(map));
  }
  return e;
}

ApiSettings readApi(const toml::table& root, const std::filesystem::path& config_dir) {
  ApiSettings api;
  const toml::table* table = optionalTable(root, "api", "[api]");
  if (!table) return api;
  TableReader r(*table, "[api]", {"listen", "socket", "tls_cert", "tls_key"});
  if (auto listen = r.text("listen", Need::kOptional)) {
    if (!validListen(listen->value))
      failAt(listen->where, fmt::format("[api]: listen = {} is malformed (expected HOST:PORT, e.g. "
                                        "\"127.0.0.1:8080\" or \"[::1]:8080\", port 1 to 65535)",
                                        inQuotes(listen->value)));
    api.listen = listen->value;
  }
  auto cert = r.text("tls_cert", Need::kOptional);
  auto key = r.text("tls_key", Need::kOptional);
  if (cert && !key)
    failAt(cert->where,
           "[api]: tls_cert is set but tls_key is not (HTTPS needs both the "
           "certificate and its private key)");
  if (key && !cert)
    failAt(key->where,
           "[api]: tls_key is set but tls_cert is not (HTTPS needs both the "
           "certificate and its private key)");
  if (auto socket = r.text("socket", Need::kOptional)) api.socket = resolved(config_dir, socket->value);
  if (cert) api.tls_cert = resolved(config_dir, cert->value);
  if (key) api.tls_key = resolved(config_dir, key->value);
  return api;
}

}  // namespace wardcast::config
