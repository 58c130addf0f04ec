#include "content/campaign_repository.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <utility>

#include "content/sql_support.hpp"

namespace wardcast {
namespace {

constexpr std::array<std::pair<const char*, QuotaPeriod>, 5> kPeriods{{
    {"day", QuotaPeriod::kDay},
    {"week", QuotaPeriod::kWeek},
    {"month", QuotaPeriod::kMonth},
    {"quarter", QuotaPeriod::kQuarter},
    {"campaign", QuotaPeriod::kCampaign},
}};

const char* periodName(QuotaPeriod p) {
  for (const auto& [name, v] : kPeriods)
    if (v == p) return name;
  return "week";
}
QuotaPeriod periodOf(const std::string& text) {
  for (const auto& [name, v] : kPeriods)
    if (text == name) return v;
  return QuotaPeriod::kWeek;
}

std::string toJson(const std::vector<std::string>& list) { return nlohmann::json(list).dump(); }
std::vector<std::string> fromJson(const std::string& text) {
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_array()) return {};
  return j.get<std::vector<std::string>>();
}

std::vector<unsigned> daysFromJson(const std::string& text) {
  auto j = nlohmann::json::parse(text, nullptr, false);
  std::vector<unsigned> out;
  if (!j.is_array()) return out;
  for (const auto& d : j)
    if (d.is_number_unsigned() && d.get<unsigned>() >= 1 && d.get<unsigned>() <= 7) out.push_back(d.get<unsigned>());
  return out;
}

constexpr const char* kTopicColumns =
    "id, campaign_id, title, section, description, priority, audiences, end_date, start_date";

StoredTopic readTopic(SQLite::Database& db, SQLite::Statement& st) {
  StoredTopic out;
  Topic& t = out.topic;
  t.id = st.getColumn(0).getString();
  out.campaign_id = st.getColumn(1).isNull() ? "" : st.getColumn(1).getString();
  t.title = st.getColumn(2).getString();
  t.section = st.getColumn(3).getString();
  t.description = st.getColumn(4).getString();
  t.priority = st.getColumn(5).getInt();
  t.audiences = fromJson(st.getColumn(6).getString());
  t.end = sql::optDate(st.getColumn(7));
  t.start = sql::optDate(st.getColumn(8));
  SQLite::Statement q(db,
                      "SELECT target, plays, per, windows, min_gap_min, days FROM quotas WHERE topic_id = ? "
                      "ORDER BY position");
  q.bind(1, t.id);
  while (q.executeStep()) {
    Quota quota;
    quota.target = q.getColumn(0).getString();
    quota.plays = q.getColumn(1).getInt();
    quota.per = periodOf(q.getColumn(2).getString());
    quota.windows = fromJson(q.getColumn(3).getString());
    quota.min_gap = std::chrono::minutes(q.getColumn(4).getInt64());
    quota.days = daysFromJson(q.getColumn(5).getString());
    t.quotas.push_back(std::move(quota));
  }
  return out;
}

Campaign readCampaign(SQLite::Database& db, SQLite::Statement& st) {
  Campaign c;
  c.id = st.getColumn(0).getString();
  c.title = st.getColumn(1).getString();
  c.issuer = st.getColumn(2).getString();
  c.start = parseDate(st.getColumn(3).getString()).value_or(Date{});
  c.end = parseDate(st.getColumn(4).getString()).value_or(Date{});
  c.source = st.getColumn(5).getString();
  SQLite::Statement t(db, std::string("SELECT ") + kTopicColumns + " FROM topics WHERE campaign_id = ? ORDER BY position, id");
  t.bind(1, c.id);
  while (t.executeStep()) c.topics.push_back(readTopic(db, t).topic);
  return c;
}

constexpr const char* kCampaignColumns = "id, title, issuer, start_date, end_date, source";

void upsertTopic(SQLite::Database& db, const Topic& t, const std::string& campaign_id, int position) {
  SQLite::Statement st(db,
                       "INSERT INTO topics(id, campaign_id, title, section, description, priority, audiences, "
                       "end_date, position, start_date) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) "
                       "ON CONFLICT(id) DO UPDATE SET campaign_id = ?2, title = ?3, section = ?4, description = ?5, "
                       "priority = ?6, audiences = ?7, end_date = ?8, position = ?9, start_date = ?10");
  st.bind(1, t.id);
  st.bind(2, campaign_id);
  st.bind(3, t.title);
  st.bind(4, t.section);
  st.bind(5, t.description);
  st.bind(6, t.priority);
  st.bind(7, toJson(t.audiences));
  sql::bindDate(st, 8, t.end);
  st.bind(9, position);
  sql::bindDate(st, 10, t.start);
  st.exec();
  SQLite::Statement del(db, "DELETE FROM quotas WHERE topic_id = ?");
  del.bind(1, t.id);
  del.exec();
  int quota_position = 0;
  for (const auto& q : t.quotas) {
    SQLite::Statement ins(db,
                          "INSERT INTO quotas(topic_id, position, target, plays, per, windows, min_gap_min, days) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    ins.bind(1, t.id);
    ins.bind(2, quota_position++);
    ins.bind(3, q.target);
    ins.bind(4, q.plays);
    ins.bind(5, periodName(q.per));
    ins.bind(6, toJson(q.windows));
    ins.bind(7, static_cast<std::int64_t>(q.min_gap.count()));
    ins.bind(8, nlohmann::json(q.days).dump());
    ins.exec();
  }
}

// Topics of another campaign that `campaign` also lists.
Status checkTopicOwners(SQLite::Database& db, const Campaign& campaign) {
  for (const auto& t : campaign.topics) {
    SQLite::Statement st(db, "SELECT campaign_id FROM topics WHERE id = ? AND campaign_id IS NOT NULL");
    st.bind(1, t.id);
    if (st.executeStep() && st.getColumn(0).getString() != campaign.id)
      return makeError(ErrorKind::kConflict, "topic '" + t.id + "' already belongs to campaign '" +
                                                 st.getColumn(0).getString() + "'");
  }
  return okStatus();
}

}  // namespace

Status CampaignRepository::save(const Campaign& campaign, const std::string& actor) {
  if (campaign.id.empty()) return makeError(ErrorKind::kInvalidInput, "the campaign has no id");
  if (campaign.end < campaign.start)
    return makeError(ErrorKind::kInvalidInput, "campaign '" + campaign.id + "' ends before it starts");
  return sql::guarded("storing a campaign", [&]() -> Status {
    sql::WriteTransaction tx(db_);
    if (auto owners = checkTopicOwners(db_, campaign); !owners) return owners;
    SQLite::Statement st(db_,
                         "INSERT INTO campaigns(id, title, issuer, start_date, end_date, source, stored_ms) "
                         "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT(id) DO UPDATE SET title = ?2, "
                         "issuer = ?3, start_date = ?4, end_date = ?5, source = ?6, stored_ms = ?7");
    st.bind(1, campaign.id);
    st.bind(2, campaign.title);
    st.bind(3, campaign.issuer);
    st.bind(4, formatDate(campaign.start));
    st.bind(5, formatDate(campaign.end));
    st.bind(6, campaign.source);
    st.bind(7, static_cast<std::int64_t>(sql::toMs(sql::now())));
    st.exec();
    // Topics dropped from the campaign keep their rows but leave it.
    SQLite::Statement drop(db_, "SELECT id FROM topics WHERE campaign_id = ?");
    drop.bind(1, campaign.id);
    std::vector<std::string> previous;
    while (drop.executeStep()) previous.push_back(drop.getColumn(0).getString());
    for (const auto& id : previous) {
      bool kept = false;
      for (const auto& t : campaign.topics) kept = kept || t.id == id;
      if (kept) continue;
      SQLite::Statement leave(db_, "UPDATE topics SET campaign_id = NULL WHERE id = ?");
      leave.bind(1, id);
      leave.exec();
      SQLite::Statement del(db_, "DELETE FROM quotas WHERE topic_id = ?");
      del.bind(1, id);
      del.exec();
    }
    int position = 0;
    for (const auto& t : campaign.topics) upsertTopic(db_, t, campaign.id, position++);
    sql::audit(db_, actor, "campaign.save",
               "stored campaign " + campaign.id + " with " + std::to_string(campaign.topics.size()) + " topics");
    tx.commit();
    return okStatus();
  });
}

Result<Campaign> CampaignRepository::get(const std::string& id) {
  return sql::guarded("reading a campaign", [&]() -> Result<Campaign> {
    SQLite::Statement st(db_, std::string("SELECT ") + kCampaignColumns + " FROM campaigns WHERE id = ?");
    st.bind(1, id);
    if (!st.executeStep()) return makeError(ErrorKind::kNotFound, "no campaign '" + id + "'");
    return readCampaign(db_, st);
  });
}

Result<std::vector<Campaign>> CampaignRepository::list() {
  return sql::guarded("listing campaigns", [&]() -> Result<std::vector<Campaign>> {
    SQLite::Statement st(db_, std::string("SELECT ") + kCampaignColumns + " FROM campaigns ORDER BY start_date, id");
    std::vector<Campaign> out;
    while (st.executeStep()) out.push_back(readCampaign(db_, st));
    return out;
  });
}

Result<std::vector<Campaign>> CampaignRepository::activeBetween(Date from, Date to) {
  return sql::guarded("listing campaigns", [&]() -> Result<std::vector<Campaign>> {
    SQLite::Statement st(db_, std::string("SELECT ") + kCampaignColumns +
                                  " FROM campaigns WHERE start_date <= ? AND end_date >= ? ORDER BY start_date, id");
    st.bind(1, formatDate(to));
    st.bind(2, formatDate(from));
    std::vector<Campaign> out;
    while (st.executeStep()) out.push_back(readCampaign(db_, st));
    return out;
  });
}

Result<StoredTopic> CampaignRepository::topic(const std::string& id) {
  return sql::guarded("reading a topic", [&]() -> Result<StoredTopic> {
    SQLite::Statement st(db_, std::string("SELECT ") + kTopicColumns + " FROM topics WHERE id = ?");
    st.bind(1, id);
    if (!st.executeStep()) return makeError(ErrorKind::kNotFound, "no topic '" + id + "'");
    return readTopic(db_, st);
  });
}

Result<std::vector<StoredTopic>> CampaignRepository::topics() {
  return sql::guarded("listing topics", [&]() -> Result<std::vector<StoredTopic>> {
    SQLite::Statement st(db_, std::string("SELECT ") + kTopicColumns + " FROM topics ORDER BY id");
    std::vector<StoredTopic> out;
    while (st.executeStep()) out.push_back(readTopic(db_, st));
    return out;
  });
}

Status CampaignRepository::ensureTopic(const std::string& id, const std::string& actor) {
  if (id.empty()) return makeError(ErrorKind::kInvalidInput, "the topic id is empty");
  return sql::guarded("adding a topic", [&]() -> Status {
    sql::WriteTransaction tx(db_);
    SQLite::Statement st(db_, "INSERT OR IGNORE INTO topics(id, title) VALUES (?, ?)");
    st.bind(1, id);
    st.bind(2, id);
    if (st.exec() > 0) sql::audit(db_, actor, "topic.add", "added unplanned topic " + id);
    tx.commit();
    return okStatus();
  });
}

}  // namespace wardcast
