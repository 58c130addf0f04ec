#include "content/item_repository.hpp"

#include <string>

#include "content/sql_support.hpp"

namespace wardcast {
namespace {

const char* tableOf(ItemKind kind) { return kind == ItemKind::kClip ? "clips" : "bulletins"; }
const char* prefixOf(ItemKind kind) { return kind == ItemKind::kClip ? "c" : "b"; }

constexpr const char* kAssetColumns =
    "a.sha256, a.kind, a.relative_path, a.size_bytes, a.container, a.audio_codec, a.video_codec, "
    "a.duration_ms, a.sample_rate, a.channels, a.width, a.height, a.frame_rate, a.loudness_lufs, "
    "a.true_peak_dbtp";

// SELECT for one kind; `where` uses the alias i for the item table.
std::string selectItems(ItemKind kind, const std::string& where) {
  return std::string("SELECT i.id, i.topic_id, i.title, i.text, i.source_file, i.valid_from, i.valid_to, "
                     "i.state, i.author, i.decided_by, i.reason, i.created_ms, i.decided_ms, ") +
         kAssetColumns + " FROM " + tableOf(kind) + " i JOIN assets a ON a.sha256 = i.asset" +
         (where.empty() ? "" : " WHERE " + where) + " ORDER BY i.id";
}

AssetKind assetKindOf(const std::string& text) {
  if (text == "video") return AssetKind::kVideo;
  if (text == "image") return AssetKind::kImage;
  return AssetKind::kAudio;
}

AssetInfo readAsset(SQLite::Statement& st, int first) {
  AssetInfo a;
  a.sha256 = st.getColumn(first).getString();
  a.kind = assetKindOf(st.getColumn(first + 1).getString());
  a.relative_path = st.getColumn(first + 2).getString();
  a.size_bytes = static_cast<std::uint64_t>(st.getColumn(first + 3).getInt64());
  a.container = st.getColumn(first + 4).getString();
  a.audio_codec = st.getColumn(first + 5).getString();
  a.video_codec = st.getColumn(first + 6).getString();
  a.duration = std::chrono::milliseconds(st.getColumn(first + 7).getInt64());
  a.sample_rate = st.getColumn(first + 8).getInt();
  a.channels = st.getColumn(first + 9).getInt();
  a.width = st.getColumn(first + 10).getInt();
  a.height = st.getColumn(first + 11).getInt();
  a.frame_rate = st.getColumn(first + 12).getDouble();
  a.loudness_lufs = sql::optDouble(st.getColumn(first + 13));
  a.true_peak_dbtp = sql::optDouble(st.getColumn(first + 14));
  return a;
}

Item readItem(ItemKind kind, SQLite::Statement& st) {
  Item it;
  it.kind = kind;
  it.id = prefixOf(kind) + std::to_string(st.getColumn(0).getInt64());
  it.topic_id = st.getColumn(1).getString();
  it.title = st.getColumn(2).getString();
  it.text = sql::optText(st.getColumn(3));
  it.source_file = sql::optText(st.getColumn(4));
  it.valid_from = sql::optDate(st.getColumn(5));
  it.valid_to = sql::optDate(st.getColumn(6));
  it.state = parseItemState(st.getColumn(7).getString()).value_or(ItemState::kDraft);
  it.author = st.getColumn(8).getString();
  it.decided_by = sql::optText(st.getColumn(9));
  it.reason = sql::optText(st.getColumn(10));
  it.created = sql::fromMs(st.getColumn(11).getInt64());
  if (!st.getColumn(12).isNull()) it.decided = sql::fromMs(st.getColumn(12).getInt64());
  it.asset = readAsset(st, 13);
  return it;
}

void insertAsset(SQLite::Database& db, const AssetInfo& a) {
  SQLite::Statement st(db,
                       "INSERT OR IGNORE INTO assets(sha256, kind, relative_path, size_bytes, container, "
                       "audio_codec, video_codec, duration_ms, sample_rate, channels, width, height, frame_rate, "
                       "loudness_lufs, true_peak_dbtp, ingested_ms) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  st.bind(1, a.sha256);
  st.bind(2, toString(a.kind));
  st.bind(3, a.relative_path);
  st.bind(4, static_cast<std::int64_t>(a.size_bytes));
  st.bind(5, a.container);
  st.bind(6, a.audio_codec);
  st.bind(7, a.video_codec);
  st.bind(8, static_cast<std::int64_t>(a.duration.count()));
  st.bind(9, a.sample_rate);
  st.bind(10, a.channels);
  st.bind(11, a.width);
  st.bind(12, a.height);
  st.bind(13, a.frame_rate);
  sql::bindDouble(st, 14, a.loudness_lufs);
  sql::bindDouble(st, 15, a.true_peak_dbtp);
  st.bind(16, static_cast<std::int64_t>(sql::toMs(sql::now())));
  st.exec();
}

Result<Role> roleOf(SQLite::Database& db, const std::string& user) {
  if (user.empty()) return makeError(ErrorKind::kPermission, "this needs a user: pass --user NAME");
  SQLite::Statement st(db, "SELECT role FROM users WHERE name = ?");
  st.bind(1, user);
  if (!st.executeStep()) return makeError(ErrorKind::kNotFound, "no user named '" + user + "'");
  return parseRole(st.getColumn(0).getString()).value_or(Role::kEditor);
}

Result<Item> readOne(SQLite::Database& db, const std::string& id) {
  auto kind = itemKindOfId(id);
  if (!kind) return makeError(ErrorKind::kNotFound, "no bulletin or clip '" + id + "' (ids look like b12 or c3)");
  SQLite::Statement st(db, selectItems(*kind, "i.id = ?"));
  st.bind(1, static_cast<std::int64_t>(std::stoll(id.substr(1))));
  if (!st.executeStep()) return makeError(ErrorKind::kNotFound, std::string("no ") + toString(*kind) + " '" + id + "'");
  return readItem(*kind, st);
}

Status checkNewItem(const NewItem& item, const AssetInfo& asset) {
  if (item.title.find_first_not_of(" \t\r\n") == std::string::npos)
    return makeError(ErrorKind::kInvalidInput, "the title is empty");
  if (item.topic_id.empty()) return makeError(ErrorKind::kInvalidInput, "the topic id is empty");
  if (item.valid_from && item.valid_to && *item.valid_to < *item.valid_from)
    return makeError(ErrorKind::kInvalidInput, "--valid-to " + formatDate(*item.valid_to) +
                                                    " is before --valid-from " + formatDate(*item.valid_from));
  if (asset.sha256.size() != 64) return makeError(ErrorKind::kInvalidInput, "the asset has no sha256");
  return okStatus();
}

}  // namespace

Result<Item> ItemRepository::add(const NewItem& item, const AssetInfo& asset, const std::string& actor) {
  if (auto ok = checkNewItem(item, asset); !ok) return ok.error();
  return sql::guarded("adding an item", [&]() -> Result<Item> {
    sql::WriteTransaction tx(db_);
    auto role = roleOf(db_, actor);
    if (!role) return role.error();
    if (*role != Role::kEditor && *role != Role::kAdmin)
      return makeError(ErrorKind::kPermission, "'" + actor + "' is " + toString(*role) +
                                                   "; adding bulletins and clips needs an editor or an admin");
    SQLite::Statement topic(db_, "INSERT OR IGNORE INTO topics(id, title) VALUES (?, ?)");
    topic.bind(1, item.topic_id);
    topic.bind(2, item.topic_id);
    if (topic.exec() > 0) sql::audit(db_, actor, "topic.add", "added unplanned topic " + item.topic_id);
    insertAsset(db_, asset);
    SQLite::Statement st(db_, std::string("INSERT INTO ") + tableOf(item.kind) +
                                  "(topic_id, title, text, source_file, asset, valid_from, valid_to, author, "
                                  "created_ms) VALUES (?,?,?,?,?,?,?,?,?)");
    st.bind(1, item.topic_id);
    st.bind(2, item.title);
    sql::bindText(st, 3, item.text);
    sql::bindText(st, 4, item.source_file);
    st.bind(5, asset.sha256);
    sql::bindDate(st, 6, item.valid_from);
    sql::bindDate(st, 7, item.valid_to);
    st.bind(8, actor);
    st.bind(9, static_cast<std::int64_t>(sql::toMs(sql::now())));
    st.exec();
    std::string id = prefixOf(item.kind) + std::to_string(db_.getLastInsertRowid());
    sql::audit(db_, actor, std::string(toString(item.kind)) + ".add",
               "added " + id + " '" + item.title + "' on topic " + item.topic_id + ", asset " + asset.sha256);
    auto stored = readOne(db_, id);
    if (!stored) return stored.error();
    tx.commit();
    return stored;
  });
}

Result<Item> ItemRepository::get(const std::string& id) {
  return sql::guarded("reading an item", [&]() { return readOne(db_, id); });
}

Result<std::vector<Item>> ItemRepository::list(const ItemFilter& filter) {
  return sql::guarded("listing items", [&]() -> Result<std::vector<Item>> {
    std::vector<Item> out;
    for (ItemKind kind : {ItemKind::kBulletin, ItemKind::kClip}) {
      if (filter.kind && *filter.kind != kind) continue;
      SQLite::Statement st(db_, selectItems(kind, "(?1 IS NULL OR i.state = ?1) AND (?2 IS NULL OR i.topic_id = ?2)"));
      sql::bindText(st, 1, filter.state ? std::optional<std::string>(toString(*filter.state)) : std::nullopt);
      sql::bindText(st, 2, filter.topic_id);
      while (st.executeStep()) out.push_back(readItem(kind, st));
    }
    return out;
  });
}

namespace {

// Moves a draft to `to`, checking who decides. Runs in the caller's transaction.
Result<Item> decide(SQLite::Database& db, const std::string& id, const std::string& actor, ItemState to,
                    const std::optional<std::string>& reason) {
  auto item = readOne(db, id);
  if (!item) return item.error();
  auto role = roleOf(db, actor);
  if (!role) return role.error();
  const char* verb = to == ItemState::kApproved ? "approve" : "reject";
  if (*role != Role::kApprover)
    return makeError(ErrorKind::kPermission, "'" + actor + "' is " + toString(*role) + "; only an approver may " +
                                                 verb + " " + id);
  if (item->author == actor)
    return makeError(ErrorKind::kPermission, "'" + actor + "' wrote " + id + " and may not " + verb + " it");
  if (item->state != ItemState::kDraft)
    return makeError(ErrorKind::kConflict, id + " is already " + toString(item->state));
  SQLite::Statement st(db, std::string("UPDATE ") + tableOf(item->kind) +
                               " SET state = ?, decided_by = ?, reason = ?, decided_ms = ? WHERE id = ?");
  st.bind(1, toString(to));
  st.bind(2, actor);
  sql::bindText(st, 3, reason);
  st.bind(4, static_cast<std::int64_t>(sql::toMs(sql::now())));
  st.bind(5, static_cast<std::int64_t>(std::stoll(id.substr(1))));
  st.exec();
  sql::audit(db, actor, std::string("item.") + verb,
             std::string(to == ItemState::kApproved ? "approved " : "rejected ") + id +
                 (reason ? ": " + *reason : std::string()));
  return readOne(db, id);
}

}  // namespace

Result<Item> ItemRepository::approve(const std::string& id, const std::string& actor) {
  return sql::guarded("approving an item", [&]() -> Result<Item> {
    sql::WriteTransaction tx(db_);
    auto out = decide(db_, id, actor, ItemState::kApproved, std::nullopt);
    if (out) tx.commit();
    return out;
  });
}

Result<Item> ItemRepository::reject(const std::string& id, const std::string& actor, const std::string& reason) {
  if (reason.find_first_not_of(" \t\r\n") == std::string::npos)
    return makeError(ErrorKind::kInvalidInput, "a rejection needs a reason (--reason TEXT)");
  return sql::guarded("rejecting an item", [&]() -> Result<Item> {
    sql::WriteTransaction tx(db_);
    auto out = decide(db_, id, actor, ItemState::kRejected, reason);
    if (out) tx.commit();
    return out;
  });
}

Result<std::vector<Item>> ItemRepository::approvedValidOn(Date day) { return approvedValidBetween(day, day); }

Result<std::vector<Item>> ItemRepository::approvedValidBetween(Date from, Date to) {
  return sql::guarded("listing approved items", [&]() -> Result<std::vector<Item>> {
    std::vector<Item> out;
    for (ItemKind kind : {ItemKind::kBulletin, ItemKind::kClip}) {
      SQLite::Statement st(db_, selectItems(kind,
                                            "i.state = 'approved' AND (i.valid_from IS NULL OR i.valid_from <= ?1) "
                                            "AND (i.valid_to IS NULL OR i.valid_to >= ?2)"));
      st.bind(1, formatDate(to));
      st.bind(2, formatDate(from));
      while (st.executeStep()) out.push_back(readItem(kind, st));
    }
    return out;
  });
}

Result<std::optional<AssetInfo>> ItemRepository::asset(const std::string& sha256) {
  return sql::guarded("reading an asset", [&]() -> Result<std::optional<AssetInfo>> {
    SQLite::Statement st(db_, std::string("SELECT ") + kAssetColumns + " FROM assets a WHERE a.sha256 = ?");
    st.bind(1, sha256);
    if (!st.executeStep()) return std::optional<AssetInfo>{};
    return std::optional<AssetInfo>(readAsset(st, 0));
  });
}

Result<std::vector<AssetInfo>> ItemRepository::assets() {
  return sql::guarded("listing assets", [&]() -> Result<std::vector<AssetInfo>> {
    SQLite::Statement st(db_, std::string("SELECT ") + kAssetColumns + " FROM assets a ORDER BY a.sha256");
    std::vector<AssetInfo> out;
    while (st.executeStep()) out.push_back(readAsset(st, 0));
    return out;
  });
}

}  // namespace wardcast
