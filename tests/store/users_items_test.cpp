#include <catch2/catch.hpp>

#include "tests/store/store_test_support.hpp"

using namespace wardcast;
using namespace wardcast::test;
using std::chrono::seconds;

namespace {

Date day(int y, unsigned m, unsigned d) {
  return Date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

}  // namespace

TEST_CASE("the first admin needs nobody, after that only an admin adds users") {
  TempDir dir;
  auto store = openStore(dir.path());
  auto editor_first = store->users().add("lan", Role::kEditor, std::nullopt, "");
  REQUIRE_FALSE(editor_first);
  CHECK(editor_first.error().kind == ErrorKind::kPermission);
  CHECK_FALSE(store->users().anyAdmin().value());

  REQUIRE(store->users().add("root", Role::kAdmin, std::nullopt, ""));
  CHECK(store->users().anyAdmin().value());
  auto second = store->users().add("boss", Role::kAdmin, std::nullopt, "");
  REQUIRE_FALSE(second);
  CHECK(second.error().kind == ErrorKind::kPermission);

  REQUIRE(store->users().add("lan", Role::kEditor, std::nullopt, "root"));
  auto by_editor = store->users().add("minh", Role::kEditor, std::nullopt, "lan");
  REQUIRE_FALSE(by_editor);
  CHECK(by_editor.error().kind == ErrorKind::kPermission);
  auto twice = store->users().add("lan", Role::kApprover, std::nullopt, "root");
  REQUIRE_FALSE(twice);
  CHECK(twice.error().kind == ErrorKind::kConflict);
  auto bad_name = store->users().add("a b", Role::kEditor, std::nullopt, "root");
  REQUIRE_FALSE(bad_name);
  CHECK(bad_name.error().kind == ErrorKind::kInvalidInput);

  auto users = store->users().list().value();
  REQUIRE(users.size() == 2);
  CHECK(users[0].name == "lan");
  CHECK(users[1].name == "root");
}

TEST_CASE("passwords are stored as Argon2id hashes and verified") {
  TempDir dir;
  auto store = openStore(dir.path());
  REQUIRE(store->users().add("root", Role::kAdmin, std::string("mật khẩu dài"), ""));
  CHECK(store->users().find("root").value().has_password);
  CHECK(store->users().verifyPassword("root", "mật khẩu dài").value());
  CHECK_FALSE(store->users().verifyPassword("root", "wrong").value());
  CHECK_FALSE(store->users().verifyPassword("nobody", "x").value());
  auto log = store->audit().recent(10).value();
  REQUIRE_FALSE(log.empty());
  CHECK(log.back().what == "user.add");
  CHECK(log.back().details.find("mật khẩu") == std::string::npos);
}

TEST_CASE("editors and admins add drafts, others may not") {
  TempDir dir;
  auto store = openStore(dir.path());
  addStaff(*store);
  auto asset = fakeAsset(dir.path(), 'a', seconds(30));

  auto by_approver = store->items().add(bulletin("t", "x"), asset, "hoa");
  REQUIRE_FALSE(by_approver);
  CHECK(by_approver.error().kind == ErrorKind::kPermission);
  auto by_nobody = store->items().add(bulletin("t", "x"), asset, "ghost");
  REQUIRE_FALSE(by_nobody);
  CHECK(by_nobody.error().kind == ErrorKind::kNotFound);

  auto b = store->items().add(bulletin("mot-cua", "Một cửa"), asset, "lan");
  REQUIRE(b);
  CHECK(b->id == "b1");
  CHECK(b->state == ItemState::kDraft);
  CHECK(b->author == "lan");
  CHECK(b->duration() == seconds(30));
  CHECK(b->asset.audio_codec == "pcm_s16le");
  // The unknown topic became an unplanned topic.
  auto topic = store->campaigns().topic("mot-cua");
  REQUIRE(topic);
  CHECK(topic->campaign_id.empty());

  NewItem clip = bulletin("mot-cua", "Clip");
  clip.kind = ItemKind::kClip;
  auto c = store->items().add(clip, fakeAsset(dir.path(), 'v', seconds(60)), "root");
  REQUIRE(c);
  CHECK(c->id == "c1");
  CHECK(store->items().add(bulletin("mot-cua", "again"), asset, "minh").value().id == "b2");
}

TEST_CASE("validity dates are checked and the same asset is stored once") {
  TempDir dir;
  auto store = openStore(dir.path());
  addStaff(*store);
  auto asset = fakeAsset(dir.path(), 'a', seconds(30));
  NewItem n = bulletin("t", "x");
  n.valid_from = day(2026, 5, 10);
  n.valid_to = day(2026, 5, 9);
  auto bad = store->items().add(n, asset, "lan");
  REQUIRE_FALSE(bad);
  CHECK(bad.error().kind == ErrorKind::kInvalidInput);
  CHECK_THAT(bad.error().message, Catch::Contains("before"));
  auto blank = store->items().add(bulletin("t", "  "), asset, "lan");
  REQUIRE_FALSE(blank);

  n.valid_to = day(2026, 5, 20);
  REQUIRE(store->items().add(n, asset, "lan"));
  REQUIRE(store->items().add(bulletin("t", "y"), asset, "lan"));
  CHECK(store->items().assets().value().size() == 1);
  CHECK(store->items().list().value().size() == 2);
}

TEST_CASE("approval: an approver who is not the author decides and a rejection has a reason") {
  TempDir dir;
  auto store = openStore(dir.path());
  addStaff(*store);
  REQUIRE(store->users().add("vy", Role::kApprover, std::nullopt, "root"));
  auto asset = fakeAsset(dir.path(), 'a', seconds(30));
  auto b1 = store->items().add(bulletin("t", "one"), asset, "lan").value();

  auto by_editor = store->items().approve(b1.id, "minh");
  REQUIRE_FALSE(by_editor);
  CHECK(by_editor.error().kind == ErrorKind::kPermission);
  auto by_admin = store->items().approve(b1.id, "root");
  REQUIRE_FALSE(by_admin);
  CHECK(by_admin.error().kind == ErrorKind::kPermission);
  auto unknown = store->items().approve("b99", "hoa");
  REQUIRE_FALSE(unknown);
  CHECK(unknown.error().kind == ErrorKind::kNotFound);
  CHECK_FALSE(store->items().approve("zz", "hoa"));

  auto ok = store->items().approve(b1.id, "hoa");
  REQUIRE(ok);
  CHECK(ok->state == ItemState::kApproved);
  CHECK(ok->decided_by == std::optional<std::string>("hoa"));
  CHECK(ok->decided.has_value());
  auto again = store->items().approve(b1.id, "vy");
  REQUIRE_FALSE(again);
  CHECK(again.error().kind == ErrorKind::kConflict);

  // An approver who wrote an item (as admin would) may not approve it either.
  REQUIRE(store->users().add("editor2", Role::kEditor, std::nullopt, "root"));
  auto b2 = store->items().add(bulletin("t", "two"), asset, "editor2").value();
  auto no_reason = store->items().reject(b2.id, "hoa", "  ");
  REQUIRE_FALSE(no_reason);
  CHECK(no_reason.error().kind == ErrorKind::kInvalidInput);
  auto rejected = store->items().reject(b2.id, "hoa", "sai số liệu");
  REQUIRE(rejected);
  CHECK(rejected->state == ItemState::kRejected);
  CHECK(rejected->reason == std::optional<std::string>("sai số liệu"));

  auto drafts = store->items().list(ItemFilter{std::nullopt, ItemState::kDraft, std::nullopt}).value();
  CHECK(drafts.empty());
  auto log = store->audit().recent(4).value();
  REQUIRE(log.size() == 4);
  CHECK(log[0].what == "item.approve");
  CHECK(log[0].who == "hoa");
  CHECK(log[0].details == "approved b1");
  CHECK(log[3].what == "item.reject");
  CHECK(log[3].details == "rejected b2: sai số liệu");
}

TEST_CASE("the author may not approve their own item even as an approver") {
  TempDir dir;
  auto store = openStore(dir.path());
  addStaff(*store);
  // Only editors and admins write; an admin who writes may not approve, and
  // an approver never wrote it: authorship is checked by name.
  auto b = store->items().add(bulletin("t", "x"), fakeAsset(dir.path(), 'a', seconds(1)), "root").value();
  auto own = store->items().approve(b.id, "root");
  REQUIRE_FALSE(own);
  CHECK(own.error().kind == ErrorKind::kPermission);
  CHECK(store->items().approve(b.id, "hoa"));
}

TEST_CASE("only approved items whose validity covers a day can be planned on it") {
  TempDir dir;
  auto store = openStore(dir.path());
  addStaff(*store);
  auto asset = fakeAsset(dir.path(), 'a', seconds(30));
  NewItem may = bulletin("t", "may");
  may.valid_from = day(2026, 5, 1);
  may.valid_to = day(2026, 5, 31);
  NewItem open = bulletin("t", "open");
  NewItem from_june = bulletin("t", "june");
  from_june.valid_from = day(2026, 6, 1);
  NewItem draft = bulletin("t", "draft");
  auto b_may = store->items().add(may, asset, "lan").value();
  auto b_open = store->items().add(open, asset, "lan").value();
  auto b_june = store->items().add(from_june, asset, "lan").value();
  store->items().add(draft, asset, "lan").value();
  for (const auto& id : {b_may.id, b_open.id, b_june.id}) REQUIRE(store->items().approve(id, "hoa"));

  auto ids = [](const std::vector<Item>& items) {
    std::vector<std::string> out;
    for (const auto& i : items) out.push_back(i.id);
    return out;
  };
  CHECK(ids(store->items().approvedValidOn(day(2026, 5, 15)).value()) == std::vector<std::string>{"b1", "b2"});
  CHECK(ids(store->items().approvedValidOn(day(2026, 6, 1)).value()) == std::vector<std::string>{"b2", "b3"});
  CHECK(ids(store->items().approvedValidOn(day(2026, 4, 30)).value()) == std::vector<std::string>{"b2"});
  CHECK(ids(store->items().approvedValidBetween(day(2026, 5, 31), day(2026, 6, 1)).value()) ==
        std::vector<std::string>{"b1", "b2", "b3"});
  CHECK(b_may.validOn(day(2026, 5, 31)));
  CHECK_FALSE(b_may.validOn(day(2026, 6, 1)));
}
