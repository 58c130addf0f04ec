#pragma once
// Campaigns, their topics and quotas (SPEC §3), as stored by `plan apply`.
// Topic ids are global: a bulletin names its topic by id alone. Topics made
// by `bulletin add --topic NEW` have no campaign ("unplanned") until a
// campaign that lists the same id is stored.
#include <optional>
#include <string>
#include <vector>

#include "content/plan_import/campaign.hpp"
#include "util/result.hpp"

namespace SQLite {
class Database;
}

namespace wardcast {

struct StoredTopic {
  Topic topic;
  std::string campaign_id;  // empty for an unplanned topic
};

class CampaignRepository {
 public:
  explicit CampaignRepository(SQLite::Database& db) : db_(db) {}

  // Inserts or replaces a campaign with its topics and quotas. Topics the
  // campaign no longer lists are kept (items may refer to them) but lose
  // their quotas and their campaign. kConflict when a topic id belongs to
  // another campaign.
  Status save(const Campaign& campaign, const std::string& actor);
  Result<Campaign> get(const std::string& id);      // kNotFound when unknown
  Result<std::vector<Campaign>> list();             // every campaign, by start
  // Campaigns whose [start, end] overlaps [from, to].
  Result<std::vector<Campaign>> activeBetween(Date from, Date to);

  Result<StoredTopic> topic(const std::string& id);  // kNotFound when unknown
  Result<std::vector<StoredTopic>> topics();         // all, by id
  // Creates an unplanned topic when `id` is unknown; no-op otherwise.
  Status ensureTopic(const std::string& id, const std::string& actor);

 private:
  SQLite::Database& db_;
};

}  // namespace wardcast
