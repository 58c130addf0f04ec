#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "tests/cli_items/cli_items_support.hpp"

using namespace wardcast::test;
using Catch::Contains;

TEST_CASE("the first admin needs no --user, later users need an admin") {
  CliStation s;
  auto editor_first = s.cli({"user", "add", "lan", "--role", "editor"});
  CHECK(editor_first.exit_code == 1);
  CHECK_THAT(editor_first.err, Contains("no admin yet"));

  s.ok({"user", "add", "root", "--role", "admin"});
  auto second_admin = s.cli({"user", "add", "boss", "--role", "admin"});
  CHECK(second_admin.exit_code == 1);
  CHECK_THAT(second_admin.err, Contains("needs an admin"));

  s.ok({"--user", "root", "user", "add", "lan", "--role", "editor"});
  auto by_editor = s.cli({"user", "add", "minh", "--role", "editor", "--user", "lan"});
  CHECK(by_editor.exit_code == 1);
  CHECK_THAT(by_editor.err, Contains("'lan' is not an admin"));
  auto by_ghost = s.cli({"user", "add", "minh", "--role", "editor", "--user", "ghost"});
  CHECK(by_ghost.exit_code == 1);
  CHECK_THAT(by_ghost.err, Contains("no user named 'ghost'"));

  auto list = s.ok({"user", "list"});
  CHECK_THAT(list.out, Contains("lan") && Contains("editor"));
  CHECK_THAT(list.out, Contains("root") && Contains("admin"));
  auto json = nlohmann::json::parse(s.ok({"user", "list", "--format", "json"}).out);
  REQUIRE(json.size() == 2);
  CHECK(json[0]["name"] == "lan");
  CHECK(json[0]["role"] == "editor");
  CHECK(json[1]["role"] == "admin");
}

TEST_CASE("user add --password-stdin stores a password hash, never the password") {
  CliStation s;
  auto r = s.cli({"user", "add", "root", "--role", "admin", "--password-stdin"}, "bí mật 123\n");
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Contains("with a password"));
  auto json = nlohmann::json::parse(s.ok({"user", "list", "--format", "json"}).out);
  CHECK(json[0]["password"] == true);
  // The last connection to close checkpoints the WAL into the main file.
  std::string db = readFile(s.dataDir() / "wardcast.db");
  if (std::filesystem::exists(s.dataDir() / "wardcast.db-wal")) db += readFile(s.dataDir() / "wardcast.db-wal");
  CHECK(db.find("bí mật 123") == std::string::npos);
  CHECK(db.find("$argon2id$") != std::string::npos);
}

TEST_CASE("user commands reject bad usage with exit code 2") {
  CliStation s;
  CHECK(s.cli({"user", "add", "root", "--role", "king"}).exit_code == 2);
  CHECK(s.cli({"user", "add", "root"}).exit_code == 2);
  CHECK(s.cli({"user"}).exit_code == 2);
  auto help = s.cli({"user", "add", "--help"});
  CHECK(help.exit_code == 0);
  CHECK_THAT(help.out, Contains("--role") && Contains("--password-stdin"));
  CHECK(s.cli({"user", "list", "--help"}).exit_code == 0);
}
