#include "config/output_uri.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <iterator>

namespace wardcast {
namespace {

// How the part after "scheme:" reads.
enum class Body {
  kAuthority = 1,  // //[user[:password]@]host[:port][/path]
  kDevice,         // //anything-up-to-the-query (ALSA device names hold ':' and ',')
  kFile,           // ///absolute/path or relative/path
};
enum class Part { kNone = 1, kOptional, kRequired };

struct SchemeRule {
  std::string_view scheme;
  Body body;
  Part host;
  Part port;
  Part path;
  std::vector<std::string_view> options;
};

const std::vector<SchemeRule>& outputRules() {
  static const std::vector<SchemeRule> rules = {
      {"rtp",
       Body::kAuthority,
       Part::kRequired,
       Part::kRequired,
       Part::kNone,
       {"codec", "bitrate", "ptime", "pt", "ttl", "ssrc", "iface"}},
      {"icecast",
       Body::kAuthority,
       Part::kRequired,
       Part::kOptional,
       Part::kRequired,
       {"codec", "bitrate", "name", "description", "genre", "public"}},
      {"alsa",
       Body::kDevice,
       Part::kNone,
       Part::kNone,
       Part::kRequired,
       {"rate", "channels", "buffer_ms"}},
      {"srt",
       Body::kAuthority,
       Part::kOptional,
       Part::kRequired,
       Part::kNone,
       {"mode", "latency", "passphrase", "streamid", "codec", "bitrate"}},
      {"rtsp",
       Body::kAuthority,
       Part::kRequired,
       Part::kOptional,
       Part::kRequired,
       {"codec", "bitrate"}},
      {"display",
       Body::kDevice,
       Part::kNone,
       Part::kNone,
       Part::kOptional,
       {"fullscreen", "width", "height"}},
      {"file", Body::kFile, Part::kNone, Part::kNone, Part::kRequired, {"codec", "bitrate"}},
  };
  return rules;
}

// The schemes of drivers/amplifier_factory.hpp, which checks the values at
// start-up; here the shape and the option names.
const std::vector<SchemeRule>& amplifierRules() {
  static const std::vector<SchemeRule> rules = {
      {"modbus-tcp",
       Body::kAuthority,
       Part::kRequired,
       Part::kOptional,
       Part::kNone,
       {"coil", "unit", "timeout", "lead", "tail", "retry", "retry_max"}},
      {"modbus-rtu",
       Body::kFile,
       Part::kNone,
       Part::kNone,
       Part::kRequired,
       {"coil", "unit", "timeout", "baud", "parity", "data", "stop", "lead", "tail", "retry",
        "retry_max"}},
      {"exec",
       Body::kFile,
       Part::kNone,
       Part::kNone,
       Part::kRequired,
       {"on", "off", "timeout", "lead", "tail", "retry", "retry_max"}},
  };
  return rules;
}

const std::vector<SchemeRule>& relayRules() {
  static const std::vector<SchemeRule> rules = {
      {"http", Body::kAuthority, Part::kRequired, Part::kOptional, Part::kOptional, {}},
      {"https", Body::kAuthority, Part::kRequired, Part::kOptional, Part::kOptional, {}},
      {"icecast", Body::kAuthority, Part::kRequired, Part::kOptional, Part::kRequired, {}},
      {"rtp", Body::kAuthority, Part::kRequired, Part::kRequired, Part::kNone, {"codec", "pt"}},
      {"rtsp", Body::kAuthority, Part::kRequired, Part::kOptional, Part::kRequired, {}},
      {"srt",
       Body::kAuthority,
       Part::kOptional,
       Part::kRequired,
       Part::kNone,
       {"mode", "latency", "passphrase", "streamid"}},
      {"file", Body::kFile, Part::kNone, Part::kNone, Part::kRequired, {}},
  };
  return rules;
}

constexpr std::string_view kCodecs[] = {"opus", "mp3",  "vorbis", "aac", "flac", "l16",  "pcmu",
                                        "pcma", "h264", "h265",   "vp8", "vp9",  "mjpeg"};
constexpr std::string_view kIntegerOptions[] = {
    "bitrate",   "ptime", "pt",     "ttl",  "ssrc", "latency", "rate", "channels",
    "buffer_ms", "width", "height", "coil", "unit", "baud",    "data", "stop"};
// Options that may be given more than once (exec's on=ARG&on=ARG).
constexpr std::string_view kRepeatableOptions[] = {"on", "off"};

Error invalid(std::string message) {
  return makeError(ErrorKind::kInvalidInput, std::move(message));
}

bool isDigits(std::string_view text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "%41" -> "A"; nullopt when a '%' is not followed by two hex digits.
std::optional<std::string> percentDecode(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out.push_back(text[i]);
      continue;
    }
    unsigned value = 0;
    if (i + 2 >= text.size()) return std::nullopt;
    auto [end, ec] = std::from_chars(text.data() + i + 1, text.data() + i + 3, value, 16);
    if (ec != std::errc() || end != text.data() + i + 3) return std::nullopt;
    out.push_back(char(value));
    i += 2;
  }
  return out;
}

bool validHost(std::string_view host) {
  if (host.empty()) return false;
  return std::all_of(host.begin(), host.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '-' || c == '_';
  });
}

