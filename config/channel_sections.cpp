// Readers for [[window]], [[channel]] and [[relay]].
#include <fmt/format.h>

#include <algorithm>
#include <charconv>

#include "config/output_uri.hpp"
#include "config/section_readers.hpp"
#include "config/toml_table_reader.hpp"

namespace wardcast::config {
namespace {

constexpr int kMinPixels = 16;
constexpr int kMaxPixels = 16384;

std::vector<unsigned> readDays(const TableReader& r) {
  std::vector<unsigned> days;
  if (!r.find("days")) return {1, 2, 3, 4, 5, 6, 7};
  for (const auto& day : r.texts("days", Need::kRequired)) {
    auto weekday = parseWeekday(day.value);
    if (!weekday)
      failAt(day.where, fmt::format("{}: invalid day {} (expected mon, tue, wed, thu, fri, sat "
                                    "or sun)",
                                    r.label(), inQuotes(day.value)));
    if (std::find(days.begin(), days.end(), *weekday) != days.end())
      failAt(day.where, fmt::format("{}: day {} is listed twice", r.label(), inQuotes(day.value)));
    days.push_back(*weekday);
  }
  std::sort(days.begin(), days.end());
  return days;
}

void checkSpan(MinuteOfDay start, MinuteOfDay end, const toml::source_region& where,
               const std::string& label) {
  if (start < end) return;
  std::string hint;
  if (start > end)
    hint = fmt::format("; a span may not cross midnight: split it into {}-24:00 and 00:00-{}",
                       formatClock(start), formatClock(end));
  failAt(where, fmt::format("{}: start {} is not before end {} (expected start < end{})", label,
                            formatClock(start), formatClock(end), hint));
}

Window readWindow(const toml::table& table, std::size_t index) {
  TableReader r(table, fmt::format("[[window]] #{}", index + 1), {"id", "start", "end", "days"});
  Window w;
  auto id = r.text("id", Need::kRequired);
  checkName(*id, "window id");
  w.id = id->value;
  r.relabel(fmt::format("window {}", inQuotes(w.id)));
  if (!r.find("start")) r.failMissing("start", "\"HH:MM\"");
  if (!r.find("end")) r.failMissing("end", "\"HH:MM\"");
  w.start = readClock(*r.find("start"), r.label() + ": start");
  w.end = readClock(*r.find("end"), r.label() + ": end");
  checkSpan(w.start, w.end, r.find("end")->source(), r.label());
  w.days = readDays(r);
  return w;
}

// "1920x1080" -> width, height; throws at the value when malformed.
void readResolution(const TableReader& r, Channel& c) {
  auto text = r.text("resolution", Need::kOptional);
  if (!text) return;
  const std::string& s = text->value;
  auto x = s.find('x');
  int width = 0, height = 0;
  bool ok = x != std::string::npos;
  if (ok) {
    auto [w_end, w_ec] = std::from_chars(s.data(), s.data() + x, width);
    auto [h_end, h_ec] = std::from_chars(s.data() + x + 1, s.data() + s.size(), height);
    ok = w_ec == std::errc() && h_ec == std::errc() && w_end == s.data() + x &&
         h_end == s.data() + s.size() && width >= kMinPixels && height >= kMinPixels &&
         width <= kMaxPixels && height <= kMaxPixels;
  }
  if (!ok)
    failAt(text->where, fmt::format("{}: resolution {} is malformed (expected \"WIDTHxHEIGHT\" in "
                                    "pixels, {} to {}, e.g. \"1920x1080\")",
                                    r.label(), inQuotes(s), kMinPixels, kMaxPixels));
  c.width = width;
  c.height = height;
}

// Checks each output and makes relative file: outputs absolute under data_dir.
void readOutputs(const TableReader& r, Channel& c, const std::filesystem::path& data_dir) {
  for (const auto& output : r.texts("outputs", Need::kRequired)) {
    auto uri = parseOutputUri(output.value);
    if (!uri)
      failAt(output.where, fmt::format("{}: output {}: {}", r.label(), inQuotes(output.value),
                                       uri.error().message));
    bool led = c.kind == ChannelKind::kLed;
    if ((uri->scheme == "alsa" && led) || (uri->scheme == "display" && !led))
      failAt(output.where, fmt::format("{}: {}:// outputs are for {} channels only", r.label(),
                                       uri->scheme, led ? "loudspeaker" : "led"));
    std::string value = output.value;
    if (uri->scheme == "file" && !std::filesystem::path(uri->path).is_absolute()) {
      auto query = value.find('?');
      value = "file://" + (data_dir / uri->path).lexically_normal().string() +
              (query == std::string::npos ? "" : value.substr(query));
    }
    c.outputs.push_back(std::move(value));
  }
}

void readLedKeys(const TableReader& r, Channel& c) {
  if (c.kind != ChannelKind::kLed) {
    for (const char* key : {"resolution", "framerate", "ticker"})
      if (r.find(key))
        r.failValue(key, fmt::format("{} applies only to kind = \"led\" (this channel is a "
                                     "loudspeaker)",
                                     key));
    return;
  }
  readResolution(r, c);
  if (auto v = r.integer("framerate", 1, 120)) c.framerate = int(*v);
  if (auto v = r.flag("ticker")) c.ticker = *v;
}

Channel readChannel(const toml::table& table, std::size_t index,
                    const std::filesystem::path& data_dir) {
  TableReader r(table, fmt::format("[[channel]] #{}", index + 1),
                {"id", "name", "kind", "groups", "windows", "outputs", "amplifier", "resolution",
                 "framerate", "ticker"});
  Channel c;
  auto id = r.text("id", Need::kRequired);
  checkName(*id, "channel id");
  c.id = id->value;
  r.relabel(fmt::format("channel {}", inQuotes(c.id)));
  auto name = r.text("name", Need::kOptional);
  c.name = name ? name->value : c.id;
  auto kind = r.text("kind", Need::kRequired);
  if (kind->value == "loudspeaker")
    c.kind = ChannelKind::kLoudspeaker;
  else if (kind->value == "led")
    c.kind = ChannelKind::kLed;
  else
    failAt(kind->where,
           fmt::format("{}: kind {} is not known (expected \"loudspeaker\" or \"led\")", r.label(),
                       inQuotes(kind->value)));
  for (const auto& group : r.texts("groups", Need::kOptional)) {
    checkName(group, "group");
    c.groups.push_back(group.value);
  }
  for (const auto& window : r.texts("windows", Need::kOptional)) c.windows.push_back(window.value);
  readOutputs(r, c, data_dir);
  if (auto amplifier = r.text("amplifier", Need::kOptional)) {
    auto uri = parseAmplifierUri(amplifier->value);
    if (!uri)
      failAt(amplifier->where, fmt::format("{}: amplifier {}: {}", r.label(),
                                           inQuotes(amplifier->value), uri.error().message));
    c.amplifier = amplifier->value;
  }
  readLedKeys(r, c);
  return c;
}

Relay::Span readSpan(const LocatedText& text, const std::string& label) {
  auto dash = text.value.find('-');
  std::optional<MinuteOfDay> start, end;
  if (dash != std::string::npos) {
    start = parseClock(text.value.substr(0, dash));
    end = parseClock(text.value.substr(dash + 1));
  }
  if (!start || !end)
    failAt(text.where, fmt::format("{}: at {} is malformed (expected \"HH:MM-HH:MM\", e.g. "
                                   "\"05:30-06:00\")",
                                   label, inQuotes(text.value)));
  checkSpan(*start, *end, text.where, label + ": at " + inQuotes(text.value));
  return {*start, *end};
}

Relay readRelay(const toml::table& table, std::size_t index) {
  TableReader r(table, fmt::format("[[relay]] #{}", index + 1), {"source", "targets", "at"});
  Relay relay;
  auto source = r.text("source", Need::kRequired);
  auto uri = parseRelaySourceUri(source->value);
  if (!uri)
    failAt(source->where, fmt::format("{}: source {}: {}", r.label(), inQuotes(source->value),
                                      uri.error().message));
  relay.source = source->value;
  for (const auto& target : r.texts("targets", Need::kRequired))
    relay.targets.push_back(target.value);
  for (const auto& span : r.texts("at", Need::kRequired))
    relay.at.push_back(readSpan(span, r.label()));
  return relay;
}

}  // namespace

std::vector<Window> readWindows(const toml::table& root) {
  std::vector<Window> out;
  if (const toml::array* tables = tableArray(root, "window", "[[window]]"))
    for (std::size_t i = 0; i < tables->size(); ++i)
      out.push_back(readWindow(*(*tables)[i].as_table(), i));
  return out;
}

std::vector<Channel> readChannels(const toml::table& root, const std::filesystem::path& data_dir) {
  std::vector<Channel> out;
  const toml::array* tables = tableArray(root, "channel", "[[channel]]");
  if (!tables) return out;
  for (std::size_t i = 0; i < tables->size(); ++i)
    out.push_back(readChannel(*(*tables)[i].as_table(), i, data_dir));
  return out;
}

std::vector<Relay> readRelays(const toml::table& root) {
  std::vector<Relay> out;
  if (const toml::array* tables = tableArray(root, "relay", "[[relay]]"))
    for (std::size_t i = 0; i < tables->size(); ++i)
      out.push_back(readRelay(*(*tables)[i].as_table(), i));
  return out;
}

}  // namespace wardcast::config
