// campaignToToml: the draft campaign file, every guess next to its value.
#include <fmt/format.h>

#include "content/plan_import/plan_importer.hpp"

namespace wardcast {
namespace {

std::string tomlString(std::string_view text) {
  std::string out = "\"";
  for (unsigned char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (c < 0x20 || c == 0x7F) out += fmt::format("\\u{:04X}", c);
        else out.push_back(static_cast<char>(c));
    }
  }
  return out + "\"";
}

std::string gapText(std::chrono::minutes gap) {
  auto m = gap.count();
  if (m == 0) return "0";
  if (m % (24 * 60) == 0) return fmt::format("{}d", m / (24 * 60));
  if (m % 60 == 0) return fmt::format("{}h", m / 60);
  return fmt::format("{}m", m);
}

std::string stringList(const std::vector<std::string>& list) {
  std::string out;
  for (const auto& s : list) out += (out.empty() ? "" : ", ") + tomlString(s);
  return out;
}

std::string weekdayList(const std::vector<unsigned>& days) {
  std::string out;
  for (unsigned d : days) out += fmt::format("{}\"{}\"", out.empty() ? "" : ", ", formatWeekday(d));
  return out;
}

void guess(std::string& out, const std::map<std::string, std::string>& guesses, const std::string& key,
           std::string_view indent = "") {
  auto it = guesses.find(key);
  if (it != guesses.end()) out += fmt::format("{}# guess: {}\n", indent, it->second);
}

void writeTopic(std::string& out, const Topic& topic, const TopicGuesses& guesses, const PlanImport& plan) {
  out += "\n[[topic]]\n";
  out += fmt::format("id = {}\n", tomlString(topic.id));
  guess(out, guesses.fields, "title");
  out += fmt::format("title = {}\n", tomlString(topic.title));
  out += fmt::format("section = {}\n", tomlString(topic.section));
  guess(out, guesses.fields, "priority");
  out += fmt::format("priority = {}\n", topic.priority);
  guess(out, guesses.fields, "audiences");
  out += fmt::format("audiences = [{}]\n", stringList(topic.audiences));
  if (topic.start) {
    guess(out, guesses.fields, "start");
    out += fmt::format("start = {}\n", formatDate(*topic.start));
  }
  if (topic.end) {
    guess(out, guesses.fields, "end");
    out += fmt::format("end = {}\n", formatDate(*topic.end));
  }
  out += fmt::format("description = {}\n", tomlString(topic.description));
  for (size_t i = 0; i < topic.quotas.size(); ++i) {
    const Quota& q = topic.quotas[i];
    out += "  [[topic.quota]]\n";
    if (i < guesses.quotas.size()) out += fmt::format("  # guess: {}\n", guesses.quotas[i]);
    out += fmt::format("  target = {}\n", tomlString(q.target));
    out += fmt::format("  plays = {}\n", q.plays);
    out += fmt::format("  per = \"{}\"\n", toString(q.per));
    out += fmt::format("  min_gap = \"{}\"\n", gapText(q.min_gap));
    if (!q.days.empty()) out += fmt::format("  days = [{}]\n", weekdayList(q.days));
    auto known = plan.target_windows.find(q.target);
    if (!q.windows.empty()) {
      out += fmt::format("  windows = [{}]\n", stringList(q.windows));
    } else if (known != plan.target_windows.end() && !known->second.empty()) {
      out += fmt::format("  # windows = [{}]  # the target's windows: keep some to restrict the quota\n",
                         stringList(known->second));
    } else {
      out += "  # windows = [\"...\"]  # window ids of the station, to restrict the quota to some windows\n";
    }
  }
}

}  // namespace

std::string campaignToToml(const PlanImport& plan) {
  const Campaign& c = plan.campaign;
  std::string out;
  out += fmt::format("# Campaign drafted by `wardcast plan import` from {}.\n",
                     c.source.empty() ? "a plan document" : c.source);
  out += "# Every value marked \"# guess:\" was inferred, not read: review it, then run\n";
  out += "# `wardcast plan check FILE` before `wardcast plan apply FILE`.\n";
  out += "# Defaults for frequency words are listed in docs/plan_import.md.\n\n";
  out += "[campaign]\n";
  guess(out, plan.campaign_guesses, "id");
  out += fmt::format("id = {}\n", tomlString(c.id));
  guess(out, plan.campaign_guesses, "title");
  out += fmt::format("title = {}\n", tomlString(c.title));
  guess(out, plan.campaign_guesses, "issuer");
  out += fmt::format("issuer = {}\n", tomlString(c.issuer));
  guess(out, plan.campaign_guesses, "start");
  out += fmt::format("start = {}\n", formatDate(c.start));
  guess(out, plan.campaign_guesses, "end");
  out += fmt::format("end = {}\n", formatDate(c.end));
  out += fmt::format("source = {}\n", tomlString(c.source));
  for (size_t i = 0; i < c.topics.size(); ++i)
    writeTopic(out, c.topics[i], i < plan.topic_guesses.size() ? plan.topic_guesses[i] : TopicGuesses{}, plan);
  return out;
}

}  // namespace wardcast
