#include "drivers/driver_uri.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

#include <fmt/format.h>

namespace wardcast::drivers {
namespace {

int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Percent-decodes; '+' stays '+' (this is a URI, not a form body).
std::optional<std::string> decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out.push_back(text[i]);
      continue;
    }
    if (i + 2 >= text.size()) return std::nullopt;
    int hi = hexValue(text[i + 1]);
    int lo = hexValue(text[i + 2]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out.push_back(static_cast<char>(hi * 16 + lo));
    i += 2;
  }
  return out;
}

Error bad(std::string_view uri, std::string_view what) {
  return makeError(ErrorKind::kInvalidInput, fmt::format("bad driver URI \"{}\": {}", uri, what));
}

Status parseAuthority(std::string_view uri, std::string_view authority, DriverUri& out) {
  if (auto at = authority.rfind('@'); at != std::string_view::npos) {
    std::string_view userinfo = authority.substr(0, at);
    authority.remove_prefix(at + 1);
    std::string_view user = userinfo;
    std::string_view password;
    if (auto colon = userinfo.find(':'); colon != std::string_view::npos) {
      user = userinfo.substr(0, colon);
      password = userinfo.substr(colon + 1);
    }
    auto u = decode(user);
    auto p = decode(password);
    if (!u || !p) return bad(uri, "malformed percent-escape in user or password");
    out.user = *u;
    out.password = *p;
  }
  std::string_view port_text;
  if (authority.starts_with('[')) {
    auto close = authority.find(']');
    if (close == std::string_view::npos) return bad(uri, "unclosed '[' in host");
    out.host = std::string(authority.substr(1, close - 1));
    std::string_view rest = authority.substr(close + 1);
    if (!rest.empty()) {
      if (rest[0] != ':') return bad(uri, "expected ':PORT' after ']'");
      port_text = rest.substr(1);
    }
  } else if (auto colon = authority.rfind(':'); colon != std::string_view::npos) {
    out.host = std::string(authority.substr(0, colon));
    port_text = authority.substr(colon + 1);
  } else {
    out.host = std::string(authority);
  }
  if (authority.find(':') != std::string_view::npos || !port_text.empty()) {
    int port = 0;
    auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
    if (ec != std::errc() || end != port_text.data() + port_text.size() || port < 1 ||
        port > 65535) {
      return bad(uri, fmt::format("port \"{}\" is not a number from 1 to 65535", port_text));
    }
    out.port = port;
  }
  return okStatus();
}

Status parseQuery(std::string_view uri, std::string_view query, DriverUri& out) {
  while (!query.empty()) {
    auto amp = query.find('&');
    std::string_view item = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
    if (item.empty()) continue;
    auto eq = item.find('=');
    if (eq == std::string_view::npos || eq == 0) {
      return bad(uri, fmt::format("query item \"{}\" is not KEY=VALUE", item));
    }
    auto key = decode(item.substr(0, eq));
    auto value = decode(item.substr(eq + 1));
    if (!key || !value) return bad(uri, fmt::format("malformed percent-escape in \"{}\"", item));
    out.query.emplace_back(*key, *value);
  }
  return okStatus();
}

}  // namespace

std::optional<std::string> DriverUri::get(std::string_view key) const {
  for (const auto& [k, v] : query) {
    if (k == key) return v;
  }
  return std::nullopt;
}

std::vector<std::string> DriverUri::getAll(std::string_view key) const {
  std::vector<std::string> values;
  for (const auto& [k, v] : query) {
    if (k == key) values.push_back(v);
  }
  return values;
}

Result<DriverUri> parseDriverUri(std::string_view text) {
  DriverUri out;
  auto sep = text.find("://");
  if (sep == std::string_view::npos || sep == 0) {
    return bad(text, "expected SCHEME://...");
  }
  for (char c : text.substr(0, sep)) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '+' && c != '.') {
      return bad(text, "the scheme may hold only letters, digits, '-', '+' and '.'");
    }
    out.scheme.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  if (text.find('#') != std::string_view::npos) return bad(text, "fragments ('#') are not allowed");
  std::string_view rest = text.substr(sep + 3);
  std::string_view query;
  if (auto q = rest.find('?'); q != std::string_view::npos) {
    query = rest.substr(q + 1);
    rest = rest.substr(0, q);
  }
  auto slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  if (slash != std::string_view::npos) {
    auto path = decode(rest.substr(slash));
    if (!path) return bad(text, "malformed percent-escape in the path");
    out.path = *path;
  }
  if (auto st = parseAuthority(text, authority, out); !st) return st.error();
  if (auto st = parseQuery(text, query, out); !st) return st.error();
  return out;
}

std::optional<std::chrono::milliseconds> parseDuration(std::string_view text) {
  long long value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end == text.data() || value < 0) return std::nullopt;
  std::string_view unit(end, static_cast<std::size_t>(text.data() + text.size() - end));
  using namespace std::chrono;
  if (unit == "ms") return milliseconds(value);
  if (unit == "s") return duration_cast<milliseconds>(seconds(value));
  if (unit == "m" || unit == "min") return duration_cast<milliseconds>(minutes(value));
  if (unit == "h") return duration_cast<milliseconds>(hours(value));
  return std::nullopt;
}

Status checkQueryKeys(const DriverUri& uri, std::string_view uri_text,
                      const std::vector<std::string_view>& allowed) {
  for (const auto& [key, value] : uri.query) {
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      return bad(uri_text,
                 fmt::format("unknown option \"{}\" (allowed: {})", key, fmt::join(allowed, ", ")));
    }
  }
  return okStatus();
}

}  // namespace wardcast::drivers