// Splits "[user[:password]@]host[:port]" into `uri`.
std::optional<Error> splitAuthority(std::string_view authority, OutputUri& uri) {
  if (auto at = authority.rfind('@'); at != std::string_view::npos) {
    auto userinfo = authority.substr(0, at);
    authority = authority.substr(at + 1);
    auto colon = userinfo.find(':');
    auto user = percentDecode(userinfo.substr(0, colon));
    auto password =
        percentDecode(colon == std::string_view::npos ? "" : userinfo.substr(colon + 1));
    if (!user || !password) return invalid("malformed percent-escape in the user or password");
    uri.user = *user;
    uri.password = *password;
  }
  std::string_view port;
  if (!authority.empty() && authority.front() == '[') {
    auto close = authority.find(']');
    if (close == std::string_view::npos) return invalid("unclosed '[' in an IPv6 address");
    uri.host = std::string(authority.substr(1, close - 1));
    auto rest = authority.substr(close + 1);
    if (!rest.empty() && rest.front() != ':') return invalid("expected ':PORT' after ']'");
    if (!rest.empty()) port = rest.substr(1);
    if (uri.host.empty()) return invalid("empty IPv6 address in '[]'");
  } else {
    auto colon = authority.rfind(':');
    uri.host = std::string(authority.substr(0, colon));
    if (colon != std::string_view::npos) port = authority.substr(colon + 1);
    if (!uri.host.empty() && !validHost(uri.host))
      return invalid(fmt::format("invalid host \"{}\"", uri.host));
    if (colon != std::string_view::npos && port.empty()) return invalid("empty port after ':'");
  }
  if (!port.empty()) {
    if (!isDigits(port) || port.size() > 5 || std::stoi(std::string(port)) < 1 ||
        std::stoi(std::string(port)) > 65535)
      return invalid(fmt::format("invalid port \"{}\" (expected 1 to 65535)", port));
    uri.port = std::stoi(std::string(port));
  }
  return std::nullopt;
}

std::optional<Error> splitQuery(std::string_view query, OutputUri& uri) {
  while (!query.empty()) {
    auto amp = query.find('&');
    auto pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    auto eq = pair.find('=');
    if (eq == std::string_view::npos || eq == 0)
      return invalid(fmt::format("malformed option \"{}\" (expected NAME=VALUE)", pair));
    auto value = percentDecode(pair.substr(eq + 1));
    if (!value) return invalid(fmt::format("malformed percent-escape in option \"{}\"", pair));
    std::string key(pair.substr(0, eq));
    bool repeatable = std::find(std::begin(kRepeatableOptions), std::end(kRepeatableOptions),
                                key) != std::end(kRepeatableOptions);
    if (!repeatable && uri.option(key))
      return invalid(fmt::format("option \"{}\" is given twice", key));
    uri.options.emplace_back(std::move(key), std::move(*value));
  }
  return std::nullopt;
}

bool isDuration(std::string_view text) {
  std::size_t digits = 0;
  while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
  auto unit = text.substr(digits);
  return digits > 0 && (unit == "ms" || unit == "s" || unit == "m" || unit == "h");
}

std::optional<Error> checkOption(const SchemeRule& rule, const std::string& key,
                                 const std::string& value) {
  if (std::find(rule.options.begin(), rule.options.end(), key) == rule.options.end()) {
    std::vector<std::string_view> known(rule.options.begin(), rule.options.end());
    return invalid(fmt::format("unknown option \"{}\" for {}:// (known options: {})", key,
                               rule.scheme,
                               known.empty() ? "none" : fmt::format("{}", fmt::join(known, ", "))));
  }
  auto bad = [&](std::string_view expected) {
    return invalid(fmt::format("option {}={} is invalid (expected {})", key, value, expected));
  };
  if (std::find(std::begin(kIntegerOptions), std::end(kIntegerOptions), key) !=
          std::end(kIntegerOptions) &&
      (!isDigits(value) || value.size() > 9))
    return bad("a whole number");
  if (key == "codec" &&
      std::find(std::begin(kCodecs), std::end(kCodecs), value) == std::end(kCodecs))
    return bad(fmt::format("one of {}", fmt::join(kCodecs, ", ")));
  if (key == "mode" && value != "caller" && value != "listener" && value != "rendezvous")
    return bad("caller, listener or rendezvous");
  if ((key == "public" || key == "fullscreen") && value != "true" && value != "false")
    return bad("true or false");
  bool duration =
      key == "lead" || key == "tail" || key == "retry" || key == "retry_max" || key == "timeout";
  if (duration && !isDuration(value)) return bad("a duration such as 30s, 500ms, 2m or 1h");
  if (key == "parity" && value != "N" && value != "E" && value != "O") return bad("N, E or O");
  return std::nullopt;
}

