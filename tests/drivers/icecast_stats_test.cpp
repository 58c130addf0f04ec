// Parsing Icecast's statistics: the shapes Icecast 2.4 really produces.
#include <catch2/catch.hpp>

#include "drivers/icecast_stats.hpp"
#include "drivers/icecast_stats_poller.hpp"

using namespace wardcast::drivers;

TEST_CASE("status-json with one source (an object)", "[drivers][icecast]") {
  auto mounts = parseStatusJson(R"({"icestats":{"admin":"icemaster@localhost","host":"127.0.0.1",
    "server_id":"Icecast 2.4.4","source":{"genre":"various","listener_peak":3,"listeners":2,
    "listenurl":"http://127.0.0.1:8000/ward.mp3","server_type":"audio/mpeg","dummy":null}}})");
  REQUIRE(mounts.ok());
  REQUIRE(mounts->size() == 1);
  CHECK((*mounts)[0].mount == "/ward.mp3");
  CHECK((*mounts)[0].listeners == 2);
  CHECK((*mounts)[0].peak == 3);
}

TEST_CASE("status-json with several sources (an array) and string counts", "[drivers][icecast]") {
  auto mounts = parseStatusJson(R"({"icestats":{"source":[
    {"listeners":"5","listenurl":"http://h:8000/to-7.mp3"},
    {"listeners":0,"mount":"/ward.mp3"}]}})");
  REQUIRE(mounts.ok());
  REQUIRE(mounts->size() == 2);
  CHECK((*mounts)[0].mount == "/to-7.mp3");
  CHECK((*mounts)[0].listeners == 5);
  CHECK_FALSE((*mounts)[0].peak);
  CHECK((*mounts)[1].mount == "/ward.mp3");
  CHECK((*mounts)[1].listeners == 0);
}

TEST_CASE("status-json without sources", "[drivers][icecast]") {
  auto mounts = parseStatusJson(R"({"icestats":{"host":"127.0.0.1","dummy":null}})");
  REQUIRE(mounts.ok());
  CHECK(mounts->empty());
}

TEST_CASE("malformed statistics are errors that say why", "[drivers][icecast]") {
  auto not_json = parseStatusJson("<html>404</html>");
  REQUIRE_FALSE(not_json.ok());
  CHECK_THAT(not_json.error().message, Catch::Contains("not valid JSON"));
  auto no_count = parseStatusJson(R"({"icestats":{"source":{"listenurl":"http://h/a.mp3"}}})");
  REQUIRE_FALSE(no_count.ok());
  CHECK_THAT(no_count.error().message, Catch::Contains("/a.mp3 has no listener count"));
  auto not_xml = parseAdminStats("{}");
  REQUIRE_FALSE(not_xml.ok());
  CHECK_THAT(not_xml.error().message, Catch::Contains("not valid XML"));
  auto not_stats = parseAdminStats("<html><body>login</body></html>");
  REQUIRE_FALSE(not_stats.ok());
  CHECK_THAT(not_stats.error().message, Catch::Contains("no <icestats>"));
}

TEST_CASE("admin stats XML lists every mount", "[drivers][icecast]") {
  auto mounts = parseAdminStats(R"(<?xml version="1.0"?>
    <icestats><listeners>4</listeners><sources>2</sources>
    <source mount="/ward.mp3"><listener_peak>4</listener_peak><listeners>3</listeners></source>
    <source mount="/hidden.ogg"><listeners>1</listeners></source></icestats>)");
  REQUIRE(mounts.ok());
  REQUIRE(mounts->size() == 2);
  CHECK((*mounts)[0].mount == "/hidden.ogg");
  CHECK((*mounts)[0].listeners == 1);
  CHECK((*mounts)[1].mount == "/ward.mp3");
  CHECK((*mounts)[1].listeners == 3);
  CHECK((*mounts)[1].peak == 4);
}

TEST_CASE("an icecast output URI names the server and mount to poll", "[drivers][icecast]") {
  auto target = icecastTargetFor("icecast://source:secret@127.0.0.1:8000/ward.mp3");
  REQUIRE(target.ok());
  CHECK(target->server.host == "127.0.0.1");
  CHECK(target->server.port == 8000);
  CHECK_FALSE(target->server.admin_user);
  CHECK(target->mount == "/ward.mp3");
  CHECK_FALSE(icecastTargetFor("rtp://127.0.0.1:5004").ok());
  CHECK_FALSE(icecastTargetFor("icecast://127.0.0.1:8000").ok());
}
