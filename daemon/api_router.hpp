#pragma once
// ApiRouter: the routes of wardcastd's HTTP API (SPEC §9), independent of
// the listener they arrive on. Each route is a method, a path and a
// handler that turns an ApiRequest into an ApiResponse; the listeners
// (HttpServer on the Unix socket now, the authenticated TCP listener with
// the console) only parse HTTP and ask the router. Routes are added by the
// modules that own them (daemon/status_routes.cpp, ...), so the router
// lists exactly what exists (and openapi.json can be made from it).
//
// Errors are JSON {"error": "...", "field": "..."} with the status of §9.
//
// Threads: handlers run on the daemon's loop.
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <boost/beast/http/verb.hpp>

namespace wardcast::daemon {

struct ApiRequest {
  boost::beast::http::verb method = boost::beast::http::verb::get;
  std::string path;                          // without the query
  std::map<std::string, std::string> query;  // decoded
  std::string body;
  // Who asks: on the Unix socket, the user the request names (trusted as
  // the command line trusts the local account); empty when it names none.
  std::string user;
};

struct ApiResponse {
  unsigned status = 200;
  std::string content_type = "application/json";
  std::string body;
};

ApiResponse jsonError(unsigned status, const std::string& message, const std::string& field = {});

class ApiRouter {
 public:
  using Handler = std::function<ApiResponse(const ApiRequest&)>;
  struct Route {
    boost::beast::http::verb method;
    std::string path;
    std::string summary;  // one line, for openapi.json
  };

  void add(boost::beast::http::verb method, std::string path, std::string summary, Handler handler);
  // 404 for a path no route has, 405 for a known path and another method.
  ApiResponse handle(const ApiRequest& request) const;
  std::vector<Route> routes() const;

 private:
  struct Entry {
    Route route;
    Handler handler;
  };
  std::vector<Entry> entries_;
};

// "/a/b?x=1&y=%C3%A1" -> path "/a/b", query {x: 1, y: á}. nullopt when the
// target is malformed (bad percent escape, no leading '/').
std::optional<std::pair<std::string, std::map<std::string, std::string>>> splitTarget(const std::string& target);

}  // namespace wardcast::daemon
