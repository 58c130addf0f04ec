#pragma once
// Bulletins and clips with their assets, and the approval rules (SPEC §8):
// editors and admins add items, which start as drafts; a user with the
// approver role who is not the author approves or rejects (with a reason).
// Only approved items whose validity covers a day may be planned on it.
#include <optional>
#include <string>
#include <vector>

#include "content/asset.hpp"
#include "content/content_model.hpp"
#include "util/result.hpp"

namespace SQLite {
class Database;
}

namespace wardcast {

struct ItemFilter {
  std::optional<ItemKind> kind;
  std::optional<ItemState> state;
  std::optional<std::string> topic_id;
};

class ItemRepository {
 public:
  explicit ItemRepository(SQLite::Database& db) : db_(db) {}

  // Stores a draft item on an ingested asset (the asset row is added when
  // new: assets are keyed by sha256, so items may share one). `actor` must
  // be an editor or an admin. kInvalidInput for an empty title or
  // valid_to before valid_from.
  Result<Item> add(const NewItem& item, const AssetInfo& asset, const std::string& actor);
  Result<Item> get(const std::string& id);  // kNotFound when unknown
  Result<std::vector<Item>> list(const ItemFilter& filter = {});  // by kind, then number

  // Draft -> approved. kPermission unless `actor` has the approver role
  // and is not the author; kConflict when the item is not a draft.
  Result<Item> approve(const std::string& id, const std::string& actor);
  // Draft -> rejected, same rules; `reason` must not be blank.
  Result<Item> reject(const std::string& id, const std::string& actor, const std::string& reason);

  // Approved items whose validity covers `day`.
  Result<std::vector<Item>> approvedValidOn(Date day);
  // Approved items valid on at least one day of [from, to]; use
  // Item::validOn for each day.
  Result<std::vector<Item>> approvedValidBetween(Date from, Date to);

  Result<std::optional<AssetInfo>> asset(const std::string& sha256);
  Result<std::vector<AssetInfo>> assets();

 private:
  SQLite::Database& db_;
};

}  // namespace wardcast
