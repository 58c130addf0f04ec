// loadCampaignFile: parse a campaign file (SPEC §3) with toml++ and validate
// it, collecting every error with its source position so that staff can fix
// a file in one pass. Runs on the caller's thread; no shared state.
#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>
#include <toml++/toml.h>

#include "content/plan_import/campaign.hpp"

namespace wardcast {
namespace {

enum class Need { kRequired = 1, kOptional };

bool isIdText(std::string_view id) {
  if (id.empty()) return false;
  for (char c : id) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_' || c == '.';
    if (!ok) return false;
  }
  return true;
}

// The span a period's plays can spread over: the period, or in a week with
// `days`, from the first allowed weekday to the last (Monday to Sunday).
std::chrono::days periodLength(const Quota& quota, const Campaign& campaign) {
  using std::chrono::days;
  if (quota.per == QuotaPeriod::kWeek && !quota.days.empty()) return weekdaySpan(quota.days);
  switch (quota.per) {
    case QuotaPeriod::kDay: return days{1};
    case QuotaPeriod::kWeek: return days{7};
    case QuotaPeriod::kMonth: return days{28};
    case QuotaPeriod::kQuarter: return days{89};
    case QuotaPeriod::kCampaign: break;
  }
  auto span = std::chrono::sys_days{campaign.end} - std::chrono::sys_days{campaign.start};
  return span + days{1};
}

// Walks the parsed document; every problem becomes one "FILE:LINE:COL: ..."
// line in errors_. Values that fail are left at their defaults.
class CampaignChecker {
 public:
  CampaignChecker(std::string file, const StationConfig* station)
      : file_(std::move(file)), station_(station) {}

  Campaign read(const toml::table& root) {
    Campaign campaign;
    checkKeys(root, {"campaign", "topic"}, "the top level");
    if (auto* table = root.get_as<toml::table>("campaign")) {
      readCampaign(*table, campaign);
    } else {
      addError(root.get("campaign") ? root.get("campaign")->source() : root.source(),
               "a [campaign] table is required (id, title, start, end)");
    }
    const toml::node* topics = root.get("topic");
    if (!topics) {
      addError(root.source(), "no [[topic]] tables: a campaign needs at least one topic");
    } else if (!topics->is_array_of_tables()) {
      addError(topics->source(), "'topic' must be an array of tables ([[topic]])");
    } else {
      std::set<std::string> ids;
      for (const auto& node : *topics->as_array()) readTopic(*node.as_table(), campaign, ids);
    }
    return campaign;
  }

  const std::vector<std::string>& errors() const { return errors_; }

  void addError(const toml::source_region& where, const std::string& message) {
    unsigned line = where.begin.line ? where.begin.line : 1;
    unsigned column = where.begin.column ? where.begin.column : 1;
    errors_.push_back(fmt::format("{}:{}:{}: {}", file_, line, column, message));
  }

 private:
  void checkKeys(const toml::table& table, std::initializer_list<std::string_view> allowed,
                 std::string_view where) {
    for (const auto& [key, value] : table) {
      bool known = false;
      for (auto a : allowed) known = known || key.str() == a;
      if (known) continue;
      std::string list;
      for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
      addError(key.source(), fmt::format("unknown key '{}' in {} (expected one of: {})",
                                         key.str(), where, list));
    }
  }

  std::optional<std::string> getString(const toml::table& table, std::string_view key, Need need,
                                       std::string_view where) {
    const toml::node* node = table.get(key);
    if (!node) {
      if (need == Need::kRequired)
        addError(table.source(), fmt::format("{} needs '{}'", where, key));
      return std::nullopt;
    }
    if (!node->is_string()) {
      addError(node->source(), fmt::format("'{}' must be a string", key));
      return std::nullopt;
    }
    return node->as_string()->get();
  }

  std::optional<Date> getDate(const toml::table& table, std::string_view key, Need need,
                              std::string_view where) {
    const toml::node* node = table.get(key);
    if (!node) {
      if (need == Need::kRequired)
        addError(table.source(), fmt::format("{} needs '{}' (a date like 2026-04-15)", where, key));
      return std::nullopt;
    }
    std::optional<Date> date;
    if (auto* d = node->as_date()) {
      const toml::date& v = d->get();
      Date ymd{std::chrono::year{v.year}, std::chrono::month{v.month}, std::chrono::day{v.day}};
      if (ymd.ok()) date = ymd;
    } else if (auto* s = node->as_string()) {
      date = parseDate(s->get());
    }
    if (!date) addError(node->source(), fmt::format("'{}' is not a valid date (expected YYYY-MM-DD, a real day)", key));
    return date;
  }

  std::vector<std::string> getStrings(const toml::table& table, std::string_view key) {
    std::vector<std::string> out;
    const toml::node* node = table.get(key);
    if (!node) return out;
    const toml::array* array = node->as_array();
    if (!array) {
      addError(node->source(), fmt::format("'{}' must be an array of strings", key));
      return out;
    }
    for (const auto& item : *array) {
      if (auto* s = item.as_string()) {
        if (s->get().empty()) addError(item.source(), fmt::format("empty string in '{}'", key));
        else out.push_back(s->get());
      } else {
        addError(item.source(), fmt::format("'{}' must contain only strings", key));
      }
    }
    return out;
  }