std::optional<Error> checkParts(const SchemeRule& rule, const OutputUri& uri) {
  auto scheme = rule.scheme;
  if (rule.host == Part::kRequired && uri.host.empty())
    return invalid(fmt::format("{}:// needs a host", scheme));
  if (rule.port == Part::kRequired && uri.port == 0)
    return invalid(fmt::format("{}:// needs a port (HOST:PORT)", scheme));
  bool has_path = !uri.path.empty() && uri.path != "/";
  if (rule.path == Part::kRequired && !has_path) {
    if (rule.body == Body::kDevice)
      return invalid(fmt::format("{}:// needs a device name", scheme));
    return invalid(fmt::format("{}:// needs a path", scheme));
  }
  if (rule.path == Part::kNone && has_path)
    return invalid(fmt::format("{}:// takes no path, got \"{}\"", scheme, uri.path));
  if (rule.scheme.starts_with("modbus") && !uri.option("coil"))
    return invalid(
        fmt::format("{}:// needs the option coil=N (the relay coil that powers the "
                    "amplifier)",
                    scheme));
  if (rule.scheme != "file" && rule.body == Body::kFile && !uri.path.starts_with("/"))
    return invalid(fmt::format("expected {}:///ABSOLUTE/PATH", scheme));
  return std::nullopt;
}

// Splits the text after "scheme:" by the rule's body.
std::optional<Error> splitBody(const SchemeRule& rule, std::string_view body, OutputUri& uri) {
  auto question = body.find('?');
  if (question != std::string_view::npos) {
    if (auto error = splitQuery(body.substr(question + 1), uri)) return error;
    body = body.substr(0, question);
  }
  bool slashes = body.starts_with("//");
  if (rule.body == Body::kFile) {
    // file:///abs, file://localhost/abs or file:relative (no "//").
    if (slashes) {
      body.remove_prefix(2);
      if (body.starts_with("localhost/")) body.remove_prefix(9);
      if (!body.starts_with("/") && rule.scheme == "file")
        return invalid(
            "expected file:///ABSOLUTE/PATH or file:RELATIVE/PATH (relative to data_dir)");
      if (!body.starts_with("/"))
        return invalid(fmt::format("expected {}:///ABSOLUTE/PATH", rule.scheme));
    }
  } else if (!slashes) {
    return invalid(fmt::format("expected {}://...", rule.scheme));
  } else {
    body.remove_prefix(2);
  }
  if (rule.body == Body::kAuthority) {
    auto slash = body.find('/');
    if (auto error = splitAuthority(body.substr(0, slash), uri)) return error;
    body = slash == std::string_view::npos ? std::string_view() : body.substr(slash);
  }
  auto path = percentDecode(body);
  if (!path) return invalid("malformed percent-escape in the path");
  uri.path = *path;
  return std::nullopt;
}

Result<OutputUri> parseWith(std::string_view text, const std::vector<SchemeRule>& rules) {
  auto colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0)
    return invalid("missing scheme (expected SCHEME://...)");
  std::string scheme(text.substr(0, colon));
  std::transform(scheme.begin(), scheme.end(), scheme.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  auto rule = std::find_if(rules.begin(), rules.end(),
                           [&](const SchemeRule& r) { return r.scheme == scheme; });
  if (rule == rules.end()) {
    std::vector<std::string_view> names;
    names.reserve(rules.size());
    for (const auto& r : rules) names.push_back(r.scheme);
    return invalid(
        fmt::format("unknown scheme \"{}\" (expected one of {})", scheme, fmt::join(names, ", ")));
  }
  OutputUri uri;
  uri.scheme = scheme;
  if (auto error = splitBody(*rule, text.substr(colon + 1), uri)) return *error;
  if (auto error = checkParts(*rule, uri)) return *error;
  for (const auto& [key, value] : uri.options)
    if (auto error = checkOption(*rule, key, value)) return *error;
  return uri;
}

}  // namespace

std::optional<std::string> OutputUri::option(std::string_view key) const {
  for (const auto& [k, v] : options)
    if (k == key) return v;
  return std::nullopt;
}

Result<OutputUri> parseOutputUri(std::string_view text) {
  return parseWith(text, outputRules());
}

Result<OutputUri> parseAmplifierUri(std::string_view text) {
  return parseWith(text, amplifierRules());
}

Result<OutputUri> parseRelaySourceUri(std::string_view text) {
  return parseWith(text, relayRules());
}

const std::vector<std::string>& outputSchemes() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const auto& rule : outputRules()) out.emplace_back(rule.scheme);
    return out;
  }();
  return names;
}

}  // namespace wardcast
