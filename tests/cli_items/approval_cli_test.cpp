#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "tests/cli_items/cli_items_support.hpp"

using namespace wardcast::test;
using Catch::Contains;

TEST_CASE("approve and reject follow the approval rules") {
  CliStation s;
  s.addStaff();
  auto tone = s.tone("tone.wav", 1.0);
  s.ok({"--user", "lan", "bulletin", "add", "--topic", "t", "--title", "One", "--audio", tone.string()});
  s.ok({"--user", "lan", "bulletin", "add", "--topic", "t", "--title", "Two", "--audio", tone.string()});

  auto by_author = s.cli({"--user", "lan", "approve", "b1"});
  CHECK(by_author.exit_code == 1);
  CHECK_THAT(by_author.err, Contains("only an approver"));
  auto by_editor = s.cli({"--user", "minh", "approve", "b1"});
  CHECK(by_editor.exit_code == 1);
  CHECK_THAT(by_editor.err, Contains("'minh' is editor"));
  auto by_admin = s.cli({"--user", "root", "approve", "b1"});
  CHECK(by_admin.exit_code == 1);
  auto nobody = s.cli({"approve", "b1"});
  CHECK(nobody.exit_code == 1);
  CHECK_THAT(nobody.err, Contains("--user"));
  auto unknown = s.cli({"--user", "hoa", "approve", "b42"});
  CHECK(unknown.exit_code == 1);
  CHECK_THAT(unknown.err, Contains("b42"));

  auto ok = s.ok({"--user", "hoa", "approve", "b1"});
  CHECK_THAT(ok.out, Contains("approved b1"));
  auto again = s.cli({"--user", "hoa", "approve", "b1"});
  CHECK(again.exit_code == 1);
  CHECK_THAT(again.err, Contains("already approved"));

  CHECK(s.cli({"--user", "hoa", "reject", "b2"}).exit_code == 2);  // --reason is required
  auto blank = s.cli({"--user", "hoa", "reject", "b2", "--reason", " "});
  CHECK(blank.exit_code == 1);
  CHECK_THAT(blank.err, Contains("reason"));
  s.ok({"--user", "hoa", "reject", "b2", "--reason", "Sai giờ làm việc"});

  auto list = nlohmann::json::parse(s.ok({"bulletin", "list", "--format", "json"}).out);
  REQUIRE(list.size() == 2);
  CHECK(list[0]["state"] == "approved");
  CHECK(list[0]["decided_by"] == "hoa");
  CHECK(list[1]["state"] == "rejected");
  CHECK(list[1]["reason"] == "Sai giờ làm việc");
  auto show = s.ok({"bulletin", "show", "b2"});
  CHECK_THAT(show.out, Contains("rejected by:") && Contains("hoa") && Contains("Sai giờ làm việc"));
  auto approved_only = s.ok({"bulletin", "list", "--state", "approved"});
  CHECK_THAT(approved_only.out, Contains("b1"));
  CHECK_THAT(approved_only.out, !Contains("b2"));
}

TEST_CASE("an approver who authored nothing approves an admin's item, but not their own name's") {
  CliStation s;
  s.addStaff();
  auto tone = s.tone("tone.wav", 1.0);
  s.ok({"--user", "root", "bulletin", "add", "--topic", "t", "--title", "By admin", "--audio", tone.string()});
  CHECK(s.cli({"--user", "root", "approve", "b1"}).exit_code == 1);
  s.ok({"--user", "hoa", "approve", "b1"});
}
