// PlanImporter: outline -> content items -> topics with quotas (SPEC §3).
#include "content/plan_import/plan_importer.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <ctime>
#include <set>

#include "content/plan_import/plan_lexicon.hpp"
#include "content/plan_import/plan_metadata.hpp"
#include "content/plan_import/plan_outline.hpp"
#include "content/plan_import/vietnamese_text.hpp"

namespace wardcast {
namespace {

using namespace plan_text;

enum class Role { kNone = 1, kContent, kForm, kOther };

// A content item: what becomes one topic.
struct Item {
  std::string path;
  std::string text;         // the item's own paragraph (its title comes from here)
  std::string description;  // everything the plan says under it, one line
  std::string timing;       // a table's "Thời gian" cell, if any
};

// What the plan outside the content sections says about one channel.
struct ChannelEvidence {
  ChannelMention mention;
  std::string path;
  std::optional<Frequency> frequency;
  std::string frequency_path;
  std::optional<AirTimes> times;  // days and parts of the day named with the channel
  std::string times_path;
  std::vector<std::string> audiences;
  bool segment = false;  // "chuyên mục": a recurring segment
  Role role = Role::kOther;  // the kind of section it was found in
};

size_t firstOf(const std::string& lower, std::initializer_list<std::string_view> words) {
  size_t best = std::string::npos;
  for (auto w : words) best = std::min(best, lower.find(w));
  return best;
}

Role classify(const OutlineNode& node, Role inherited) {
  std::string lower = toLower(firstClause(node.text, 160));
  size_t content = firstOf(lower, {"nội dung", "chủ đề"});
  size_t form = firstOf(lower, {"hình thức", "phương thức"});
  if (content != std::string::npos || form != std::string::npos) return content < form ? Role::kContent : Role::kForm;
  if (node.style == MarkerStyle::kAppendix && firstOf(lower, {"nhiệm vụ", "tuyên truyền"}) != std::string::npos)
    return Role::kContent;
  if (firstOf(lower, {"tổ chức thực hiện", "kinh phí", "trách nhiệm", "mục đích", "yêu cầu"}) != std::string::npos)
    return Role::kOther;
  return inherited == Role::kNone ? Role::kOther : inherited;
}

bool isSection(const OutlineNode& node) {
  return node.style == MarkerStyle::kRoman || node.style == MarkerStyle::kPart ||
         node.style == MarkerStyle::kHeading || node.style == MarkerStyle::kAppendix;
}

std::vector<std::string> sentences(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  for (size_t i = 0; i <= text.size(); ++i) {
    bool stop = i == text.size() || text[i] == ';' || (text[i] == '.' && i + 1 < text.size() && text[i + 1] == ' ');
    if (!stop) continue;
    std::string s(trim(std::string_view(text).substr(start, i - start)));
    if (!s.empty()) out.push_back(s);
    start = i + 1;
  }
  return out;
}

std::chrono::days periodDays(QuotaPeriod per) {
  switch (per) {
    case QuotaPeriod::kDay: return std::chrono::days{1};
    case QuotaPeriod::kWeek: return std::chrono::days{7};
    case QuotaPeriod::kMonth: return std::chrono::days{28};
    case QuotaPeriod::kQuarter: return std::chrono::days{89};
    case QuotaPeriod::kCampaign: return std::chrono::days{180};
  }
  return std::chrono::days{7};
}

// The widest gap from a fixed ladder, starting at the period's default,
// that still lets all plays fit in one period (in a week limited to some
// weekdays: from the first of them to the last).
std::chrono::minutes gapFor(const Frequency& f, const std::vector<unsigned>& weekdays) {
  using std::chrono::hours;
  using std::chrono::minutes;
  const minutes ladder[] = {hours(24 * 7), hours(72), hours(24), hours(12), hours(6), hours(1), minutes(0)};
  minutes preferred = f.per == QuotaPeriod::kDay    ? minutes(hours(12))
                      : f.per == QuotaPeriod::kWeek  ? minutes(hours(24))
                      : f.per == QuotaPeriod::kMonth ? minutes(hours(72))
                                                     : minutes(hours(24 * 7));
  std::chrono::days span = periodDays(f.per);
  if (f.per == QuotaPeriod::kWeek && !weekdays.empty()) span = weekdaySpan(weekdays);
  for (minutes gap : ladder) {
    if (gap > preferred) continue;
    if (gap * (f.plays - 1) < span) return gap;
  }
  return minutes(0);
}

std::string rateText(const Frequency& f) { return fmt::format("{} per {}", f.plays, toString(f.per)); }

bool saysCount(const Frequency& f) {
  return std::any_of(f.words.begin(), f.words.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string weekdayNames(const std::vector<unsigned>& days) {
  std::string out;
  for (unsigned d : days) out += fmt::format("{}{}", out.empty() ? "" : ", ", formatWeekday(d));
  return out;
}

class PlanImporter {
 public:
  explicit PlanImporter(const ImportOptions& options) : options_(options) {}

  Result<PlanImport> run(std::string_view text) {
    OutlineNode root = buildOutline(planParagraphs(text));
    PlanMetadata meta = readMetadata(root.body);
    year_ = meta.year ? meta.year : fallbackYear();
    walk(root, Role::kNone, true);
    if (!found_content_) return noContentError(root);
    if (items_.empty())
      return makeError(ErrorKind::kInvalidInput,
                       "the plan's content section has no items (numbered or bulleted) to make topics from");
    PlanImport plan;
    fillCampaign(meta, plan);
    std::set<std::string> ids;
    for (const auto& item : items_) {
      TopicGuesses guesses;
      plan.campaign.topics.push_back(makeTopic(item, plan.campaign, guesses, ids));
      plan.topic_guesses.push_back(std::move(guesses));
    }
    for (const auto& [category, where] : skipped_channels_)
      plan.skipped.push_back(fmt::format("skipped {} (not a Wardcast channel): \"{}\" in {}", category,
                                         where.first, where.second));
    for (const auto& line : skipped_items_) plan.skipped.push_back(line);
    return plan;
  }

 private:
  int fallbackYear() const {
    if (options_.fallback_year) return options_.fallback_year;
    std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    return tm.tm_year + 1900;
  }

  Error noContentError(const OutlineNode& root) const {
    std::string seen;
    for (const auto& child : root.children)
      if (isSection(child) || child.style == MarkerStyle::kUpperLetter)
        seen += fmt::format("\n  {}. {}", child.label, firstClause(child.text, 60));
    return makeError(ErrorKind::kInvalidInput,
                     fmt::format("no content section found: a plan lists its topics under a heading such as "
                                 "\"NỘI DUNG TUYÊN TRUYỀN\" or \"CÁC NỘI DUNG THÔNG TIN TUYÊN TRUYỀN\"; {}",
                                 seen.empty() ? "this text has no numbered sections" : "sections seen:" + seen));
  }

  void walk(const OutlineNode& node, Role role, bool is_root) {
    for (const auto& child : node.children) {
      bool heading = is_root || isSection(child) || !child.children.empty();
      // Below the sections only a short heading ("1. Nội dung trọng tâm",
      // "2. Hình thức tuyên truyền") changes the role; a long item that
      // happens to say "nội dung" does not.
      bool may_switch = is_root || isSection(child) || codePoints(child.text) <= 80;
      Role r = heading && may_switch ? classify(child, role) : role;
      if (r != Role::kContent) {
        scanPlanText(child.text, child.body, child.path, r);
        walk(child, r, false);
        continue;
      }
      found_content_ = true;
      if (child.children.empty()) {
        if (!heading || !isSection(child)) addItem(child, false);
        else if (!child.body.empty()) addBodyItem(child);
        continue;
      }
      bool all_bullets = std::all_of(child.children.begin(), child.children.end(), [](const OutlineNode& c) {
        return c.style == MarkerStyle::kDash || c.style == MarkerStyle::kPlus || c.style == MarkerStyle::kDot;
      });
      if (all_bullets && !isSection(child) && codePoints(child.text) >= 100 && classify(child, Role::kNone) == Role::kOther)
        addItem(child, true);
      else
        walk(child, Role::kContent, false);
    }
  }

  void addItem(const OutlineNode& node, bool with_children) {
    if (node.text.empty()) return;
    std::string lower = toLower(node.text);
    noteUnserved(lower + " " + toLower(joined(node.body)), node.path);
    if (lower.find("phụ lục") != std::string::npos && std::count(lower.begin(), lower.end(), ' ') < 12) {
      skipped_items_.push_back(fmt::format("skipped {} \"{}\": it points to an appendix that is not in the document",
                                           node.path, firstClause(node.text, 60)));
      return;
    }
    Item item{node.path, node.text, node.text, ""};
    for (const auto& b : node.body) {
      std::string b_lower = toLower(b);
      if (node.style == MarkerStyle::kTableRow && b_lower.rfind("thời gian", 0) == 0) item.timing = b;
      item.description += " " + b;
    }
    if (with_children)
      for (const auto& c : node.children) item.description += " - " + c.text + (c.body.empty() ? "" : " " + joined(c.body));
    items_.push_back(std::move(item));
  }

  void addBodyItem(const OutlineNode& section) {
    OutlineNode node;
    node.path = section.path;
    node.text = section.body.front();
    node.body.assign(section.body.begin() + 1, section.body.end());
    addItem(node, false);
  }

  static std::string joined(const std::vector<std::string>& parts) {
    std::string out;
    for (const auto& p : parts) out += (out.empty() ? "" : " ") + p;
    return out;
  }

  void noteUnserved(const std::string& lower, const std::string& path) {
    for (const auto& [category, words] : unservedChannels(lower)) {
      auto& entry = skipped_channels_[category];
      if (entry.first.empty()) entry.first = words;
      if (entry.second.find(path) == std::string::npos) entry.second += (entry.second.empty() ? "" : ", ") + path;
    }
  }

  // Channels named outside the content sections, with the frequency and
  // audience words of the same sentence.
  void scanPlanText(const std::string& text, const std::vector<std::string>& body, const std::string& path, Role role) {
    std::string all = text;
    for (const auto& b : body) all += ". " + b;
    for (const auto& sentence : sentences(all)) {
      std::string lower = toLower(sentence);
      noteUnserved(lower, path);
      bool unserved_too = !unservedChannels(lower).empty();
      auto served = servedChannels(lower, options_.neighbourhood_group);
      // Video on a website or social media is not a hint for the LED screens.
      if (unserved_too)
        served.erase(std::remove_if(served.begin(), served.end(), [](const ChannelMention& m) { return m.guessed; }),
                     served.end());
      if (served.empty()) continue;
      auto frequency = frequencyOf(lower);
      auto times = airTimesOf(lower);
      auto audiences = audiencesOf(lower);
      for (const auto& mention : served) {
        auto [it, fresh] = plan_channels_.try_emplace(mention.target);
        ChannelEvidence& e = it->second;
        // Evidence from a form section (HÌNH THỨC / PHƯƠNG THỨC) wins over a
        // mention elsewhere, and a channel named outright over a guessed one.
        bool better = (role == Role::kForm && e.role != Role::kForm) || (e.mention.guessed && !mention.guessed);
        if (fresh || better) {
          e.mention = mention;
          e.path = path;
          e.role = role;
        }
        if (frequency && (!e.frequency || frequency->plays * 28 / periodDays(frequency->per).count() >
                                              e.frequency->plays * 28 / periodDays(e.frequency->per).count())) {
          e.frequency = frequency;
          e.frequency_path = path;
        }
        if (times && (!e.times || (role == Role::kForm && e.role != Role::kForm))) {
          e.times = times;
          e.times_path = path;
        }
        for (const auto& a : audiences)
          if (std::find(e.audiences.begin(), e.audiences.end(), a) == e.audiences.end()) e.audiences.push_back(a);
        e.segment = e.segment || (!unserved_too && hasWord(lower, "chuyên mục"));
      }
    }
  }

  void fillCampaign(const PlanMetadata& meta, PlanImport& plan) const {
    Campaign& c = plan.campaign;
    c.title = meta.title.empty() ? fmt::format("Kế hoạch tuyên truyền năm {}", year_) : meta.title;
    if (meta.title.empty()) plan.campaign_guesses["title"] = "the plan has no title line under KẾ HOẠCH";
    std::string slug = titleSlug(c.title, 5);
    std::string year = std::to_string(year_);
    c.id = slug.empty() ? "campaign-" + year : slug + (slug.find(year) == std::string::npos ? "-" + year : "");
    plan.campaign_guesses["id"] = "made from the title; a short id of your own is fine";
    c.issuer = meta.issuer;
    if (meta.issuer.empty()) plan.campaign_guesses["issuer"] = "the plan does not say which committee issues it";
    else if (meta.issuer_guessed) plan.campaign_guesses["issuer"] = "the place name was completed from the title";
    c.end = Date{std::chrono::year{year_}, std::chrono::December, std::chrono::day{31}};
    plan.campaign_guesses["end"] = fmt::format("the end of the plan's year {}", year_);
    c.start = meta.start.value_or(Date{std::chrono::year{year_}, std::chrono::January, std::chrono::day{1}});
    plan.campaign_guesses["start"] = meta.start ? meta.start_reason : "the first day of the plan's year";
    if (c.start > c.end) {
      c.start = Date{std::chrono::year{year_}, std::chrono::January, std::chrono::day{1}};
      plan.campaign_guesses["start"] = "the first day of the plan's year (its own date is later)";
    }
    c.source = options_.source_name;
  }

  // Targets for one item: the channels its own words name, plus the channels
  // the rest of the plan names; the loudspeakers when nobody names any.
  Topic makeTopic(const Item& item, const Campaign& campaign, TopicGuesses& guesses, std::set<std::string>& ids) const {
    Topic topic;
    topic.title = firstClause(item.text);
    topic.section = item.path;
    topic.description = item.description;
    guesses.fields["title"] = fmt::format("the first clause of {}", item.path);
    std::string base = titleSlug(topic.title, 6);
    if (base.empty()) base = "topic";
    topic.id = base;
    for (int n = 2; !ids.insert(topic.id).second; ++n) topic.id = fmt::format("{}-{}", base, n);

    std::string lower = toLower(item.description);
    std::string title_lower = toLower(topic.title);
    bool key = firstOf(title_lower, {"trọng tâm", "trọng điểm", "tập trung", "ưu tiên", "đẩy mạnh"}) != std::string::npos;
    topic.priority = key ? 2 : 3;
    guesses.fields["priority"] = key ? "the title calls it a focus (trọng tâm / tập trung / đẩy mạnh)"
                                     : "the default for a content item";

    std::string timing_lower = toLower(item.timing);
    auto item_frequency = frequencyOf(item.timing.empty() ? lower : timing_lower);
    if (!item_frequency && !item.timing.empty()) item_frequency = frequencyOf(lower);
    auto deadline = item.timing.empty() ? deadlineOf(lower, year_) : deadlineOf(timing_lower, year_, false);
    if (deadline && *deadline >= campaign.start && *deadline <= campaign.end) {
      topic.end = deadline;
      guesses.fields["end"] = "the deadline the item gives";
    }
    std::string season_note = applySeason(item.timing.empty() ? lower : timing_lower + " " + lower, campaign, topic,
                                          guesses);
    auto item_times = airTimesOf(item.timing.empty() ? lower : timing_lower);

    std::vector<std::string> audience_notes;
    topic.audiences = audiencesOf(lower);
    if (!topic.audiences.empty()) audience_notes.push_back("the item's words");

    std::vector<ChannelMention> item_channels = servedChannels(lower, options_.neighbourhood_group);
    // Without a neighbourhood group the neighbourhood speakers are served
    // through the loudspeaker quota.
    if (options_.neighbourhood_group.empty())
      for (auto& m : item_channels)
        if (m.target.rfind("group:", 0) == 0) m.target = "kind:loudspeaker";
    std::vector<std::string> targets;
    for (const auto& m : item_channels)
      if (std::find(targets.begin(), targets.end(), m.target) == targets.end()) targets.push_back(m.target);
    // The plan's channels, except that an item naming loudspeakers of its
    // own ("loa các thôn") is not also given the plan's loudspeaker quota:
    // on the speakers both reach, the plays would count twice.
    auto loudspeakers = [](const std::string& t) { return t == "kind:loudspeaker" || t.rfind("group:", 0) == 0; };
    bool item_names_loudspeakers = std::any_of(targets.begin(), targets.end(), loudspeakers);
    for (const auto& [target, evidence] : plan_channels_) {
      if (item_names_loudspeakers && loudspeakers(target)) continue;
      if (std::find(targets.begin(), targets.end(), target) == targets.end()) targets.push_back(target);
    }
    // Without a neighbourhood group the neighbourhood speakers are served
    // through the loudspeaker quota.
    if (options_.neighbourhood_group.empty()) {
      auto group = std::remove_if(targets.begin(), targets.end(),
                                  [](const std::string& t) { return t.rfind("group:", 0) == 0; });
      if (group != targets.end() && std::find(targets.begin(), group, "kind:loudspeaker") == group)
        *group++ = "kind:loudspeaker";
      targets.erase(group, targets.end());
    }
    if (targets.empty()) targets.push_back("kind:loudspeaker");
    std::stable_sort(targets.begin(), targets.end(), [](const std::string& a, const std::string& b) {
      auto rank = [](const std::string& t) { return t == "kind:loudspeaker" ? 0 : t.rfind("group:", 0) == 0 ? 1 : 2; };
      return rank(a) < rank(b);
    });

    for (const auto& target : targets) {
      auto item_mention = std::find_if(item_channels.begin(), item_channels.end(),
                                       [&](const ChannelMention& m) { return m.target == target; });
      auto plan_mention = plan_channels_.find(target);
      const ChannelEvidence* evidence = plan_mention == plan_channels_.end() ? nullptr : &plan_mention->second;
      std::string why_target;
      if (item_mention != item_channels.end())
        why_target = fmt::format("the item names it (\"{}\"{})", item_mention->words,
                                 item_mention->guessed ? ", video goes to the LED screens" : "");
      else if (evidence)
        why_target = fmt::format("the plan names it in {} (\"{}\"{})", evidence->path, evidence->mention.words,
                                 evidence->mention.guessed ? ", video goes to the LED screens" : "");
      else
        why_target = "the plan names no channel Wardcast serves; the loudspeakers are the default";

      Frequency f{1, QuotaPeriod::kWeek, "", ""};
      std::string why_rate = "the plan gives no frequency: the default";
      // The item's rate is for the channels it names ("2 lần/tuần trên loa");
      // a channel only the plan names keeps the plan's rate for it.
      bool item_rate_applies = item_channels.empty() || item_mention != item_channels.end();
      if (item_frequency && item_rate_applies) {
        f = *item_frequency;
        why_rate = fmt::format("\"{}\" in the item", f.words);
      } else if (evidence && evidence->frequency) {
        f = *evidence->frequency;
        why_rate = fmt::format("\"{}\" where the plan names this channel ({})", f.words, evidence->frequency_path);
      }
      if (evidence && evidence->segment) why_rate += "; the plan asks for a recurring segment (chuyên mục)";
      if (!f.note.empty()) why_rate += "; " + f.note;
      if (!season_note.empty()) why_rate += "; " + season_note;

      std::optional<AirTimes> times;
      std::string why_times;
      if (item_times && item_rate_applies) {
        times = item_times;
        why_times = fmt::format("\"{}\" in the item", times->words);
      } else if (evidence && evidence->times) {
        times = evidence->times;
        why_times = fmt::format("\"{}\" where the plan names this channel ({})", times->words, evidence->times_path);
      }
      std::vector<unsigned> days = times ? times->weekdays : std::vector<unsigned>{};
      if (!days.empty()) {
        // "sáng thứ 7 và chủ nhật hằng tuần": a play on each day named, unless
        // the plan gives a count.
        bool weekly = f.per == QuotaPeriod::kWeek || f.words.empty();
        if (weekly && !saysCount(f) && f.plays < int(days.size())) {
          f.plays = int(days.size());
          f.per = QuotaPeriod::kWeek;
          why_rate += "; one play on each day named";
        }
        why_rate += fmt::format("; on {} ({})", weekdayNames(days), why_times);
      }
      // "buổi sáng và buổi chiều hằng ngày": a play in each part named. The
      // windows keep them apart, so the gap only keeps them in two windows.
      std::size_t part_count = times ? times->day_parts.size() : 0;
      bool each_part = part_count > 1 && f.per == QuotaPeriod::kDay && !saysCount(f) && f.plays < int(part_count);
      if (each_part) {
        f.plays = int(part_count);
        why_rate += "; one play in each part of the day named";
      }
      if (evidence)
        for (const auto& a : evidence->audiences)
          if (std::find(topic.audiences.begin(), topic.audiences.end(), a) == topic.audiences.end()) {
            topic.audiences.push_back(a);
            audience_notes.push_back(fmt::format("the plan aims {} at {} ({})", target, a, evidence->path));
          }

      Quota quota;
      quota.target = target;
      quota.plays = f.plays;
      quota.per = f.per;
      quota.days = days;
      quota.min_gap = each_part ? std::chrono::minutes(std::chrono::hours(1)) : gapFor(f, days);
      topic.quotas.push_back(quota);
      guesses.quotas.push_back(fmt::format("{}: {}; {} -> {}", target, why_target, why_rate, rateText(f)));
      QuotaDayParts asked;
      if (times && !times->day_parts.empty()) asked = {times->day_parts, why_times};
      guesses.day_parts.push_back(std::move(asked));
    }
    dropRelayedGroup(topic, guesses, item_channels);
    if (!audience_notes.empty()) {
      std::string all;
      for (const auto& n : audience_notes) all += (all.empty() ? "" : "; ") + n;
      guesses.fields["audiences"] = all;
    }
    return topic;
  }

  // The plan names the loudspeakers and, elsewhere, the neighbourhood
  // speakers ("loa của các tổ dân phố tiếp phát ..."): kind:loudspeaker
  // already reaches those speakers, so a group quota asking no more often
  // would only ask them for every play twice. It is dropped and the
  // loudspeaker quota's comment says it covers them. An item that names
  // the neighbourhood speakers itself keeps its group quota.
  // guesses.quotas and guesses.day_parts have one entry per quota.
  static void dropRelayedGroup(Topic& topic, TopicGuesses& guesses, const std::vector<ChannelMention>& item_channels) {
    const auto& quotas = topic.quotas;
    auto all = std::find_if(quotas.begin(), quotas.end(), [](const Quota& q) { return q.target == "kind:loudspeaker"; });
    auto group = std::find_if(quotas.begin(), quotas.end(), [](const Quota& q) { return q.target.rfind("group:", 0) == 0; });
    if (all == quotas.end() || group == quotas.end()) return;
    bool named_by_item = std::any_of(item_channels.begin(), item_channels.end(),
                                     [&](const ChannelMention& m) { return m.target == group->target; });
    auto per28 = [](const Quota& q) { return q.plays * 28.0 / double(periodDays(q.per).count()); };
    if (named_by_item || per28(*group) > per28(*all)) return;
    auto a = all - quotas.begin(), g = group - quotas.begin();
    guesses.quotas[std::size_t(a)] += fmt::format(
        "; it reaches the {} speakers the plan also names, so they get no quota of their own (it would ask them "
        "for every play twice)", group->target.substr(6));
    guesses.quotas.erase(guesses.quotas.begin() + g);
    guesses.day_parts.erase(guesses.day_parts.begin() + g);
    topic.quotas.erase(group);
  }

  // A month range or season in the item's words narrows the topic's days.
  // Returns a note for the reviewer when it could not (a season across the
  // new year).
  std::string applySeason(const std::string& lower, const Campaign& campaign, Topic& topic,
                          TopicGuesses& guesses) const {
    auto season = seasonOf(lower, year_);
    if (!season) return "";
    if (!season->start) return season->note;
    std::string why = fmt::format("\"{}\" in the item{}", season->words, season->note.empty() ? "" : "; " + season->note);
    if (*season->start > campaign.start && *season->start <= campaign.end) {
      topic.start = season->start;
      guesses.fields["start"] = why;
    }
    if (season->end && *season->end >= campaign.start && *season->end < campaign.end &&
        (!topic.end || *season->end < *topic.end)) {
      topic.end = season->end;
      guesses.fields["end"] = why;
    }
    if (topic.start && topic.end && *topic.start > *topic.end) {  // a deadline before the season
      topic.start.reset();
      guesses.fields.erase("start");
    }
    return "";
  }

  const ImportOptions& options_;
  int year_ = 0;
  bool found_content_ = false;
  std::vector<Item> items_;
  std::map<std::string, ChannelEvidence> plan_channels_;
  std::map<std::string, std::pair<std::string, std::string>> skipped_channels_;  // category -> (words, paths)
  std::vector<std::string> skipped_items_;
};

}  // namespace

Result<PlanImport> importPlan(std::string_view text, const ImportOptions& options) {
  return PlanImporter(options).run(text);
}

}  // namespace wardcast
