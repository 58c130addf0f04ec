#pragma once
// DriverUri: the parsed form of a driver URI from the station config
// (`modbus-tcp://127.0.0.1:1502?coil=3&lead=30s`, `exec:///usr/bin/amp?on=x`).
// Generic RFC 3986 subset: scheme, optional user:password@host:port
// authority, path and a query of key=value pairs (percent-decoded, keys may
// repeat and keep their order). No fragment. Pure functions, no I/O.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "util/result.hpp"

namespace wardcast::drivers {

struct DriverUri {
  std::string scheme;    // lower case, without "://"
  std::string user;      // percent-decoded; empty when absent
  std::string password;  // percent-decoded; empty when absent
  std::string host;      // without brackets for [::1]
  std::optional<int> port;
  std::string path;  // percent-decoded, starts with '/' or is empty
  std::vector<std::pair<std::string, std::string>> query;  // decoded, in order

  // The first value of `key`, if present.
  std::optional<std::string> get(std::string_view key) const;
  // Every value of `key`, in order.
  std::vector<std::string> getAll(std::string_view key) const;
};

// Parses `scheme://[user[:password]@]host[:port][/path][?k=v&k=v]`.
// Errors name the URI and what is wrong with it.
Result<DriverUri> parseDriverUri(std::string_view text);

// "30s", "500ms", "2m", "1h" -> milliseconds. A bare number is refused: the
// unit must be written. Negative values are refused.
std::optional<std::chrono::milliseconds> parseDuration(std::string_view text);

// Checks that every query key is one of `allowed`; the error names the first
// unknown key and lists the allowed ones.
Status checkQueryKeys(const DriverUri& uri, std::string_view uri_text,
                      const std::vector<std::string_view>& allowed);

}  // namespace wardcast::drivers
