// The API router: routes by method and path, 404 and 405 as JSON errors,
// targets split into path and decoded query.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "daemon/api_router.hpp"
#include "daemon/status_routes.hpp"

using namespace wardcast::daemon;
namespace http = boost::beast::http;

TEST_CASE("the router answers a known route, 405 for another method, 404 for an unknown path") {
  ApiRouter router;
  router.add(http::verb::get, "/api/v1/status", "status", [](const ApiRequest& r) {
    return ApiResponse{200, "application/json", nlohmann::json{{"user", r.user}}.dump()};
  });
  ApiRequest get;
  get.path = "/api/v1/status";
  get.user = "lan";
  auto ok = router.handle(get);
  CHECK(ok.status == 200);
  CHECK(nlohmann::json::parse(ok.body)["user"] == "lan");

  ApiRequest post = get;
  post.method = http::verb::post;
  auto wrong = router.handle(post);
  CHECK(wrong.status == 405);
  CHECK(nlohmann::json::parse(wrong.body)["error"].get<std::string>().find("/api/v1/status") != std::string::npos);

  ApiRequest unknown;
  unknown.path = "/api/v1/nothing";
  CHECK(router.handle(unknown).status == 404);
  REQUIRE(router.routes().size() == 1);
  CHECK(router.routes()[0].summary == "status");
}

TEST_CASE("request targets are split into a path and a decoded query") {
  auto t = splitTarget("/api/v1/as-run?date=2026-05-01&channel=ph%C6%B0%E1%BB%9Dng+1&flag");
  REQUIRE(t);
  CHECK(t->first == "/api/v1/as-run");
  CHECK(t->second.at("date") == "2026-05-01");
  CHECK(t->second.at("channel") == "phường 1");
  CHECK(t->second.at("flag").empty());
  CHECK_FALSE(splitTarget("api/v1/status"));
  CHECK_FALSE(splitTarget("/a?x=%G1"));
  CHECK_FALSE(splitTarget("/a?x=%4"));
  CHECK_FALSE(splitTarget(""));
}

TEST_CASE("errors are JSON with the field they concern") {
  auto e = jsonError(400, "date x is not a date", "date");
  CHECK(e.status == 400);
  auto body = nlohmann::json::parse(e.body);
  CHECK(body["error"] == "date x is not a date");
  CHECK(body["field"] == "date");
  CHECK_FALSE(nlohmann::json::parse(jsonError(404, "no").body).contains("field"));
}

TEST_CASE("the status shows outputs without their passwords") {
  CHECK(withoutPassword("icecast://source:s3cret@127.0.0.1:8000/ward.mp3") == "icecast://source:***@127.0.0.1:8000/ward.mp3");
  CHECK(withoutPassword("rtp://127.0.0.1:5004?codec=opus") == "rtp://127.0.0.1:5004?codec=opus");
  CHECK(withoutPassword("file:///var/lib/wardcast/rec/a@b.ogg") == "file:///var/lib/wardcast/rec/a@b.ogg");
  CHECK(withoutPassword("icecast://source@host/m") == "icecast://source@host/m");
}
