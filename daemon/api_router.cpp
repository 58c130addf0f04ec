#include "daemon/api_router.hpp"

#include <nlohmann/json.hpp>

namespace wardcast::daemon {
namespace {

std::optional<std::string> percentDecode(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '+') {
      out += ' ';
    } else if (c != '%') {
      out += c;
    } else {
      if (i + 2 >= text.size()) return std::nullopt;
      auto hex = [](char h) -> int {
        if (h >= '0' && h <= '9') return h - '0';
        if (h >= 'a' && h <= 'f') return h - 'a' + 10;
        if (h >= 'A' && h <= 'F') return h - 'A' + 10;
        return -1;
      };
      int hi = hex(text[i + 1]), lo = hex(text[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    }
  }
  return out;
}

}  // namespace

ApiResponse jsonError(unsigned status, const std::string& message, const std::string& field) {
  nlohmann::json body{{"error", message}};
  if (!field.empty()) body["field"] = field;
  return ApiResponse{status, "application/json", body.dump()};
}

void ApiRouter::add(boost::beast::http::verb method, std::string path, std::string summary, Handler handler) {
  entries_.push_back(Entry{Route{method, std::move(path), std::move(summary)}, std::move(handler)});
}

ApiResponse ApiRouter::handle(const ApiRequest& request) const {
  bool path_known = false;
  for (const auto& entry : entries_) {
    if (entry.route.path != request.path) continue;
    path_known = true;
    if (entry.route.method == request.method) return entry.handler(request);
  }
  if (path_known) return jsonError(405, "method not allowed on " + request.path);
  return jsonError(404, "no such route: " + request.path);
}

std::vector<ApiRouter::Route> ApiRouter::routes() const {
  std::vector<Route> out;
  for (const auto& entry : entries_) out.push_back(entry.route);
  return out;
}

std::optional<std::pair<std::string, std::map<std::string, std::string>>> splitTarget(const std::string& target) {
  if (target.empty() || target.front() != '/') return std::nullopt;
  auto question = target.find('?');
  auto path = percentDecode(std::string_view(target).substr(0, question));
  if (!path) return std::nullopt;
  std::map<std::string, std::string> query;
  if (question != std::string::npos) {
    std::string_view rest = std::string_view(target).substr(question + 1);
    while (!rest.empty()) {
      auto amp = rest.find('&');
      std::string_view pair = rest.substr(0, amp);
      rest = amp == std::string_view::npos ? std::string_view{} : rest.substr(amp + 1);
      if (pair.empty()) continue;
      auto eq = pair.find('=');
      auto key = percentDecode(pair.substr(0, eq));
      auto value = percentDecode(eq == std::string_view::npos ? std::string_view{} : pair.substr(eq + 1));
      if (!key || !value) return std::nullopt;
      query[*key] = *value;
    }
  }
  return std::make_pair(*path, query);
}

}  // namespace wardcast::daemon
