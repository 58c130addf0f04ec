#include "config/toml_table_reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "config/station_config.hpp"

namespace wardcast::config {
namespace {

std::size_t editDistance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

}  // namespace

void failAt(const toml::source_region& where, const std::string& message) {
  std::string file = where.path ? *where.path : std::string("<station file>");
  throw ConfigError(fmt::format("{}:{}:{}: {}", file, std::max<unsigned>(where.begin.line, 1),
                                std::max<unsigned>(where.begin.column, 1), message));
}

void failInFile(const std::string& file, const std::string& message) {
  throw ConfigError(fmt::format("{}:1:1: {}", file, message));
}

std::string describeType(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::string:
      return "a string";
    case toml::node_type::integer:
      return "an integer";
    case toml::node_type::floating_point:
      return "a floating-point number";
    case toml::node_type::boolean:
      return "a boolean";
    case toml::node_type::array:
      return "an array";
    case toml::node_type::table:
      return "a table";
    case toml::node_type::date:
      return "a date";
    case toml::node_type::time:
      return "a time";
    case toml::node_type::date_time:
      return "a date-time";
    default:
      return "nothing";
  }
}

std::string inQuotes(std::string_view value) {
  return fmt::format("\"{}\"", value);
}

std::string joinNames(const std::vector<std::string>& names) {
  return fmt::format("{}", fmt::join(names, ", "));
}

std::string closestName(std::string_view word, const std::vector<std::string>& candidates) {
  std::string best;
  std::size_t best_distance = std::string::npos;
  for (const auto& candidate : candidates) {
    std::size_t distance = editDistance(word, candidate);
    // A prefix ("tts_rate" for "tts_rate_wpm") is an obvious slip too.
    bool prefix = word.size() >= 3 && (candidate.starts_with(word) || word.starts_with(candidate));
    if (prefix) distance = std::min<std::size_t>(distance, 1);
    if (distance < best_distance) {
      best_distance = distance;
      best = candidate;
    }
  }
  std::size_t limit = std::max<std::size_t>(1, std::min<std::size_t>(3, word.size() / 3));
  return best_distance <= limit ? best : std::string();
}

const toml::array* tableArray(const toml::table& parent, std::string_view key,
                              std::string_view header) {
  const toml::node* node = parent.get(key);
  if (!node) return nullptr;
  const auto* array = node->as_array();
  if (!array || !array->is_array_of_tables())
    failAt(node->source(), fmt::format("{} must be an array of tables, declared as {} sections, "
                                       "got {}",
                                       key, header, describeType(*node)));
  return array;
}

void checkName(const LocatedText& name, std::string_view what) {
  auto ok = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == '.';
  };
  bool valid = !name.value.empty() && std::all_of(name.value.begin(), name.value.end(), ok) &&
               name.value.front() != '-' && name.value.front() != '_' && name.value.front() != '.';
  if (!valid)
    failAt(name.where, fmt::format("{} {} is invalid (expected ASCII letters, digits, '-', '_' or "
                                   "'.', starting with a letter or digit, e.g. \"to-1\")",
                                   what, inQuotes(name.value)));
}

TableReader::TableReader(const toml::table& table, std::string label,
                         std::vector<std::string> known)
    : table_(table), label_(std::move(label)) {
  // Report the first unknown key in file order, not in the table's key order.
  const toml::key* first = nullptr;
  for (auto&& [key, value] : table_) {
    if (std::find(known.begin(), known.end(), key.str()) != known.end()) continue;
    if (!first || key.source().begin < first->source().begin) first = &key;
  }
  if (!first) return;
  std::string hint = closestName(first->str(), known);
  std::string suggestion = hint.empty() ? "" : fmt::format("did you mean {}? ", inQuotes(hint));
  failAt(first->source(), fmt::format("{}: unknown key {} ({}known keys: {})", label_,
                                      inQuotes(first->str()), suggestion, joinNames(known)));
}

const toml::node* TableReader::find(std::string_view key) const {
  return table_.get(key);
}

const toml::node& TableReader::require(std::string_view key) const {
  const toml::node* node = find(key);
  if (!node) failMissing(key, "a value");
  return *node;
}

void TableReader::failMissing(std::string_view key, std::string_view expected) const {
  failAt(table_.source(), fmt::format("{}: required key {} is missing (expected {})", label_,
                                      inQuotes(key), expected));
}

void TableReader::failValue(std::string_view key, const std::string& message) const {
  const toml::node* node = find(key);
  failAt(node ? node->source() : table_.source(), fmt::format("{}: {}", label_, message));
}

void TableReader::failType(std::string_view key, const toml::node& node,
                           std::string_view expected) const {
  failAt(node.source(),
         fmt::format("{}: {} must be {}, got {}", label_, key, expected, describeType(node)));
}

std::optional<LocatedText> TableReader::text(std::string_view key, Need need) const {
  const toml::node* node = find(key);
  if (!node) {
    if (need == Need::kRequired) failMissing(key, "a string");
    return std::nullopt;
  }
  const auto* value = node->as_string();
  if (!value) failType(key, *node, "a string");
  if (value->get().empty())
    failAt(node->source(), fmt::format("{}: {} must not be empty", label_, key));
  return LocatedText{value->get(), node->source()};
}

std::optional<double> TableReader::number(std::string_view key, double min, double max,
                                          std::string_view unit) const {
  const toml::node* node = find(key);
  if (!node) return std::nullopt;
  std::optional<double> value;
  if (const auto* f = node->as_floating_point()) value = f->get();
  if (const auto* i = node->as_integer()) value = double(i->get());
  if (!value) failType(key, *node, "a number");
  if (!std::isfinite(*value) || *value < min || *value > max)
    failAt(node->source(), fmt::format("{}: {} = {} is out of range (expected {} to {} {})", label_,
                                       key, *value, min, max, unit));
  return value;
}

std::optional<std::int64_t> TableReader::integer(std::string_view key, std::int64_t min,
                                                 std::int64_t max) const {
  const toml::node* node = find(key);
  if (!node) return std::nullopt;
  const auto* value = node->as_integer();
  if (!value) failType(key, *node, "an integer");
  if (value->get() < min || value->get() > max)
    failAt(node->source(), fmt::format("{}: {} = {} is out of range (expected {} to {})", label_,
                                       key, value->get(), min, max));
  return value->get();
}

std::optional<bool> TableReader::flag(std::string_view key) const {
  const toml::node* node = find(key);
  if (!node) return std::nullopt;
  const auto* value = node->as_boolean();
  if (!value) failType(key, *node, "true or false");
  return value->get();
}

std::vector<LocatedText> TableReader::texts(std::string_view key, Need need) const {
  const toml::node* node = find(key);
  if (!node) {
    if (need == Need::kRequired) failMissing(key, "an array of strings");
    return {};
  }
  const auto* array = node->as_array();
  if (!array) failType(key, *node, "an array of strings");
  if (need == Need::kRequired && array->empty())
    failAt(node->source(), fmt::format("{}: {} must not be empty", label_, key));
  std::vector<LocatedText> out;
  for (const auto& element : *array) {
    const auto* value = element.as_string();
    if (!value)
      failAt(element.source(),
             fmt::format("{}: {} must be an array of strings, but an element is {}", label_, key,
                         describeType(element)));
    if (value->get().empty())
      failAt(element.source(), fmt::format("{}: {} must not contain an empty string", label_, key));
    out.push_back({value->get(), element.source()});
  }
  return out;
}

}  // namespace wardcast::config