  void readCampaign(const toml::table& table, Campaign& campaign) {
    checkKeys(table, {"id", "title", "issuer", "start", "end", "source"}, "[campaign]");
    constexpr std::string_view where = "[campaign]";
    if (auto id = getString(table, "id", Need::kRequired, where)) {
      if (!isIdText(*id))
        addError(table.get("id")->source(), "campaign id must be non-empty ASCII letters, digits, '-', '_' or '.'");
      campaign.id = *id;
    }
    if (auto title = getString(table, "title", Need::kRequired, where)) campaign.title = *title;
    if (auto issuer = getString(table, "issuer", Need::kOptional, where)) campaign.issuer = *issuer;
    if (auto source = getString(table, "source", Need::kOptional, where)) campaign.source = *source;
    auto start = getDate(table, "start", Need::kRequired, where);
    auto end = getDate(table, "end", Need::kRequired, where);
    if (start) campaign.start = *start;
    if (end) campaign.end = *end;
    if (start && end && *start > *end)
      addError(table.get("start")->source(),
               fmt::format("campaign start {} is after its end {}", formatDate(*start), formatDate(*end)));
    dates_ok_ = start && end && *start <= *end;
  }

  void readTopic(const toml::table& table, Campaign& campaign, std::set<std::string>& ids) {
    checkKeys(table, {"id", "title", "section", "description", "priority", "audiences", "start", "end", "quota"},
              "[[topic]]");
    constexpr std::string_view where = "[[topic]]";
    Topic topic;
    if (auto id = getString(table, "id", Need::kRequired, where)) {
      topic.id = *id;
      const toml::node* node = table.get("id");
      if (!isIdText(*id))
        addError(node->source(), fmt::format("topic id '{}' must be ASCII letters, digits, '-', '_' or '.'", *id));
      else if (!ids.insert(*id).second)
        addError(node->source(), fmt::format("duplicate topic id '{}'", *id));
    }
    if (auto title = getString(table, "title", Need::kRequired, where)) topic.title = *title;
    if (auto section = getString(table, "section", Need::kOptional, where)) topic.section = *section;
    if (auto text = getString(table, "description", Need::kOptional, where)) topic.description = *text;
    if (const toml::node* node = table.get("priority")) {
      auto value = node->value<int64_t>();
      if (!node->is_integer() || !value || *value < 1 || *value > 9)
        addError(node->source(), "'priority' must be an integer from 1 (highest) to 9");
      else
        topic.priority = static_cast<int>(*value);
    }
    topic.audiences = getStrings(table, "audiences");
    topic.start = getDate(table, "start", Need::kOptional, where);
    topic.end = getDate(table, "end", Need::kOptional, where);
    for (const char* key : {"start", "end"}) {
      const std::optional<Date>& date = key[0] == 's' ? topic.start : topic.end;
      if (date && dates_ok_ && (*date < campaign.start || *date > campaign.end))
        addError(table.get(key)->source(),
                 fmt::format("topic {} {} is outside the campaign ({} .. {})", key, formatDate(*date),
                             formatDate(campaign.start), formatDate(campaign.end)));
    }
    if (topic.start && topic.end && *topic.start > *topic.end)
      addError(table.get("start")->source(), fmt::format("topic start {} is after its end {}",
                                                         formatDate(*topic.start), formatDate(*topic.end)));
    if (const toml::node* quotas = table.get("quota")) {
      if (!quotas->is_array_of_tables())
        addError(quotas->source(), "'quota' must be an array of tables ([[topic.quota]])");
      else
        for (const auto& node : *quotas->as_array())
          if (auto quota = readQuota(*node.as_table(), campaign)) topic.quotas.push_back(*quota);
    }
    campaign.topics.push_back(std::move(topic));
  }

  std::optional<Quota> readQuota(const toml::table& table, const Campaign& campaign) {
    checkKeys(table, {"target", "plays", "per", "windows", "days", "min_gap"}, "[[topic.quota]]");
    constexpr std::string_view where = "[[topic.quota]]";
    size_t errors_before = errors_.size();
    Quota quota;
    std::vector<const Channel*> channels;
    if (auto target = getString(table, "target", Need::kRequired, where)) {
      quota.target = *target;
      channels = checkTarget(*table.get("target"), *target);
    }
    if (const toml::node* node = table.get("plays")) {
      auto value = node->value<int64_t>();
      if (!node->is_integer() || !value || *value < 1 || *value > 10000)
        addError(node->source(), "'plays' must be an integer of at least 1");
      else
        quota.plays = static_cast<int>(*value);
    }
    if (auto per = getString(table, "per", Need::kOptional, where)) {
      if (auto period = parseQuotaPeriod(*per)) quota.per = *period;
      else addError(table.get("per")->source(),
                    fmt::format("unknown period '{}' (expected day, week, month, quarter or campaign)", *per));
    }
    quota.windows = getStrings(table, "windows");
    checkWindows(table, quota.windows, channels, quota.target);
    quota.days = getWeekdays(table);
    // Days on which none of its windows opens: the quota could not air at all.
    if (station_ && !channels.empty() && !daysMeetWindows(quota, *station_))
      addError(table.get("days")->source(),
               fmt::format("no window of target '{}' opens on the quota's days", quota.target));
    std::string gap_text = "0";
    if (auto gap = getString(table, "min_gap", Need::kOptional, where)) {
      gap_text = *gap;
      if (auto minutes = parseGap(*gap)) quota.min_gap = *minutes;
      else addError(table.get("min_gap")->source(),
                    fmt::format("bad min_gap '{}' (expected e.g. \"30m\", \"12h\", \"1d\", \"2w\" or \"0\")", *gap));
    }
    if (errors_.size() == errors_before && dates_ok_ && quota.plays > 1 && quota.min_gap.count() > 0) {
      auto needed = quota.min_gap * (quota.plays - 1);
      if (needed >= periodLength(quota, campaign))
        addError(table.source(), fmt::format("{} plays per {} cannot be {} apart",
                                             quota.plays, toString(quota.per), gap_text));
    }
    if (errors_.size() != errors_before) return std::nullopt;
    return quota;
  }

  // `days = ["sat", "sun"]` -> ISO weekdays, sorted, each once.
  std::vector<unsigned> getWeekdays(const toml::table& table) {
    std::vector<unsigned> out;
    const toml::array* array = table.get_as<toml::array>("days");
    for (const std::string& text : getStrings(table, "days")) {
      if (auto day = parseWeekday(text)) out.push_back(*day);
      else if (array)
        for (const auto& node : *array)
          if (node.value<std::string>() == text)
            addError(node.source(), fmt::format("unknown day '{}' in 'days' (expected mon, tue, wed, thu, fri, sat "
                                                "or sun)", text));
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  }

  std::vector<const Channel*> checkTarget(const toml::node& node, const std::string& target) {
    auto prefixed = [&](std::string_view p) { return target.rfind(p, 0) == 0; };
    if (prefixed("kind:") && target != "kind:loudspeaker" && target != "kind:led") {
      addError(node.source(), fmt::format("unknown channel kind in '{}' (expected kind:loudspeaker or kind:led)", target));
      return {};
    }
    if ((prefixed("group:") && target.size() == 6) || target.empty()) {
      addError(node.source(), fmt::format("empty target '{}'", target));
      return {};
    }
    if (!station_) return {};
    auto channels = station_->resolveTarget(target);
    if (channels.empty()) {
      std::string known;
      for (const auto& c : station_->channels) known += (known.empty() ? "" : ", ") + c.id;
      addError(node.source(), fmt::format("target '{}' resolves to no channel of the station (channels: {})",
                                          target, known.empty() ? "none" : known));
    }
    return channels;
  }

  void checkWindows(const toml::table& table, const std::vector<std::string>& windows,
                    const std::vector<const Channel*>& channels, const std::string& target) {
    if (!station_) return;
    const toml::array* array = table.get_as<toml::array>("windows");
    for (size_t i = 0; i < windows.size() && array; ++i) {
      const toml::node* node = array->get(i);
      const auto& id = windows[i];
      if (!station_->findWindow(id)) {
        addError(node->source(), fmt::format("window '{}' is not declared in the station file", id));
        continue;
      }
      bool used = false;
      for (const auto* c : channels)
        for (const auto& w : c->windows) used = used || w == id;
      if (!used && !channels.empty())
        addError(node->source(), fmt::format("window '{}' is not used by any channel of target '{}'", id, target));
    }
  }

  std::string file_;
  const StationConfig* station_;
  bool dates_ok_ = false;
  std::vector<std::string> errors_;
};

std::string joinLines(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& line : lines) out += (out.empty() ? "" : "\n") + line;
  return out;
}

}  // namespace

Campaign loadCampaignFile(const std::filesystem::path& file, const StationConfig* station) {
  std::string name = file.string();
  std::ifstream in(file, std::ios::binary);
  std::error_code ec;
  if (!in || std::filesystem::is_directory(file, ec))
    throw CampaignError(fmt::format("{}:1:1: cannot read the campaign file", name));
  std::ostringstream content;
  content << in.rdbuf();
  std::string text = content.str();
  toml::table root;
  try {
    root = toml::parse(text, name);
  } catch (const toml::parse_error& e) {
    const auto& where = e.source().begin;
    throw CampaignError(fmt::format("{}:{}:{}: {}", name, where.line ? where.line : 1,
                                    where.column ? where.column : 1, e.description()));
  }
  CampaignChecker checker(name, station);
  Campaign campaign = checker.read(root);
  if (!checker.errors().empty()) throw CampaignError(joinLines(checker.errors()));
  return campaign;
}

}  // namespace wardcast
